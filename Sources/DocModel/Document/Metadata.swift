/// A metadata value: what readers find in headers, front matter, JSON fields and CSV columns,
/// and what scripts attach to spans as attributes.
public enum MetaValue: Equatable, Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case list([MetaValue])
    case map(Metadata)

    /// The string, if this is one.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

extension MetaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// Named metadata values in the order they were found (a document's `meta`, a span's
/// `attrs`). Setting an existing key keeps its place.
public struct Metadata: Equatable, Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// The keys, in order.
    public private(set) var keys: [String] = []
    private var values: [String: MetaValue] = [:]

    /// Empty metadata.
    public init() {}

    public init(dictionaryLiteral elements: (String, MetaValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The value under `key`; assigning `nil` removes it.
    public subscript(key: String) -> MetaValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The entries in order.
    public var entries: [(key: String, value: MetaValue)] { keys.map { ($0, values[$0]!) } }
    /// Whether there are no entries.
    public var isEmpty: Bool { keys.isEmpty }
    /// How many entries there are.
    public var count: Int { keys.count }

    public static func == (a: Metadata, b: Metadata) -> Bool { a.keys == b.keys && a.values == b.values }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        for key in keys { hasher.combine(values[key]) }
    }
}
