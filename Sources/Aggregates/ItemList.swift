import LuaRuntime

/// Values in document order (`loupe.list`): every quote, every headline.
///
/// Each item carries the index of the document that added it. Merging interleaves two lists
/// by document index (stably: a document's items stay in the order it added them), so parts
/// merged in any grouping — the coordinator's deltas in corpus order, or shards merged
/// later — give the list in corpus order.
public struct ItemList: Equatable, Sendable {
    /// One value and the document that added it.
    public struct Item: Equatable, Sendable {
        /// The index of the document in the corpus (0 until the coordinator stamps it).
        public var document: Int
        /// The value: plain data (see ``LuaValue/isPlainData``).
        public var value: LuaValue
    }

    /// The items, by document index.
    public private(set) var items: [Item] = []

    /// An empty list.
    public init() {}

    /// Appends `value`, which must be plain data (strings, numbers, booleans, tables of them).
    /// - Throws: ``AggregateError/invalid(_:)`` for functions, userdata or coroutines.
    public mutating func add(_ value: LuaValue, document: Int = 0) throws(AggregateError) {
        guard value.isPlainData else {
            throw .invalid("a list holds strings, numbers, booleans and tables of them, not a \(value.typeName)")
        }
        items.append(Item(document: document, value: value))
    }

    /// The values, in order.
    public var values: [LuaValue] { items.map(\.value) }

    /// The same items, all marked as added by `document` (a worker's delta, once the
    /// coordinator knows which document it came from).
    public func stamped(document: Int) -> ItemList {
        var copy = self
        for i in copy.items.indices { copy.items[i].document = document }
        return copy
    }

    /// Interleaves `other`'s items by document index; on equal indices this list's come first.
    /// - Complexity: O(n + m); O(m) when `other` starts at or after this list's end (the
    ///   coordinator's case).
    public mutating func merge(_ other: ItemList) {
        guard let last = items.last, let first = other.items.first, first.document < last.document else {
            items.append(contentsOf: other.items)
            return
        }
        var merged: [Item] = []
        merged.reserveCapacity(items.count + other.items.count)
        var i = items.startIndex, j = other.items.startIndex
        while i < items.endIndex, j < other.items.endIndex {
            if other.items[j].document < items[i].document {
                merged.append(other.items[j])
                j += 1
            } else {
                merged.append(items[i])
                i += 1
            }
        }
        merged.append(contentsOf: items[i...])
        merged.append(contentsOf: other.items[j...])
        items = merged
    }
}

extension ItemList: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .list(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .list(self) }

    public static var kind: AggregateKind { .list }
    public var isEmpty: Bool { items.isEmpty }
    public func emptied() -> ItemList { ItemList() }

    public func encode(into writer: inout WireWriter) {
        writer.writeCount(items.count)
        for item in items {
            writer.writeCount(item.document)
            writer.writeValue(item.value)
        }
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        var previous = 0
        for _ in 0..<(try reader.readCount(minimumSize: 2)) {
            let document = try reader.readUnsigned()
            guard document <= UInt64(Int.max), Int(document) >= previous else {
                throw reader.malformed("list items out of document order")
            }
            items.append(Item(document: Int(document), value: try reader.readValue()))
            previous = Int(document)
        }
    }
}
