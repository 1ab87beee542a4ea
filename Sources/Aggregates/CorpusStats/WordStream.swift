import Foundation

/// The words of one document or span, as the corpus statistics count them: lower-cased
/// words in text order, with the breaks that n-grams and windows must not cross.
///
/// Words are interned as they are appended (``terms`` holds each distinct word once, and
/// ``items`` the ids), so that the aggregates count with arrays indexed by id and touch each
/// distinct word's bytes once per document rather than once per token.
///
/// ```swift
/// var stream = WordStream()
/// stream.append(word: Array("zero".utf8))
/// stream.appendBreak()              // a comma: no bigram across it
/// stream.endSentence()
/// ```
public struct WordStream: Sendable, Equatable {
    /// In ``items``: a punctuation token (or other token that is not a word).
    public static let punctuation: Int32 = -1
    /// In ``items``: the end of a sentence.
    public static let sentenceEnd: Int32 = -2

    /// Each distinct word once, lower-cased UTF-8, in order of first appearance.
    public private(set) var terms: [Term] = []
    /// Word ids (indices into ``terms``), ``punctuation`` and ``sentenceEnd`` markers.
    public private(set) var items: [Int32] = []
    private var ids: [Term: Int32] = [:]

    /// No words.
    public init() {}

    /// Words given as sentences of strings, `nil` standing for punctuation (for tests and
    /// callers outside the document model).
    public init(sentences: [[String?]]) {
        for sentence in sentences {
            for word in sentence {
                if let word { append(word: Array(word.utf8)) } else { appendBreak() }
            }
            endSentence()
        }
    }

    /// Appends a word (already lower-cased). Looking it up does not copy `word`, so callers
    /// can reuse one buffer for every token.
    public mutating func append(word bytes: [UInt8]) {
        let word = Term(bytes)
        if let id = ids[word] {
            items.append(id)
        } else {
            let id = Int32(terms.count)
            ids[word] = id
            terms.append(word)
            items.append(id)
        }
    }

    /// Appends a break: punctuation between words.
    public mutating func appendBreak() {
        if let last = items.last, last >= 0 { items.append(Self.punctuation) }
    }

    /// Ends the current sentence (nothing happens when no word came since the last end).
    public mutating func endSentence() {
        while let last = items.last, last == Self.punctuation { items.removeLast() }
        if let last = items.last, last != Self.sentenceEnd { items.append(Self.sentenceEnd) }
    }

    /// How many words (not breaks).
    public var wordCount: Int { items.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// How many times each term occurs, by id, leaving out `stopwords`; and their total.
    func unigramCounts(excluding stopwords: Stopwords) -> (counts: [Int64], total: Int64) {
        var counts = [Int64](repeating: 0, count: terms.count)
        for id in items where id >= 0 { counts[Int(id)] += 1 }
        var total: Int64 = 0
        for (id, term) in terms.enumerated() {
            if stopwords.contains(term) { counts[id] = 0 } else { total += counts[id] }
        }
        return (counts, total)
    }
}

/// Words left out of counts (`stopwords = "english"`, or a list the script gives).
///
/// Part of an aggregate's configuration: workers must agree on it, so it travels and is
/// compared with the rest.
public struct Stopwords: Sendable, Equatable {
    /// `"english"` for the built-in list, nil for none or a script's own list.
    public let name: String?
    /// The words, lower-cased.
    public let words: Set<Term>

    /// No stopwords.
    public static let none = Stopwords(name: nil, words: [])
    /// The built-in English list (``englishWords``).
    public static let english = Stopwords(name: "english", words: Set(englishWords.map { Term($0) }))

    private init(name: String?, words: Set<Term>) {
        self.name = name
        self.words = words
    }

    /// A script's own list; words are lower-cased, as the words they are compared with.
    public init(list: [String]) {
        self.init(name: nil, words: Set(list.map { Term($0.lowercased()) }))
    }

    /// The built-in list by name (only `"english"`), or nil.
    public init?(named name: String) {
        guard name == "english" else { return nil }
        self = .english
    }

    /// Whether `word` is left out.
    @inline(__always)
    func contains(_ word: Term) -> Bool { !words.isEmpty && words.contains(word) }

    func encode(into writer: inout WireWriter) {
        if name == "english" { return writer.writeByte(1) }
        guard !words.isEmpty else { return writer.writeByte(0) }
        writer.writeByte(2)
        let sorted = words.sorted(by: Bytes.precedes)
        writer.writeCount(sorted.count)
        for word in sorted { writer.writeBytes(word.bytes) }
    }

    init(decoding reader: inout WireReader) throws(WireError) {
        switch try reader.readByte() {
        case 0: self = .none
        case 1: self = .english
        case 2:
            var words: Set<Term> = []
            for _ in 0..<(try reader.readCount()) { words.insert(Term(try reader.readBytes())) }
            self.init(name: nil, words: words)
        case let tag: throw reader.malformed("unknown stopword list \(tag)")
        }
    }

    /// About 150 common English function words: articles, pronouns, auxiliaries,
    /// prepositions and conjunctions (no content words, so keyness and collocations of
    /// content words are unaffected).
    public static let englishWords: [String] = [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
        "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
        "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my",
        "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
        "ourselves", "out", "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than",
        "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
        "those", "through", "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were",
        "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "would",
        "you", "your", "yours", "yourself", "yourselves", "also", "although", "among", "around", "across",
        "cannot", "either", "neither", "within", "without", "yet", "s", "t", "'s", "n't",
    ]
}

/// A word or n-gram as the corpus statistics key it: its UTF-8 bytes, hashed as one block
/// (an array of bytes hashes byte by byte, several times slower) and ordered byte-wise.
///
/// The hash of the bytes is computed once, when the term is made: a term is looked up in
/// several dictionaries (a worker's, then the coordinator's), and its hash is all a
/// dictionary needs to place it and, mostly, to tell it from others. It is never written
/// out (Swift seeds hashes per process).
public struct Term: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The bytes.
    public let bytes: [UInt8]
    private let digest: Int

    /// The term of these bytes.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // FNV-1a: a few instructions a byte, where a `Hasher` over the bytes costs a SipHash
        // set-up and finalisation per term — and the coordinator makes a term for every word
        // of every document's counts it merges. Dictionaries still mix it with their seed.
        var hash = Self.basis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        digest = Int(truncatingIfNeeded: hash)
    }

    /// FNV's offset basis, drawn once per process, so that a corpus cannot be written to make
    /// terms collide (digests never leave the process).
    private static let basis = UInt64.random(in: .min ... .max)

    /// The term of this text's UTF-8.
    public init(_ text: String) { self.init(Array(text.utf8)) }

    /// Equal bytes (the hashes are compared first, which rules out most others at once).
    public static func == (a: Term, b: Term) -> Bool { a.digest == b.digest && a.bytes == b.bytes }

    /// Feeds the precomputed hash.
    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    /// The precomputed hash mixed with a dictionary's seed by a MurmurHash3 finaliser: what
    /// dictionaries of terms call, instead of a SipHash through ``hash(into:)`` for every
    /// lookup (the coordinator looks up each word of each document's counts as it merges).
    public func _rawHashValue(seed: Int) -> Int {
        var x = UInt64(truncatingIfNeeded: digest) ^ UInt64(truncatingIfNeeded: seed)
        x = (x ^ (x >> 33)) &* 0xff51_afd7_ed55_8ccd
        x = (x ^ (x >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return Int(truncatingIfNeeded: x ^ (x >> 33))
    }

    /// Byte-wise order, a shorter term first when it is a prefix of the other.
    public static func < (a: Term, b: Term) -> Bool {
        let n = min(a.bytes.count, b.bytes.count)
        let order = n == 0 ? 0 : a.bytes.withUnsafeBytes { x in b.bytes.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, n) } }
        return order != 0 ? order < 0 : a.bytes.count < b.bytes.count
    }

    /// The bytes as text (invalid UTF-8 repaired).
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}

/// Byte-string helpers shared by the corpus statistics.
enum Bytes {
    /// Byte-wise order (the order of `top` among equal counts, and of encoded terms).
    @inline(__always)
    static func precedes(_ a: Term, _ b: Term) -> Bool { a < b }

    /// Writes a dictionary keyed by byte strings in key order, so that equal dictionaries
    /// encode to equal bytes.
    static func encode<Value>(
        _ dictionary: [Term: Value], into writer: inout WireWriter, _ value: (Value, inout WireWriter) -> Void
    ) {
        writer.writeCount(dictionary.count)
        for (key, entry) in sortedByKey(dictionary) {
            writer.writeBytes(key.bytes)
            value(entry, &writer)
        }
    }

    /// The entries by key, byte-wise. Keys are compared by their first eight bytes as one
    /// integer first, so that sorting a state's hundreds of thousands of n-grams seldom
    /// reaches `memcmp`.
    static func sortedByKey<Value>(_ dictionary: [Term: Value]) -> [(key: Term, value: Value)] {
        // Sorting (prefix, position) pairs moves plain integers; sorting the entries would
        // retain and release their terms at every move (each document's counts are sorted).
        let entries = Array(dictionary)
        var order = entries.indices.map { (prefix: prefix(entries[$0].key), index: $0) }
        order.sort { a, b in
            a.prefix != b.prefix ? a.prefix < b.prefix : entries[a.index].key < entries[b.index].key
        }
        return order.map { entries[$0.index] }
    }

    /// The first eight bytes, big-endian, zero-padded: integer order is byte-wise order
    /// (ties broken by the whole term).
    @inline(__always)
    static func prefix(_ term: Term) -> UInt64 {
        var value: UInt64 = 0
        let bytes = term.bytes
        for i in 0..<8 { value = value << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
        return value
    }

    /// Reads what ``encode(_:into:_:)`` wrote; keys must rise strictly.
    static func decode<Value>(
        _ reader: inout WireReader, _ value: (inout WireReader) throws(WireError) -> Value
    ) throws(WireError) -> [Term: Value] {
        let count = try reader.readCount(minimumSize: 2)
        var out: [Term: Value] = [:]
        out.reserveCapacity(count)
        var previous: Term?
        for _ in 0..<count {
            let key = Term(try reader.readBytes())
            if let previous, !(previous < key) { throw reader.malformed("terms out of order") }
            out[key] = try value(&reader)
            previous = key
        }
        return out
    }

    /// Reads a count that must not be negative.
    static func readCount(_ reader: inout WireReader) throws(WireError) -> Int64 {
        let value = try reader.readUnsigned()
        guard value <= UInt64(Int64.max) else { throw reader.malformed("a count past 2^63") }
        return Int64(value)
    }
}

/// The first entries of a collection in an order, without sorting all of it when few are
/// asked for (`top(20)` of half a million n-grams).
enum TopSelection {
    /// The first `limit` elements (all when nil) of `elements` ordered by `precedes`.
    /// - Complexity: O(n log k) for k = `limit` well below n; O(n log n) otherwise.
    static func top<S: Sequence>(_ elements: S, limit: Int?, by precedes: (S.Element, S.Element) -> Bool) -> [S.Element] {
        guard let limit, limit < 1_000 else {
            let sorted = elements.sorted(by: precedes)
            return Array(sorted.prefix(max(0, limit ?? sorted.count)))
        }
        guard limit > 0 else { return [] }
        var best: [S.Element] = []
        best.reserveCapacity(limit + 1)
        for element in elements {
            if best.count == limit, !precedes(element, best[limit - 1]) { continue }
            // Binary search for the first kept element that `element` precedes.
            var low = 0, high = best.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(element, best[middle]) { high = middle } else { low = middle + 1 }
            }
            best.insert(element, at: low)
            if best.count > limit { best.removeLast() }
        }
        return best
    }
}
