/// Word or n-gram frequencies with document frequencies (`loupe.stats.frequencies`).
///
/// Each ``add(_:)`` is one unit (a document, or a span the script chose): every term's count
/// grows by its occurrences and its document frequency by one. A document runs in one
/// worker, so document frequencies merge by sum, like counts; merging is commutative and
/// associative.
public struct TermFrequencies: Equatable, Sendable {
    /// What is counted: words (`n` = 1) or n-grams, and which words are left out.
    public struct Configuration: Equatable, Sendable {
        /// Words per term, 1 to 5.
        public let n: Int
        /// Words left out (an n-gram containing one is not counted).
        public let stopwords: Stopwords

        /// A configuration.
        /// - Throws: ``AggregateError/invalid(_:)`` when `n` is not 1 to 5.
        public init(n: Int = 1, stopwords: Stopwords = .none) throws(AggregateError) {
            guard (1...5).contains(n) else { throw .invalid("n must be 1 to 5, not \(n)") }
            self.n = n
            self.stopwords = stopwords
        }
    }

    /// A term's occurrences and the number of units it occurs in.
    public struct Entry: Equatable, Sendable {
        /// Occurrences.
        public var count: Int64
        /// Units (documents) it occurs in.
        public var documents: Int64

        /// Adds to both counts (one dictionary access where two would hash the term twice).
        mutating func add(_ count: Int64, documents: Int64) {
            self.count += count
            self.documents += documents
        }
    }

    /// The configuration, kept by ``emptied()``.
    public let configuration: Configuration
    /// Each term (words joined by one space) and its counts.
    public private(set) var entries: [Term: Entry] = [:]
    /// Terms counted: words for `n` = 1, n-grams otherwise.
    public private(set) var tokens: Int64 = 0
    /// Units added.
    public private(set) var documents: Int64 = 0

    /// Empty frequencies.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Counts one unit's terms.
    public mutating func add(_ stream: WordStream) {
        documents += 1
        // A worker adds one document to an emptied value: size it once.
        if entries.isEmpty { entries.reserveCapacity(stream.terms.count * (configuration.n == 1 ? 1 : 2)) }
        if configuration.n == 1 {
            let (counts, total) = stream.unigramCounts(excluding: configuration.stopwords)
            tokens += total
            for (id, count) in counts.enumerated() where count > 0 { record(stream.terms[id], count) }
            return
        }
        let counts = NGrams.count(stream, n: configuration.n, stopwords: configuration.stopwords)
        for (gram, count) in counts {
            tokens += count
            record(gram.joined(stream.terms, n: configuration.n), count)
        }
    }

    private mutating func record(_ term: Term, _ count: Int64) {
        entries[term, default: Entry(count: 0, documents: 0)].add(count, documents: 1)
    }

    /// Distinct terms.
    public var types: Int { entries.count }

    /// The most frequent terms, most frequent first, ties by term byte-wise; all when `limit`
    /// is nil.
    /// - Complexity: O(t log t) for t terms.
    public func top(_ limit: Int? = nil) -> [(term: Term, entry: Entry)] {
        TopSelection.top(entries, limit: limit) { a, b in
            a.value.count != b.value.count ? a.value.count > b.value.count : a.key < b.key
        }.map { ($0.key, $0.value) }
    }
}

extension TermFrequencies: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .frequencies(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .frequencies(self) }
    public static var kind: AggregateKind { .frequencies }
    public var isEmpty: Bool { documents == 0 }
    public func emptied() -> TermFrequencies { TermFrequencies(configuration) }

    public mutating func merge(_ other: TermFrequencies) throws(AggregateError) {
        guard configuration == other.configuration else { throw .mismatch("frequencies configured differently cannot be merged") }
        tokens += other.tokens
        documents += other.documents
        for (term, entry) in other.entries {
            entries[term, default: Entry(count: 0, documents: 0)].add(entry.count, documents: entry.documents)
        }
    }

    public func encode(into writer: inout WireWriter) {
        writer.writeCount(configuration.n)
        configuration.stopwords.encode(into: &writer)
        writer.writeUnsigned(UInt64(tokens))
        writer.writeUnsigned(UInt64(documents))
        Bytes.encode(entries, into: &writer) { entry, writer in
            writer.writeUnsigned(UInt64(entry.count))
            writer.writeUnsigned(UInt64(entry.documents))
        }
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        let n = try reader.readUnsigned()
        let stopwords = try Stopwords(decoding: &reader)
        do throws(AggregateError) {
            configuration = try Configuration(n: Int(min(n, 99)), stopwords: stopwords)
        } catch {
            throw reader.malformed("frequencies with n = \(n)")
        }
        tokens = try Bytes.readCount(&reader)
        documents = try Bytes.readCount(&reader)
        entries = try Bytes.decode(&reader) { (reader: inout WireReader) throws(WireError) in
            Entry(count: try Bytes.readCount(&reader), documents: try Bytes.readCount(&reader))
        }
    }
}

/// Counting n-grams of a ``WordStream`` by word ids.
enum NGrams {
    /// Up to five word ids (unused slots -1), hashed as one value.
    struct Key: Hashable {
        var ids: (Int32, Int32, Int32, Int32, Int32) = (-1, -1, -1, -1, -1)

        static func == (a: Key, b: Key) -> Bool { a.ids == b.ids }
        func hash(into hasher: inout Hasher) {
            hasher.combine(ids.0); hasher.combine(ids.1); hasher.combine(ids.2); hasher.combine(ids.3); hasher.combine(ids.4)
        }

        /// The ids mixed with the dictionary's seed by multiply-xorshift rounds, instead of a
        /// SipHash over five integers for each n-gram of each document.
        func _rawHashValue(seed: Int) -> Int {
            let low = UInt64(UInt32(bitPattern: ids.0)) | UInt64(UInt32(bitPattern: ids.1)) << 32
            let high = UInt64(UInt32(bitPattern: ids.2)) | UInt64(UInt32(bitPattern: ids.3)) << 32
            var x = UInt64(truncatingIfNeeded: seed) ^ low
            x = (x ^ (x >> 32)) &* 0xff51_afd7_ed55_8ccd ^ high
            x = (x ^ (x >> 29)) &* 0xc4ce_b9fe_1a85_ec53 ^ UInt64(UInt32(bitPattern: ids.4))
            x = (x ^ (x >> 32)) &* 0xff51_afd7_ed55_8ccd
            return Int(truncatingIfNeeded: x ^ (x >> 29))
        }

        subscript(i: Int) -> Int32 {
            switch i {
            case 0: ids.0
            case 1: ids.1
            case 2: ids.2
            case 3: ids.3
            default: ids.4
            }
        }

        /// The words, joined by one space.
        func joined(_ terms: [Term], n: Int) -> Term {
            var out: [UInt8] = []
            for i in 0..<n {
                if i > 0 { out.append(0x20) }
                out.append(contentsOf: terms[Int(self[i])].bytes)
            }
            return Term(out)
        }
    }

    /// How many times each run of `n` consecutive words occurs, within sentences, not across
    /// punctuation, and not through a stopword.
    static func count(_ stream: WordStream, n: Int, stopwords: Stopwords) -> [Key: Int64] {
        let stop = stream.terms.map(stopwords.contains)
        var counts: [Key: Int64] = [:]
        var window: [Int32] = []
        window.reserveCapacity(n)
        for id in stream.items {
            guard id >= 0, !stop[Int(id)] else {
                window.removeAll(keepingCapacity: true)
                continue
            }
            if window.count == n { window.removeFirst() }
            window.append(id)
            guard window.count == n else { continue }
            var key = Key()
            withUnsafeMutableBytes(of: &key.ids) { raw in
                for (i, id) in window.enumerated() { raw.storeBytes(of: id, toByteOffset: i * 4, as: Int32.self) }
            }
            counts[key, default: 0] += 1
        }
        return counts
    }
}
