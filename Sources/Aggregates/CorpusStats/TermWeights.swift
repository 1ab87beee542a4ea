import Foundation

/// Each unit's word counts, in corpus order, for tf-idf key terms (`loupe.stats.tfidf`).
///
/// Unlike the other corpus statistics this keeps every unit's counts (memory grows with the
/// corpus), because a term's weight in one document depends on its document frequency in
/// all. Units carry their document's index in the corpus, so merging interleaves them in
/// corpus order whatever the grouping, as ``ItemList`` does.
public struct TermWeights: Equatable, Sendable {
    /// One unit: where it stands in the corpus, its document's id, and its word counts
    /// sorted by term byte-wise.
    public struct Unit: Equatable, Sendable {
        /// The document's index in the corpus (0 until the coordinator stamps it).
        public var document: Int
        /// The document's id (`doc.id`).
        public var id: String
        /// Each word and its count, by term.
        public var counts: [(term: Term, count: Int64)]

        /// Equal when they stand at the same place with the same id and counts.
        public static func == (x: Unit, y: Unit) -> Bool {
            x.document == y.document && x.id == y.id && x.counts.elementsEqual(y.counts) { $0.term == $1.term && $0.count == $1.count }
        }
    }

    /// Words left out, kept by ``emptied()``.
    public let stopwords: Stopwords
    /// The units, by document index.
    public private(set) var units: [Unit] = []

    /// No units.
    public init(stopwords: Stopwords = .none) {
        self.stopwords = stopwords
    }

    /// Counts one unit's words, for the document `id` at `document` in the corpus.
    public mutating func add(_ stream: WordStream, id: String, document: Int = 0) {
        let (counts, _) = stream.unigramCounts(excluding: stopwords)
        var pairs: [(term: Term, count: Int64)] = []
        for (index, count) in counts.enumerated() where count > 0 { pairs.append((stream.terms[index], count)) }
        pairs.sort { Bytes.precedes($0.term, $1.term) }
        units.append(Unit(document: document, id: id, counts: pairs))
    }

    /// The same units, all marked as added by `document` (see ``ItemList/stamped(document:)``).
    public func stamped(document: Int) -> TermWeights {
        var copy = self
        for i in copy.units.indices { copy.units[i].document = document }
        return copy
    }

    /// One weighted term of one unit.
    public struct Row: Equatable, Sendable {
        /// The unit's document id.
        public var id: String
        /// The word.
        public var term: Term
        /// Its count in the unit.
        public var tf: Int64
        /// The number of units it occurs in.
        public var df: Int64
        /// tf · ln(D/df).
        public var tfidf: Double
    }

    /// For each unit in corpus order, its `limit` terms of highest tf-idf (ties by term
    /// byte-wise); all its terms when `limit` is nil.
    public func top(_ limit: Int?) -> [Row] {
        var df: [Term: Int64] = [:]
        for unit in units { for (term, _) in unit.counts { df[term, default: 0] += 1 } }
        let total = Double(units.count)
        var rows: [Row] = []
        for unit in units {
            var weighted = unit.counts.map { term, tf in
                let frequency = df[term]!
                return Row(id: unit.id, term: term, tf: tf, df: frequency, tfidf: Double(tf) * log(total / Double(frequency)))
            }
            weighted.sort { $0.tfidf != $1.tfidf ? $0.tfidf > $1.tfidf : Bytes.precedes($0.term, $1.term) }
            rows.append(contentsOf: weighted.prefix(max(0, limit ?? weighted.count)))
        }
        return rows
    }
}

extension TermWeights: AggregateValue {
    public init?(unwrapping aggregate: Aggregate) {
        guard case .tfidf(let value) = aggregate else { return nil }
        self = value
    }

    public var wrapped: Aggregate { .tfidf(self) }
    public static var kind: AggregateKind { .tfidf }
    public var isEmpty: Bool { units.isEmpty }
    public func emptied() -> TermWeights { TermWeights(stopwords: stopwords) }

    /// Interleaves `other`'s units by document index; on equal indices this value's first.
    public mutating func merge(_ other: TermWeights) throws(AggregateError) {
        guard stopwords == other.stopwords else { throw .mismatch("tf-idf with other stopwords cannot be merged") }
        guard let last = units.last, let first = other.units.first, first.document < last.document else {
            units.append(contentsOf: other.units)
            return
        }
        var merged: [Unit] = []
        merged.reserveCapacity(units.count + other.units.count)
        var i = 0, j = 0
        while i < units.count, j < other.units.count {
            if other.units[j].document < units[i].document {
                merged.append(other.units[j])
                j += 1
            } else {
                merged.append(units[i])
                i += 1
            }
        }
        merged.append(contentsOf: units[i...])
        merged.append(contentsOf: other.units[j...])
        units = merged
    }

    public func encode(into writer: inout WireWriter) {
        stopwords.encode(into: &writer)
        writer.writeCount(units.count)
        for unit in units {
            writer.writeCount(unit.document)
            writer.writeBytes(Array(unit.id.utf8))
            writer.writeCount(unit.counts.count)
            for (term, count) in unit.counts {
                writer.writeBytes(term.bytes)
                writer.writeUnsigned(UInt64(count))
            }
        }
    }

    public init(decoding reader: inout WireReader) throws(WireError) {
        stopwords = try Stopwords(decoding: &reader)
        var previous = 0
        for _ in 0..<(try reader.readCount(minimumSize: 3)) {
            let document = try reader.readUnsigned()
            guard document <= UInt64(Int.max), Int(document) >= previous else {
                throw reader.malformed("tf-idf units out of document order")
            }
            previous = Int(document)
            let id = String(decoding: try reader.readBytes(), as: UTF8.self)
            var counts: [(term: Term, count: Int64)] = []
            for _ in 0..<(try reader.readCount(minimumSize: 2)) {
                let term = Term(try reader.readBytes())
                if let last = counts.last, !Bytes.precedes(last.term, term) { throw reader.malformed("terms out of order") }
                counts.append((term, try Bytes.readCount(&reader)))
            }
            units.append(Unit(document: Int(document), id: id, counts: counts))
        }
    }
}
