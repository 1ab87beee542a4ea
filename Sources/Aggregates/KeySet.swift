/// Distinct values (`loupe.set`): which outlets published, which speakers appear.
///
/// Merging is set union, which neither order nor grouping changes.
public struct KeySet: Equatable, Sendable {
    /// The members.
    public private(set) var members: Set<AggregateKey> = []

    /// An empty set.
    public init() {}

    /// Adds `key` (nothing happens if it is already a member).
    public mutating func add(_ key: AggregateKey) { members.insert(key) }

    /// Whether `key` is a member.
    public func contains(_ key: AggregateKey) -> Bool { members.contains(key) }

    /// The members in key order (numbers by value, then strings byte-wise).
    public var sorted: [AggregateKey] { members.sorted() }

    /// Adds every member of `other`.
    public mutating func merge(_ other: KeySet) { members.formUnion(other.members) }
}

extension KeySet: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .set(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .set(self) }

    public static var kind: AggregateKind { .set }
    public var isEmpty: Bool { members.isEmpty }
    public func emptied() -> KeySet { KeySet() }

    public func encode(into writer: inout WireWriter) {
        writer.writeCount(members.count)
        for key in sorted { key.encode(into: &writer) }
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        var previous: AggregateKey?
        for _ in 0..<(try reader.readCount(minimumSize: 2)) {
            let key = try AggregateKey(decoding: &reader)
            guard previous.map({ $0 < key }) ?? true else { throw reader.malformed("set members out of order") }
            members.insert(key)
            previous = key
        }
    }
}
