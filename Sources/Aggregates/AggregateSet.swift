/// All the aggregates of one script, in the order the script created them: the order is
/// their identity, the same in every worker because every worker runs the same top level.
///
/// A worker adds to its set while documents run and, after each document, takes the delta
/// (what that document added) with ``takeDelta()``. The coordinator, which runs no Lua,
/// merges the deltas in corpus order into a set of its own (``merge(delta:document:)``);
/// deltas are self-describing, so it needs nothing from the script. The merged state then
/// travels (``encodeState()``) to the worker that runs `finish`, which loads it
/// (``loadState(_:)``) into the set its own top level created.
///
/// Deltas and states share one coding, a version byte then the entries by index:
///
///     version (1) · entry count · { index · name? · kind · aggregate }…
///
/// A delta holds only the aggregates that changed, a state all of them. Equal sets encode
/// to equal bytes.
public struct AggregateSet: Equatable, Sendable {
    /// One aggregate and the name the script gave it, if any.
    public struct Entry: Equatable, Sendable {
        /// The name given at creation (`loupe.counter("speakers")`), if any.
        public var name: String?
        /// The aggregate.
        public var aggregate: Aggregate
    }

    /// The version byte that starts a delta or a state.
    static let formatVersion: UInt8 = 2

    /// The aggregates by index; nil where a coordinator has not yet seen the aggregate.
    public private(set) var entries: [Entry?] = []

    /// No aggregates.
    public init() {}

    /// How many aggregates (indices) the set knows.
    public var count: Int { entries.count }

    /// Adds an aggregate after the others and returns its index.
    /// - Throws: ``AggregateError/invalid(_:)`` when another aggregate has the same name.
    @discardableResult
    public mutating func create(_ aggregate: Aggregate, name: String? = nil) throws(AggregateError) -> Int {
        if let name, entries.contains(where: { $0?.name == name }) {
            throw .invalid("there is already an aggregate named '\(name)'")
        }
        entries.append(Entry(name: name, aggregate: aggregate))
        return entries.count - 1
    }

    /// The aggregate at `index`, nil if there is none.
    public func aggregate(at index: Int) -> Aggregate? {
        entries.indices.contains(index) ? entries[index]?.aggregate : nil
    }

    /// Changes the aggregate at `index` in place when it is a `Value`; nil otherwise.
    public mutating func modify<Value: AggregateValue, Result, Failure: Error>(
        at index: Int, as type: Value.Type, _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        guard entries.indices.contains(index), entries[index] != nil else { return nil }
        return try entries[index]!.aggregate.modify(as: type, body)
    }

    // MARK: - Deltas

    /// What was added since the last call, encoded, and the aggregates emptied (their
    /// configuration kept); nil when nothing was added.
    public mutating func takeDelta() -> [UInt8]? {
        let changed = entries.indices.filter { entries[$0].map { !$0.aggregate.isEmpty } ?? false }
        guard !changed.isEmpty else { return nil }
        let bytes = encode(changed)
        discardDelta()
        return bytes
    }

    /// Empties every aggregate without encoding it: a failed document's additions are dropped,
    /// as its rows are.
    public mutating func discardDelta() {
        for index in entries.indices where entries[index].map({ !$0.aggregate.isEmpty }) ?? false {
            entries[index]!.aggregate = entries[index]!.aggregate.emptied()
        }
    }

    /// Merges a delta taken after document number `document` (its index in the corpus, which
    /// places list items). Aggregates this set has not seen are adopted.
    /// - Throws: ``AggregateError/corrupt(_:)`` for bytes that are not a delta,
    ///   ``AggregateError/mismatch(_:)`` when an aggregate differs in kind, name or
    ///   configuration; the set is then unchanged.
    public mutating func merge(delta: [UInt8], document: Int) throws(AggregateError) {
        try merge(Self.decode(delta), stampingDocument: document)
    }

    /// Merges another set's state (a shard's, or a journal's part); list items keep the
    /// document indices they carry.
    /// - Throws: as ``merge(delta:document:)``.
    public mutating func merge(state: [UInt8]) throws(AggregateError) {
        try merge(Self.decode(state), stampingDocument: nil)
    }

    private mutating func merge(_ incoming: [(index: Int, entry: Entry)], stampingDocument document: Int?) throws(AggregateError) {
        // By position, not `for … in`: the coordinator merges a delta per document, and each
        // copy of an entry out of the array costs as much as the check.
        for position in incoming.indices { try checkCompatible(incoming[position].entry, at: incoming[position].index) }
        for position in incoming.indices {
            let index = incoming[position].index
            if entries.count <= index { entries += repeatElement(nil, count: index + 1 - entries.count) }
            let aggregate = document.map { incoming[position].entry.aggregate.stamped(document: $0) } ?? incoming[position].entry.aggregate
            if entries[index] == nil {
                entries[index] = Entry(name: incoming[position].entry.name, aggregate: aggregate)
            } else {
                // Checked above; only a count overflowing Int64 can fail here.
                try entries[index]!.aggregate.merge(aggregate)
            }
        }
    }

    // MARK: - States

    /// Every aggregate, encoded.
    public func encodeState() -> [UInt8] {
        encode(entries.indices.filter { entries[$0] != nil })
    }

    /// Replaces the aggregates with those of a state: the merged one, loaded before `finish`
    /// into the aggregates the script's top level created, or a saved one loaded into an
    /// empty set. Aggregates the state lacks are left as they are (no document added to them).
    /// - Throws: ``AggregateError/corrupt(_:)`` or ``AggregateError/mismatch(_:)``, as
    ///   ``merge(delta:document:)``, and a mismatch when the state has aggregates a non-empty
    ///   set lacks; the set is then unchanged.
    public mutating func loadState(_ bytes: [UInt8]) throws(AggregateError) {
        let incoming = try Self.decode(bytes)
        if count > 0, let last = incoming.last, last.index >= count {
            throw .mismatch("the data has aggregate #\(last.index + 1), but the script created \(count); was it created differently in another worker?")
        }
        for (index, entry) in incoming { try checkCompatible(entry, at: index) }
        for (index, entry) in incoming {
            while entries.count <= index { entries.append(nil) }
            entries[index] = entry
        }
    }

    private func checkCompatible(_ entry: Entry, at index: Int) throws(AggregateError) {
        guard index < entries.count, entries[index] != nil else { return }
        guard entries[index]!.name == entry.name else {
            throw .mismatch("aggregate #\(index + 1) is named \(Self.quoted(entries[index]!.name)) here but \(Self.quoted(entry.name)) in the data")
        }
        do throws(AggregateError) {
            try entries[index]!.aggregate.checkCompatible(with: entry.aggregate)
        } catch {
            throw .mismatch("aggregate #\(index + 1) (\(Self.quoted(entries[index]!.name))): \(error); was it created differently in another worker?")
        }
    }

    private static func quoted(_ name: String?) -> String { name.map { "'\($0)'" } ?? "unnamed" }

    // MARK: - Coding

    private func encode(_ indices: [Int]) -> [UInt8] {
        var writer = WireWriter()
        writer.writeByte(Self.formatVersion)
        writer.writeCount(indices.count)
        for index in indices {
            writer.writeCount(index)
            writer.writeOptionalString(entries[index]!.name)
            entries[index]!.aggregate.encode(into: &writer)
        }
        return writer.bytes
    }

    private static func decode(_ bytes: [UInt8]) throws(AggregateError) -> [(index: Int, entry: Entry)] {
        var reader = WireReader(bytes)
        do throws(WireError) {
            let version = try reader.readByte()
            guard version == formatVersion else { throw reader.malformed("unknown aggregate format version \(version)") }
            var decoded: [(index: Int, entry: Entry)] = []
            for _ in 0..<(try reader.readCount(minimumSize: 3)) {
                let index = try reader.readUnsigned()
                // Indices rise strictly and stay small (a script makes aggregates by hand).
                guard index < 1 << 20, decoded.last.map({ UInt64($0.index) < index }) ?? true else {
                    throw reader.malformed("aggregate indices out of order or range")
                }
                let name = try reader.readOptionalString()
                decoded.append((Int(index), Entry(name: name, aggregate: try Aggregate(decoding: &reader))))
            }
            try reader.expectEnd()
            return decoded
        } catch {
            throw .corrupt(error)
        }
    }
}
