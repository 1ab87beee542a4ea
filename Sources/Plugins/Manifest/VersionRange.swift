import Foundation

/// A set of versions, written as in Cargo and npm:
///
/// | range | means |
/// |---|---|
/// | `^1.2` | `>=1.2.0, <2.0.0` (`^0.2` is `>=0.2.0, <0.3.0`; `^0.0.3` is `=0.0.3`) |
/// | `~1.4` | `>=1.4.0, <1.5.0` (`~1` is `>=1.0.0, <2.0.0`) |
/// | `>=1.0, <2` | both comparators (a comma means *and*) |
/// | `=1.2.3` | exactly 1.2.3 (`=1.2` is any 1.2.x) |
/// | `1.2.3` | a bare version is a caret range, as in Cargo: `^1.2.3` |
/// | `*` | any release |
/// | `^1.2 \|\| ^2.1` | either (npm's *or*) |
///
/// Missing parts are zero for lower bounds and widen upper ones (`<=1.2` admits every 1.2.x).
/// Prereleases (`2.0.0-beta`) match only a range that names a prerelease of the same
/// `MAJOR.MINOR.PATCH`, as in npm, so `<2` does not pick up `2.0.0-beta`.
public struct VersionRange: Hashable, Sendable, CustomStringConvertible {
    /// One end of an interval.
    struct Bound: Hashable, Sendable {
        var version: SemanticVersion
        var inclusive: Bool
    }

    /// One comparator set: every interval must hold.
    struct Interval: Hashable, Sendable {
        var lower: Bound?
        var upper: Bound?
        /// Prereleases the range names, which alone let prereleases of that version in.
        var prereleases: [SemanticVersion] = []
    }

    /// The alternatives (joined by `||`); each is a list of intervals that must all hold.
    var alternatives: [[Interval]]

    /// The range as written.
    public let description: String

    /// Any release.
    public static let any = VersionRange(alternatives: [[Interval()]], description: "*")

    private init(alternatives: [[Interval]], description: String) {
        self.alternatives = alternatives
        self.description = description
    }

    /// Exactly `version`.
    public init(exactly version: SemanticVersion) {
        let bound = Bound(version: version, inclusive: true)
        self.init(
            alternatives: [[Interval(lower: bound, upper: bound, prereleases: version.isPrerelease ? [version] : [])]],
            description: "=\(version)")
    }

    /// Parses a range; the error says what is wrong with it (without a file: the caller adds it).
    public init(parsing text: String) throws(PluginError) {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            throw PluginError(.invalidFile, "the version range is empty", hint: "write e.g. ^1.2, ~1.4, >=1.0,<2 or *")
        }
        var alternatives: [[Interval]] = []
        for alternative in trimmed.components(separatedBy: "||") {
            var intervals: [Interval] = []
            for comparator in alternative.split(separator: ",", omittingEmptySubsequences: false) {
                if comparator.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    throw PluginError(.invalidFile, "version range \"\(trimmed)\" has an empty part",
                        hint: "write e.g. >=1.0,<2 or ^1.2 || ^2.0")
                }
                intervals.append(try Self.interval(String(comparator).trimmingSpaces, in: trimmed))
            }
            if intervals.isEmpty {
                throw PluginError(.invalidFile, "version range \"\(trimmed)\" has an empty part", hint: "write e.g. ^1.2 || ^2.0")
            }
            alternatives.append(intervals)
        }
        self.init(alternatives: alternatives, description: trimmed)
    }

    /// Whether `version` is in the range.
    public func contains(_ version: SemanticVersion) -> Bool {
        alternatives.contains { intervals in
            if version.isPrerelease {
                let core = SemanticVersion(version.major, version.minor, version.patch)
                let named = intervals.contains { $0.prereleases.contains { p in
                    SemanticVersion(p.major, p.minor, p.patch) == core } }
                if !named { return false }
            }
            return intervals.allSatisfy { $0.contains(version) }
        }
    }

    /// The highest of `versions` in the range, if any.
    public func highest(in versions: some Sequence<SemanticVersion>) -> SemanticVersion? {
        versions.filter(contains).max()
    }

    // MARK: - Parsing

    private static func interval(_ text: String, in range: String) throws(PluginError) -> Interval {
        let operators = [">=", "<=", "^", "~", ">", "<", "="]
        let op = operators.first { text.hasPrefix($0) } ?? ""
        let body = String(text.dropFirst(op.count)).trimmingSpaces
        let bad = PluginError(
            .invalidFile, "version range \"\(range)\" is not understood at \"\(text)\"",
            hint: "write e.g. ^1.2, ~1.4, >=1.0,<2, =1.2.3 or *")
        if body == "*" || body == "x" || body == "X" {
            guard op.isEmpty || op == ">=" || op == "=" else { throw bad }
            return Interval()
        }
        // A partial version: 1, 1.2, 1.2.3, with x or * standing for a missing part.
        var core = body
        var suffix = ""
        if let cut = body.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            core = String(body[..<cut])
            suffix = String(body[cut...])
        }
        var parts = core.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        while let last = parts.last, ["x", "X", "*"].contains(last) { parts.removeLast() }
        guard (1...3).contains(parts.count), let numbers = SemanticVersion.numbers(parts.map { Substring($0) }) else {
            throw bad
        }
        var full = numbers + Array(repeating: 0, count: 3 - numbers.count)
        var base = SemanticVersion(full[0], full[1], full[2])
        if !suffix.isEmpty {
            guard numbers.count == 3, let exact = SemanticVersion(core + suffix) else { throw bad }
            base = exact
        }
        let precise = numbers.count
        let pre = base.isPrerelease ? [base] : []
        func bump(_ position: Int) -> SemanticVersion {
            full = numbers + Array(repeating: 0, count: 3 - numbers.count)
            full[position] += 1
            for i in (position + 1)..<3 { full[i] = 0 }
            return SemanticVersion(full[0], full[1], full[2])
        }
        let lower = Bound(version: base, inclusive: true)
        switch op {
        case "=":
            if precise == 3 { return Interval(lower: lower, upper: lower, prereleases: pre) }
            return Interval(lower: lower, upper: Bound(version: bump(precise - 1), inclusive: false))
        case ">":
            if precise == 3 { return Interval(lower: Bound(version: base, inclusive: false), prereleases: pre) }
            return Interval(lower: Bound(version: bump(precise - 1), inclusive: true))
        case ">=":
            return Interval(lower: lower, prereleases: pre)
        case "<":
            return Interval(upper: Bound(version: base, inclusive: false), prereleases: pre)
        case "<=":
            if precise == 3 { return Interval(upper: Bound(version: base, inclusive: true), prereleases: pre) }
            return Interval(upper: Bound(version: bump(precise - 1), inclusive: false))
        case "~":
            return Interval(lower: lower, upper: Bound(version: bump(precise >= 2 ? 1 : 0), inclusive: false), prereleases: pre)
        default:  // ^ or a bare version: the leftmost non-zero part may not change.
            let position: Int
            if numbers[0] != 0 || precise == 1 {
                position = 0
            } else if precise == 2 || numbers[1] != 0 {
                position = 1
            } else {
                position = 2
            }
            return Interval(lower: lower, upper: Bound(version: bump(position), inclusive: false), prereleases: pre)
        }
    }
}

extension VersionRange.Interval {
    func contains(_ version: SemanticVersion) -> Bool {
        if let lower {
            if version < lower.version || (!lower.inclusive && version == lower.version) { return false }
        }
        if let upper {
            if version > upper.version || (!upper.inclusive && version == upper.version) { return false }
        }
        return true
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
