/// One aggregate of any kind, as an ``AggregateSet`` holds it.
public enum Aggregate: Equatable, Sendable {
    case counter(Counter)
    case set(KeySet)
    case histogram(Histogram)
    case list(ItemList)
    case stats(Stats)
    /// Word or n-gram frequencies (`loupe.stats.frequencies`).
    case frequencies(TermFrequencies)
    /// Word pairs for association measures (`loupe.stats.collocations`).
    case collocations(Collocations)
    /// Word counts per sub-corpus (`loupe.stats.keyness`).
    case keyness(Keyness)
    /// Per-document word counts for tf-idf (`loupe.stats.tfidf`).
    case tfidf(TermWeights)

    /// Its kind.
    public var kind: AggregateKind {
        switch self {
        case .counter: .counter
        case .set: .set
        case .histogram: .histogram
        case .list: .list
        case .stats: .stats
        case .frequencies: .frequencies
        case .collocations: .collocations
        case .keyness: .keyness
        case .tfidf: .tfidf
        }
    }

    /// Whether nothing has been added to it.
    public var isEmpty: Bool {
        switch self {
        case .counter(let value): value.isEmpty
        case .set(let value): value.isEmpty
        case .histogram(let value): value.isEmpty
        case .list(let value): value.isEmpty
        case .stats(let value): value.isEmpty
        case .frequencies(let value): value.isEmpty
        case .collocations(let value): value.isEmpty
        case .keyness(let value): value.isEmpty
        case .tfidf(let value): value.isEmpty
        }
    }

    /// An empty aggregate of the same kind and configuration.
    public func emptied() -> Aggregate {
        switch self {
        case .counter(let value): .counter(value.emptied())
        case .set(let value): .set(value.emptied())
        case .histogram(let value): .histogram(value.emptied())
        case .list(let value): .list(value.emptied())
        case .stats(let value): .stats(value.emptied())
        case .frequencies(let value): .frequencies(value.emptied())
        case .collocations(let value): .collocations(value.emptied())
        case .keyness(let value): .keyness(value.emptied())
        case .tfidf(let value): .tfidf(value.emptied())
        }
    }

    /// The same aggregate with what it holds marked as added by document `document`, for
    /// the kinds that keep corpus order (lists, tf-idf); others are returned as they are.
    public func stamped(document: Int) -> Aggregate {
        switch self {
        case .list(let value): .list(value.stamped(document: document))
        case .tfidf(let value): .tfidf(value.stamped(document: document))
        default: self
        }
    }

    /// The value inside when it is a `Value`.
    public func value<Value: AggregateValue>(as _: Value.Type) -> Value? { Value(unwrapping: self) }

    /// Changes the value inside in place, when it is a `Value`; returns nil otherwise.
    ///
    /// The aggregate is emptied while `body` runs, so the value inside is uniquely referenced
    /// and adding to a large counter does not copy it.
    public mutating func modify<Value: AggregateValue, Result, Failure: Error>(
        as _: Value.Type, _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        guard var value = Value(unwrapping: self) else { return nil }
        self = .list(ItemList())
        defer { self = value.wrapped }
        return try body(&value)
    }

    /// Adds what `other` holds.
    /// - Throws: ``AggregateError/mismatch(_:)`` when `other` is of another kind or
    ///   configuration.
    public mutating func merge(_ other: Aggregate) throws(AggregateError) {
        switch other {
        case .counter(let value): try merge(value)
        case .set(let value): try merge(value)
        case .histogram(let value): try merge(value)
        case .list(let value): try merge(value)
        case .stats(let value): try merge(value)
        case .frequencies(let value): try merge(value)
        case .collocations(let value): try merge(value)
        case .keyness(let value): try merge(value)
        case .tfidf(let value): try merge(value)
        }
    }

    private mutating func merge<Value: AggregateValue>(_ other: Value) throws(AggregateError) {
        let merged: Void? = try modify(as: Value.self) { (value: inout Value) throws(AggregateError) in
            try value.merge(other)
        }
        guard merged != nil else { throw .mismatch("a \(other.kind) cannot be merged into a \(kind)") }
    }

    /// Writes the kind's tag, then the value.
    public func encode(into writer: inout WireWriter) {
        writer.writeByte(kind.rawValue)
        switch self {
        case .counter(let value): value.encode(into: &writer)
        case .set(let value): value.encode(into: &writer)
        case .histogram(let value): value.encode(into: &writer)
        case .list(let value): value.encode(into: &writer)
        case .stats(let value): value.encode(into: &writer)
        case .frequencies(let value): value.encode(into: &writer)
        case .collocations(let value): value.encode(into: &writer)
        case .keyness(let value): value.encode(into: &writer)
        case .tfidf(let value): value.encode(into: &writer)
        }
    }

    /// Reads an aggregate written by ``encode(into:)``.
    public init(decoding reader: inout WireReader) throws(WireError) {
        let tagOffset = reader.offset
        guard let kind = AggregateKind(rawValue: try reader.readByte()) else {
            throw WireError(.malformed("unknown aggregate kind"), at: tagOffset)
        }
        switch kind {
        case .counter: self = .counter(try Counter(decoding: &reader))
        case .set: self = .set(try KeySet(decoding: &reader))
        case .histogram: self = .histogram(try Histogram(decoding: &reader))
        case .list: self = .list(try ItemList(decoding: &reader))
        case .stats: self = .stats(try Stats(decoding: &reader))
        case .frequencies: self = .frequencies(try TermFrequencies(decoding: &reader))
        case .collocations: self = .collocations(try Collocations(decoding: &reader))
        case .keyness: self = .keyness(try Keyness(decoding: &reader))
        case .tfidf: self = .tfidf(try TermWeights(decoding: &reader))
        }
    }
}

extension AggregateValue {
    /// The kind, from an instance (for existentials).
    var kind: AggregateKind { Self.kind }
}

extension Aggregate {
    /// Throws unless `other` can merge into this aggregate: same kind and configuration.
    /// Cheap whatever the contents: emptied values hold configuration only.
    public func checkCompatible(with other: Aggregate) throws(AggregateError) {
        guard kind == other.kind else { throw .mismatch("a \(other.kind) cannot be merged into a \(kind)") }
        guard !kind.isConfigured || emptied() == other.emptied() else {
            throw .mismatch("\(kind)s configured differently cannot be merged")
        }
    }
}
