/// Word pairs and the counts their association measures need (`loupe.stats.collocations`).
///
/// Without a node, pairs are adjacent words (within a sentence, not across punctuation).
/// With a node, pairs are the node and each word within `window` words on either side, in
/// the same sentence. Word counts (the margins) and the total are kept too; everything
/// merges by sum.
public struct Collocations: Equatable, Sendable {
    /// The node (lower-cased), if any, and the window.
    public struct Configuration: Equatable, Sendable {
        /// The node word, lower-cased; nil for adjacent pairs.
        public let node: Term?
        /// Words on each side of the node (1 without a node).
        public let window: Int

        /// A configuration.
        /// - Throws: ``AggregateError/invalid(_:)`` for a window outside 1 to 50, or a window
        ///   other than 1 without a node.
        public init(node: Term? = nil, window: Int = 1) throws(AggregateError) {
            guard (1...50).contains(window) else { throw .invalid("window must be 1 to 50, not \(window)") }
            guard node != nil || window == 1 else {
                throw .invalid("a window wider than 1 needs a node (without one, pairs are adjacent words)")
            }
            self.node = node
            self.window = window
        }
    }

    /// Two words.
    public struct Pair: Hashable, Sendable {
        /// The first word, or the node.
        public var first: Term
        /// The second word, or the collocate.
        public var second: Term
    }

    /// The configuration, kept by ``emptied()``.
    public let configuration: Configuration
    /// How many times each pair was seen.
    public private(set) var pairs: [Pair: Int64] = [:]
    /// How many times each word was seen.
    public private(set) var words: [Term: Int64] = [:]
    /// Words seen (N).
    public private(set) var tokens: Int64 = 0
    /// Units added.
    public private(set) var documents: Int64 = 0

    /// No pairs.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Counts one unit's words and pairs.
    public mutating func add(_ stream: WordStream) {
        documents += 1
        let (counts, total) = stream.unigramCounts(excluding: .none)
        tokens += total
        for (id, count) in counts.enumerated() where count > 0 { words[stream.terms[id], default: 0] += count }
        if let node = configuration.node {
            addWindows(stream, node: node)
        } else {
            for (gram, count) in NGrams.count(stream, n: 2, stopwords: .none) {
                pairs[Pair(first: stream.terms[Int(gram[0])], second: stream.terms[Int(gram[1])]), default: 0] += count
            }
        }
    }

    private mutating func addWindows(_ stream: WordStream, node: Term) {
        guard let nodeID = stream.terms.firstIndex(of: node).map(Int32.init) else { return }
        var counts = [Int64](repeating: 0, count: stream.terms.count)
        var sentence: [Int32] = []
        func countSentence() {
            let w = configuration.window
            for (i, id) in sentence.enumerated() where id == nodeID {
                for j in max(0, i - w)..<min(sentence.count, i + w + 1) where j != i { counts[Int(sentence[j])] += 1 }
            }
            sentence.removeAll(keepingCapacity: true)
        }
        for id in stream.items {
            if id >= 0 { sentence.append(id) } else if id == WordStream.sentenceEnd { countSentence() }
        }
        countSentence()
        for (id, count) in counts.enumerated() where count > 0 {
            pairs[Pair(first: node, second: stream.terms[id]), default: 0] += count
        }
    }

    /// One pair with its counts and measures.
    public struct Row: Equatable, Sendable {
        /// The two words.
        public var pair: Pair
        /// O11.
        public var count: Int64
        /// The first word's (node's) count.
        public var firstCount: Int64
        /// The second word's (collocate's) count.
        public var secondCount: Int64
        /// PMI, log-likelihood and t-score.
        public var measures: Measures.Association
    }

    /// Measures for the sort.
    public enum Measure: String, Sendable, CaseIterable {
        /// Pointwise mutual information.
        case pmi
        /// Log-likelihood.
        case ll
        /// t-score.
        case t
    }

    /// Pairs seen at least `minimumCount` times, by `measure` descending; ties by count
    /// descending, then by the words byte-wise; the first `limit` (all when nil).
    public func top(by measure: Measure, limit: Int?, minimumCount: Int64) -> [Row] {
        let n = Double(tokens)
        let span = Double(configuration.node == nil ? 1 : 2 * configuration.window)
        var rows: [Row] = []
        for (pair, count) in pairs where count >= minimumCount {
            let r1 = words[pair.first] ?? 0, c1 = words[pair.second] ?? 0
            let measures = Measures.association(o11: Double(count), r1: Double(r1) * span, c1: Double(c1), n: n)
            rows.append(Row(pair: pair, count: count, firstCount: r1, secondCount: c1, measures: measures))
        }
        func value(_ row: Row) -> Double {
            switch measure {
            case .pmi: row.measures.pmi
            case .ll: row.measures.ll
            case .t: row.measures.t
            }
        }
        return TopSelection.top(rows, limit: limit) { a, b in
            let x = value(a), y = value(b)
            if x != y { return x > y }
            if a.count != b.count { return a.count > b.count }
            if a.pair.first != b.pair.first { return a.pair.first < b.pair.first }
            return a.pair.second < b.pair.second
        }
    }
}

extension Collocations: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .collocations(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .collocations(self) }
    public static var kind: AggregateKind { .collocations }
    public var isEmpty: Bool { documents == 0 }
    public func emptied() -> Collocations { Collocations(configuration) }

    public mutating func merge(_ other: Collocations) throws(AggregateError) {
        guard configuration == other.configuration else { throw .mismatch("collocations configured differently cannot be merged") }
        tokens += other.tokens
        documents += other.documents
        for (word, count) in other.words { words[word, default: 0] += count }
        for (pair, count) in other.pairs { pairs[pair, default: 0] += count }
    }

    public func encode(into writer: inout WireWriter) {
        writer.writeOptionalBytes(configuration.node?.bytes)
        writer.writeCount(configuration.window)
        writer.writeUnsigned(UInt64(tokens))
        writer.writeUnsigned(UInt64(documents))
        Bytes.encode(words, into: &writer) { count, writer in writer.writeUnsigned(UInt64(count)) }
        var keyed = pairs.keys.map { (prefix: Bytes.prefix($0.first), pair: $0) }
        keyed.sort { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            return a.pair.first != b.pair.first ? a.pair.first < b.pair.first : a.pair.second < b.pair.second
        }
        let sorted = keyed.map(\.pair)
        writer.writeCount(sorted.count)
        for pair in sorted {
            writer.writeBytes(pair.first.bytes)
            writer.writeBytes(pair.second.bytes)
            writer.writeUnsigned(UInt64(pairs[pair]!))
        }
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        let node = try reader.readOptionalBytes().map(Term.init)
        let window = try reader.readUnsigned()
        do throws(AggregateError) {
            configuration = try Configuration(node: node, window: Int(min(window, 999)))
        } catch {
            throw reader.malformed("collocations with window \(window)")
        }
        tokens = try Bytes.readCount(&reader)
        documents = try Bytes.readCount(&reader)
        words = try Bytes.decode(&reader) { (reader: inout WireReader) throws(WireError) in try Bytes.readCount(&reader) }
        for _ in 0..<(try reader.readCount(minimumSize: 3)) {
            let pair = Pair(first: Term(try reader.readBytes()), second: Term(try reader.readBytes()))
            guard pairs[pair] == nil else { throw reader.malformed("a pair twice") }
            pairs[pair] = try Bytes.readCount(&reader)
        }
    }
}

extension WireWriter {
    /// Writes optional bytes: a flag byte, then the bytes when there are some.
    mutating func writeOptionalBytes(_ value: [UInt8]?) {
        guard let value else { return writeByte(0) }
        writeByte(1)
        writeBytes(value)
    }
}

extension WireReader {
    /// Reads what ``WireWriter/writeOptionalBytes(_:)`` wrote.
    mutating func readOptionalBytes() throws(WireError) -> [UInt8]? {
        switch try readByte() {
        case 0: return nil
        case 1: return try readBytes()
        case let flag: throw malformed("bad optional-bytes flag \(flag)")
        }
    }
}
