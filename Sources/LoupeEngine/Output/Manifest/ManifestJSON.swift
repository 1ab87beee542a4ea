import Foundation

/// The JSON of a manifest as a tree: written with keys in the order given, read back with
/// errors that name the key.
enum ManifestJSON: Equatable {
    case string(String)
    case integer(Int64)
    case real(Double)
    case null
    case array([ManifestJSON])
    case object([(String, ManifestJSON)])

    static func == (a: ManifestJSON, b: ManifestJSON) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.real(let x), .real(let y)): x == y
        case (.null, .null): true
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: false
        }
    }

    // MARK: - Writing

    /// The text: the top object and the objects and arrays in it one entry per line, deeper
    /// values on one line (an input file is one line), two-space indents, a final newline.
    func rendered() -> String {
        var out = ""
        write(into: &out, depth: 0)
        return out + "\n"
    }

    private func write(into out: inout String, depth: Int) {
        // Indents for the containers of the first two levels only: a manifest has a line per
        // input file, and building them for every value took a tenth of a run's coordinator.
        var (open, close, separator) = ("", "", ", ")
        if depth < 2, self.isContainer {
            open = "\n" + String(repeating: "  ", count: depth + 1)
            close = "\n" + String(repeating: "  ", count: depth)
            separator = "," + open
        }
        switch self {
        case .string(let text): JSONWriter.writeString(text, into: &out)
        case .integer(let value): out += String(value)
        case .real(let value): out += value.isFinite ? Cell.realText(value) : "null"
        case .null: out += "null"
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "[" + open
            for (index, element) in elements.enumerated() {
                if index > 0 { out += separator }
                element.write(into: &out, depth: depth + 1)
            }
            out += close + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{" + open
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += separator }
                JSONWriter.writeString(key, into: &out)
                out += ": "
                value.write(into: &out, depth: depth + 1)
            }
            out += close + "}"
        }
    }

    private var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }

    /// An object of `map`'s entries sorted by key (byte-wise), so the text does not depend on
    /// a dictionary's order.
    static func sorted<Value>(_ map: [String: Value], _ value: (Value) -> ManifestJSON) -> ManifestJSON {
        .object(map.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, value($0.value)) })
    }

    // MARK: - Reading

    /// Parses JSON text (any JSON; the manifest reader checks the shape).
    static func parse(_ bytes: [UInt8]) throws -> ManifestJSON {
        try convert(JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
    }

    private static func convert(_ value: Any) throws -> ManifestJSON {
        switch value {
        case let text as String: return .string(text)
        case let number as NSNumber:
            // Numbers written without a fraction come back as integer NSNumbers ("q"), others as
            // doubles ("d"); sizes and counts must be the former.
            let kind = String(cString: number.objCType)
            if kind != "d" && kind != "f" { return .integer(number.int64Value) }
            return .real(number.doubleValue)
        case let array as [Any]: return .array(try array.map(convert))
        case let object as [String: Any]:
            return .object(try object.sorted { $0.key < $1.key }.map { ($0.key, try convert($0.value)) })
        case is NSNull: return .null
        default: throw CocoaError(.coderReadCorrupt)
        }
    }
}

/// Reads the members of one object of a manifest; a missing or mistyped member is an error
/// naming it (`summary.rows`).
struct ManifestFields {
    private let members: [String: ManifestJSON]
    private let path: String

    /// Reads `value`, which must be an object, found at `path` ("" for the top).
    init(_ value: ManifestJSON, at path: String = "") throws(ManifestShapeError) {
        guard case .object(let members) = value else {
            throw ManifestShapeError(key: path.isEmpty ? "(top)" : path, expected: "an object")
        }
        self.members = Dictionary(members, uniquingKeysWith: { first, _ in first })
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func value(_ key: String) throws(ManifestShapeError) -> ManifestJSON {
        guard let value = members[key] else { throw ManifestShapeError(key: name(key), expected: "a value") }
        return value
    }

    func string(_ key: String) throws(ManifestShapeError) -> String {
        guard case .string(let text) = try value(key) else {
            throw ManifestShapeError(key: name(key), expected: "a string")
        }
        return text
    }

    func optionalString(_ key: String) throws(ManifestShapeError) -> String? {
        guard let value = members[key], value != .null else { return nil }
        return try string(key)
    }

    func integer(_ key: String) throws(ManifestShapeError) -> Int64 {
        guard case .integer(let number) = try value(key) else {
            throw ManifestShapeError(key: name(key), expected: "an integer")
        }
        return number
    }

    func real(_ key: String) throws(ManifestShapeError) -> Double {
        switch try value(key) {
        case .integer(let number): return Double(number)
        case .real(let number): return number
        default: throw ManifestShapeError(key: name(key), expected: "a number")
        }
    }

    func object(_ key: String) throws(ManifestShapeError) -> ManifestFields {
        try ManifestFields(try value(key), at: name(key))
    }

    /// Each element of the array `key`, read as an object.
    func objects(_ key: String) throws(ManifestShapeError) -> [ManifestFields] {
        guard case .array(let elements) = try value(key) else {
            throw ManifestShapeError(key: name(key), expected: "an array")
        }
        var fields: [ManifestFields] = []
        for (index, element) in elements.enumerated() {
            fields.append(try ManifestFields(element, at: "\(name(key))[\(index + 1)]"))
        }
        return fields
    }

    /// The object `key` as a map, each value read by `read`.
    func map<Value>(
        _ key: String, _ read: (ManifestFields, String) throws(ManifestShapeError) -> Value
    ) throws(ManifestShapeError) -> [String: Value] {
        let inner = try object(key)
        var map: [String: Value] = [:]
        for name in inner.members.keys { map[name] = try read(inner, name) }
        return map
    }
}

/// A manifest member that is missing or of the wrong kind.
struct ManifestShapeError: Error {
    /// The member, as a path: `summary.rows`.
    var key: String
    /// What it should be: "an integer".
    var expected: String
}
