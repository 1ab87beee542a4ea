/// Word counts per sub-corpus, for comparing sub-corpora (`loupe.stats.keyness`): each unit
/// is added to a group (a metadata value), and any two groups, or one group and all the
/// others, can be compared in `finish`. Merges by sum, group by group.
public struct Keyness: Equatable, Sendable {
    /// One sub-corpus.
    public struct Group: Equatable, Sendable {
        /// Units added to it.
        public var documents: Int64 = 0
        /// Words counted in it.
        public var tokens: Int64 = 0
        /// Each word's count.
        public var counts: [Term: Int64] = [:]

        mutating func merge(_ other: Group) {
            documents += other.documents
            tokens += other.tokens
            for (word, count) in other.counts { counts[word, default: 0] += count }
        }
    }

    /// Words left out, kept by ``emptied()``.
    public let stopwords: Stopwords
    /// The groups by name.
    public private(set) var groups: [Term: Group] = [:]

    /// No groups.
    public init(stopwords: Stopwords = .none) {
        self.stopwords = stopwords
    }

    /// Counts one unit's words in `group`.
    public mutating func add(_ stream: WordStream, group: Term) {
        let (counts, total) = stream.unigramCounts(excluding: stopwords)
        var part = Group(documents: 1, tokens: total)
        for (id, count) in counts.enumerated() where count > 0 { part.counts[stream.terms[id]] = count }
        groups[group, default: Group()].merge(part)
    }

    /// One term compared.
    public struct Row: Equatable, Sendable {
        /// The word.
        public var term: Term
        /// Its count in A.
        public var a: Int64
        /// Its count in B.
        public var b: Int64
        /// Log-likelihood (see ``Measures/keyness(a:b:c:d:)``).
        public var ll: Double
        /// %DIFF, infinite when `b` is 0.
        public var diff: Double
    }

    /// The words of group `a` against group `b` (every other group together when nil),
    /// those seen at least `minimumCount` times in both together, by log-likelihood
    /// descending, ties by term byte-wise; the first `limit` (all when nil). Also returns the
    /// two token totals.
    public func compare(_ a: Term, _ b: Term?, limit: Int?, minimumCount: Int64) -> (rows: [Row], c: Int64, d: Int64) {
        let groupA = groups[a] ?? Group()
        var groupB = Group()
        if let b {
            groupB = groups[b] ?? Group()
        } else {
            for (name, group) in groups where name != a { groupB.merge(group) }
        }
        let c = Double(groupA.tokens), d = Double(groupB.tokens)
        var rows: [Row] = []
        var terms = groupA.counts
        for (term, _) in groupB.counts where terms[term] == nil { terms[term] = 0 }
        for (term, countA) in terms {
            let countB = groupB.counts[term] ?? 0
            guard countA + countB >= minimumCount else { continue }
            let (ll, diff) = Measures.keyness(a: Double(countA), b: Double(countB), c: c, d: d)
            rows.append(Row(term: term, a: countA, b: countB, ll: ll, diff: diff))
        }
        let top = TopSelection.top(rows, limit: limit) { x, y in x.ll != y.ll ? x.ll > y.ll : x.term < y.term }
        return (top, groupA.tokens, groupB.tokens)
    }
}

extension Keyness: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .keyness(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .keyness(self) }
    public static var kind: AggregateKind { .keyness }
    public var isEmpty: Bool { groups.isEmpty }
    public func emptied() -> Keyness { Keyness(stopwords: stopwords) }

    public mutating func merge(_ other: Keyness) throws(AggregateError) {
        guard stopwords == other.stopwords else { throw .mismatch("keyness with other stopwords cannot be merged") }
        for (name, group) in other.groups { groups[name, default: Group()].merge(group) }
    }

    public func encode(into writer: inout WireWriter) {
        stopwords.encode(into: &writer)
        Bytes.encode(groups, into: &writer) { group, writer in
            writer.writeUnsigned(UInt64(group.documents))
            writer.writeUnsigned(UInt64(group.tokens))
            Bytes.encode(group.counts, into: &writer) { count, writer in writer.writeUnsigned(UInt64(count)) }
        }
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        stopwords = try Stopwords(decoding: &reader)
        groups = try Bytes.decode(&reader) { (reader: inout WireReader) throws(WireError) in
            Group(
                documents: try Bytes.readCount(&reader), tokens: try Bytes.readCount(&reader),
                counts: try Bytes.decode(&reader) { (reader: inout WireReader) throws(WireError) in try Bytes.readCount(&reader) })
        }
    }
}
