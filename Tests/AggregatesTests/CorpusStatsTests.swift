import Aggregates
import Foundation
import LuaRuntime
import Testing

/// The corpus statistics as values: what they count, the merge laws, and their coding.
@Suite struct CorpusStatsTests {
    private static let vocabulary: [String?] = ["the", "minister", "said", "zero", "tolerance", "é", nil, "the", "zero"]

    /// Forty units of a few sentences each, picked by a seeded generator.
    private static func streams(seed: UInt64) -> [WordStream] {
        var random = SeededRandom(seed: seed)
        return (0..<40).map { _ in
            WordStream(sentences: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                (0..<Int.random(in: 0...8, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }
            })
        }
    }

    private static func bytes(_ text: String) -> Term { Term(text) }

    @Test func frequenciesMergeLaws() throws {
        for configuration in [
            try TermFrequencies.Configuration(), try TermFrequencies.Configuration(n: 2),
            try TermFrequencies.Configuration(n: 3, stopwords: .english), try TermFrequencies.Configuration(stopwords: Stopwords(list: ["Zero"])),
        ] {
            try expectMergeLaws(TermFrequencies(configuration), documents: Self.streams(seed: 11).map { stream in
                { value, _ in value.add(stream) }
            })
        }
    }

    @Test func collocationsMergeLaws() throws {
        for configuration in [try Collocations.Configuration(), try Collocations.Configuration(node: Self.bytes("zero"), window: 3)] {
            try expectMergeLaws(Collocations(configuration), documents: Self.streams(seed: 12).map { stream in
                { value, _ in value.add(stream) }
            })
        }
    }

    @Test func keynessMergeLaws() throws {
        try expectMergeLaws(Keyness(), documents: Self.streams(seed: 13).enumerated().map { index, stream in
            { value, _ in value.add(stream, group: Self.bytes(["a", "b", "c"][index % 3])) }
        })
    }

    @Test func tfidfMergeLawsKeepCorpusOrder() throws {
        try expectMergeLaws(TermWeights(stopwords: .english), documents: Self.streams(seed: 14).map { stream in
            { value, document in value.add(stream, id: "d\(document)", document: document) }
        })
    }

    /// Any split of the corpus into parts, merged, gives what one pass gives.
    @Test func splitAnywhereEqualsWhole() throws {
        let streams = Self.streams(seed: 15)
        var whole = TermFrequencies(try .init(n: 2))
        for stream in streams { whole.add(stream) }
        for cut in [0, 1, 17, 39, 40] {
            var first = TermFrequencies(try .init(n: 2)), second = TermFrequencies(try .init(n: 2))
            for stream in streams[..<cut] { first.add(stream) }
            for stream in streams[cut...] { second.add(stream) }
            try first.merge(second)
            #expect(first == whole, "cut at \(cut)")
            #expect(encoded(first) == encoded(whole))
        }
    }

    @Test func ngramsStopAtPunctuationSentencesAndStopwords() throws {
        let stream = WordStream(sentences: [["prime", "minister", nil, "said", "the", "prime", "minister"], ["minister", "said"]])
        var bigrams = TermFrequencies(try .init(n: 2))
        bigrams.add(stream)
        #expect(bigrams.top().map { $0.term.description } == ["prime minister", "minister said", "said the", "the prime"])
        #expect(bigrams.tokens == 5 && bigrams.types == 4 && bigrams.documents == 1)
        var content = TermFrequencies(try .init(n: 2, stopwords: .english))
        content.add(stream)
        #expect(content.top().map { $0.term.description } == ["prime minister", "minister said"])
        var words = TermFrequencies(try .init(stopwords: .english))
        words.add(stream)
        #expect(words.tokens == 7 && words.entries[Self.bytes("the")] == nil)
        #expect(words.entries[Self.bytes("minister")]?.count == 3 && words.entries[Self.bytes("minister")]?.documents == 1)
    }

    /// `top(k)` selects without sorting everything; it must agree with the full sort.
    @Test func topOfFewEqualsThePrefixOfAll() throws {
        var words = TermFrequencies(try .init(n: 2))
        for stream in Self.streams(seed: 17) { words.add(stream) }
        let all = words.top()
        for k in [0, 1, 2, 5, 13, all.count, all.count + 5] {
            #expect(words.top(k).map(\.term) == all.prefix(k).map(\.term), "top(\(k))")
        }
        var pairs = Collocations(try .init())
        for stream in Self.streams(seed: 18) { pairs.add(stream) }
        let rows = pairs.top(by: .pmi, limit: nil, minimumCount: 1)
        #expect(pairs.top(by: .pmi, limit: 4, minimumCount: 1) == Array(rows.prefix(4)))
    }

    @Test func configurationsAreCheckedAndMustAgree() throws {
        #expect(throws: AggregateError.invalid("n must be 1 to 5, not 6")) { try TermFrequencies.Configuration(n: 6) }
        #expect(throws: AggregateError.self) { try Collocations.Configuration(window: 2) }
        #expect(throws: AggregateError.self) { try Collocations.Configuration(node: Term("a"), window: 0) }
        var words = TermFrequencies(try .init())
        #expect(throws: AggregateError.self) { try words.merge(TermFrequencies(try .init(n: 2))) }
        #expect(throws: AggregateError.self) { try words.merge(TermFrequencies(try .init(stopwords: .english))) }
        let a = Aggregate.keyness(Keyness()), b = Aggregate.keyness(Keyness(stopwords: .english))
        #expect(throws: AggregateError.self) { try a.checkCompatible(with: b) }
        let emptied = Aggregate.frequencies(TermFrequencies(try .init(n: 3, stopwords: Stopwords(list: ["x"])))).emptied()
        #expect(emptied.value(as: TermFrequencies.self)?.configuration == (try .init(n: 3, stopwords: Stopwords(list: ["x"]))))
    }

    @Test func everyKindRoundTripsThroughASet() throws {
        var set = AggregateSet()
        var words = TermFrequencies(try .init(stopwords: Stopwords(list: ["a"])))
        var pairs = Collocations(try .init(node: Self.bytes("zero"), window: 2))
        var key = Keyness()
        var weights = TermWeights()
        for (index, stream) in Self.streams(seed: 16).enumerated() {
            words.add(stream)
            pairs.add(stream)
            key.add(stream, group: Self.bytes(index % 2 == 0 ? "even" : "odd"))
            weights.add(stream, id: "d\(index)", document: index)
        }
        try set.create(.frequencies(words), name: "words")
        try set.create(.collocations(pairs))
        try set.create(.keyness(key))
        try set.create(.tfidf(weights))
        var loaded = AggregateSet()
        try loaded.loadState(set.encodeState())
        #expect(loaded == set)
        #expect(loaded.encodeState() == set.encodeState())
        // Corrupt copies are refused, never crash.
        let bytes = set.encodeState()
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 50)) {
            var other = AggregateSet()
            #expect(throws: AggregateError.self) { try other.loadState(Array(bytes[..<cut])) }
        }
    }

    @Test func measuresFollowTheirDefinitions() {
        // Adjacent pair seen 3 times; first word 4 times, second 3 times, 26 words.
        // E11 = 4·3/26; PMI = log2(3/E11) = log2(6.5).
        let m = Measures.association(o11: 3, r1: 4, c1: 3, n: 26)
        #expect(abs(m.pmi - log2(6.5)) < 1e-12)
        #expect(abs(m.t - (3 - 12.0 / 26) / 3.0.squareRoot()) < 1e-12)
        let k = Measures.keyness(a: 3, b: 0, c: 17, d: 9)
        #expect(k.diff == .infinity)
        #expect(abs(k.ll - 6 * log(3 / (17.0 * 3 / 26))) < 1e-12)
    }
}
