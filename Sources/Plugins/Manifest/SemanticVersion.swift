/// A semantic version, `MAJOR.MINOR.PATCH[-prerelease][+build]` (semver.org 2.0), ordered by
/// semver precedence: build metadata is ignored, a prerelease sorts before its release.
///
/// ```swift
/// SemanticVersion("1.2.0")! < SemanticVersion("1.10.0")!   // true
/// SemanticVersion(tag: "v1.2.0")                            // 1.2.0 (git tags may start with v)
/// ```
public struct SemanticVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The major version: incompatible changes.
    public var major: Int
    /// The minor version: compatible additions.
    public var minor: Int
    /// The patch version: compatible fixes.
    public var patch: Int
    /// Prerelease identifiers (`["beta", "2"]` for `-beta.2`); empty for a release.
    public var prerelease: [String]
    /// Build metadata (`+sha.5114f85`), kept for printing but ignored in comparisons.
    public var build: [String]

    /// Makes a version from its parts.
    public init(_ major: Int, _ minor: Int, _ patch: Int, prerelease: [String] = [], build: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    /// Parses a full version (`1.2.0`, `1.2.0-rc.1`); nil for anything else (`1.2`, `v1.2.0`).
    public init?(_ text: String) {
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard build.allSatisfy(Self.isIdentifier) else { return nil }
            rest = rest[..<plus]
        }
        var prerelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
                .map(String.init)
            guard prerelease.allSatisfy(Self.isIdentifier) else { return nil }
            rest = rest[..<dash]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let numbers = Self.numbers(parts) else { return nil }
        self.init(numbers[0], numbers[1], numbers[2], prerelease: prerelease, build: build)
    }

    /// Parses a git tag naming a version: `v1.2.0` or `1.2.0`.
    public init?(tag: String) {
        self.init(tag.hasPrefix("v") ? String(tag.dropFirst()) : tag)
    }

    /// `1.2.0-rc.1+build.5`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// Whether this is a prerelease (`1.0.0-beta`).
    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// Semver precedence.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, true), (true, false): return false
        case (false, true): return true
        case (false, false): break
        }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (Int(a), Int(b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true  // Numeric identifiers sort before alphanumeric ones.
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }

    /// Equality follows precedence: build metadata does not count.
    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch && lhs.prerelease == rhs.prerelease
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    /// Numbers without leading zeros (semver forbids them), or nil.
    static func numbers(_ parts: [Substring]) -> [Int]? {
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit), part == "0" || !part.hasPrefix("0"),
                let number = Int(part)
            else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCIIDigit || ($0.isASCII && $0.isLetter) || $0 == "-" }
    }
}

extension Character {
    /// 0–9 only (not other scripts' digits, which `isNumber` accepts).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
