/// Why aggregates could not be changed, merged or loaded.
public enum AggregateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value a script tried to add is not acceptable (a negative count, NaN).
    case invalid(String)
    /// A count went past what a 64-bit integer holds.
    case overflow(String)
    /// A delta or state does not fit the aggregates it is merged into or loaded into: another
    /// kind, name or configuration at the same index (the script created its aggregates
    /// differently in another worker).
    case mismatch(String)
    /// The bytes are not a delta or state at all.
    case corrupt(WireError)

    public var description: String {
        switch self {
        case .invalid(let text), .overflow(let text), .mismatch(let text): text
        case .corrupt(let error): "aggregate data: \(error)"
        }
    }
}

/// The kinds of aggregate, as they are tagged in deltas and states.
public enum AggregateKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case counter = 1, set, histogram, list, stats, frequencies, collocations, keyness, tfidf

    /// The name scripts know it by (`loupe.counter` makes a `counter`).
    public var description: String {
        switch self {
        case .counter: "counter"
        case .set: "set"
        case .histogram: "histogram"
        case .list: "list"
        case .stats: "stats"
        case .frequencies: "frequency list"
        case .collocations: "collocation table"
        case .keyness: "keyness table"
        case .tfidf: "tf-idf table"
        }
    }

    /// Whether aggregates of this kind are made with settings (bins, n-gram length,
    /// stopwords…) that must agree before two of them merge.
    public var isConfigured: Bool {
        switch self {
        case .counter, .set, .list, .stats: false
        case .histogram, .frequencies, .collocations, .keyness, .tfidf: true
        }
    }
}
