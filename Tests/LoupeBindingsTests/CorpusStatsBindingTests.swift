import Aggregates
import DocModel
import Foundation
import LoupeBindings
import LoupeTestSupport
import LuaRuntime
import Testing

/// The three documents of `Tests/Fixtures/corpus-stats`, read as `loupe run` reads them.
///
///     d1 (politics): Zero tolerance is the rule. The minister said zero tolerance, again.
///     d2 (politics): The minister said nothing. Zero tolerance.
///     d3 (sport):    The coach said zero goals. The team lost, again.
///
/// Words: d1 11, d2 6, d3 9; N = 26. Counts: the 5 (3 documents), zero 4 (3), said 3 (3),
/// tolerance 3 (2), again 2 (2), minister 2 (2), and coach, goals, is, lost, nothing, rule,
/// team once each: 13 types.
private func fixtureDocuments() throws -> [Document] {
    let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/corpus-stats")
    return try ["d1", "d2", "d3"].map { try PlainTextReader().read(path: folder.appendingPathComponent("\($0).txt").path) }
}

/// Runs `source` as the runner does (see ``AggregateScript``), with real documents: each
/// worker gets its own Lua value of its documents.
private func finish(_ source: String, documents: [Document], workers: Int) throws -> [LuaValue] {
    let environments = try (0..<workers).map { _ in try AggregateScript.start(source) }
    var coordinator = AggregateSet()
    for (index, document) in documents.enumerated() {
        let worker = environments[index % workers]
        worker.phase = .document
        _ = try worker.state.call(try worker.sandbox.rawGet("document"), try worker.value(of: document))
        if let delta = worker.takeAggregateDelta() { try coordinator.merge(delta: delta, document: index) }
    }
    let last = try AggregateScript.start(source)
    try last.loadAggregateState(coordinator.encodeState())
    last.phase = .finish
    return try last.state.call(try last.sandbox.rawGet("finish"))
}

/// Whether `actual` is `expected` to 1e-9, relatively.
private func close(_ actual: LuaValue, _ expected: Double) -> Bool {
    guard case .number(let x) = actual else { return false }
    return abs(x - expected) <= 1e-9 * max(1, abs(expected))
}


@Suite struct CorpusStatsBindingTests {
    private static let script = """
        local words   = loupe.stats.frequencies()
        local bigrams = loupe.stats.frequencies{n = 2, name = "bigrams"}
        local content = loupe.stats.frequencies{stopwords = {"the", "IS"}}
        local colls   = loupe.stats.collocations()
        local node    = loupe.stats.collocations{node = "Zero", window = 2}
        local key     = loupe.stats.keyness()
        local tfidf   = loupe.stats.tfidf()
        local summary = loupe.stats("summary")
        function document(doc)
          words:add(doc); bigrams:add(doc); content:add(doc); colls:add(doc); node:add(doc)
          key:add(doc, doc.meta.section)
          tfidf:add(doc)
          summary:add(#doc:tokens())
        end
        function finish()
          return {
            top = words:top(), tokens = words.tokens, types = words.types, documents = words.documents,
            ttr = words.ttr, said = words:count("said"), said_docs = words:docs("said"), nope = words:count("nope"),
            bigrams = bigrams:top(4), bigram_tokens = bigrams.tokens, content = content.tokens,
            pair = colls:top{by = "pmi", n = 1}[1], all_pairs = #colls:top{min_count = 1},
            node = node:top{n = 2, min_count = 1},
            groups = key:groups(), the = key:compare("politics", "sport"),
            tolerance = key:compare("politics", "sport", {min_count = 1, n = 1})[1],
            others = key:compare("sport", {min_count = 4}),
            tfidf = tfidf:top(3), summary = summary.count,
          }
        end
        """

    @Test func resultsMatchTheHandComputedFixture() throws {
        let documents = try fixtureDocuments()
        let results = try (1...3).map { try finish(Self.script, documents: documents, workers: $0) }
        #expect(results[1] == results[0] && results[2] == results[0], "the same for 1, 2 and 3 workers")
        guard case .table(let r) = results[0].first else {
            Issue.record("finish returned \(results)")
            return
        }
        func row(_ value: LuaValue) -> LuaTable { if case .table(let t) = value { t } else { LuaTable() } }

        // Frequencies: count desc, then term byte-wise; per_million = count / 26 · 1e6.
        let top = row(r["top"]).sequence.map(row)
        #expect(top.map { $0["term"] } == ["the", "zero", "said", "tolerance", "again", "minister",
                                           "coach", "goals", "is", "lost", "nothing", "rule", "team"])
        #expect(top.map { $0["count"] } == [5, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1])
        #expect(top.map { $0["docs"] } == [3, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1])
        #expect(close(top[0]["per_million"], 5.0 / 26 * 1e6))  // 192307.692…
        #expect(r["tokens"] == 26 && r["types"] == 13 && r["documents"] == 3)
        #expect(close(r["ttr"], 0.5))  // 13 / 26
        #expect(r["said"] == 3 && r["said_docs"] == 3 && r["nope"] == 0)
        // Stopwords (lower-cased): 26 − 5 "the" − 1 "is" = 20.
        #expect(r["content"] == 20)

        // Bigrams, within sentences, none across the commas: d1 4 + 4, d2 3 + 1, d3 4 + 2 = 18.
        // "zero tolerance" 3 (d1 twice, d2), then the ones seen twice, byte-wise.
        let bigrams = row(r["bigrams"]).sequence.map(row)
        #expect(bigrams.map { $0["term"] } == ["zero tolerance", "minister said", "said zero", "the minister"])
        #expect(bigrams.map { $0["count"] } == [3, 2, 2, 2])
        #expect(bigrams.map { $0["docs"] } == [2, 2, 2, 2])
        #expect(r["bigram_tokens"] == 18)

        // Adjacent pair (zero, tolerance): O11 = 3, R1 = 4, C1 = 3, N = 26; the only pair
        // seen 3 times, so the default min_count (3) leaves it alone.
        // E11 = 4·3/26 = 0.461538…; PMI = log2(3/E11) = log2(6.5) = 2.700439718…
        // t = (3 − 0.461538…)/√3 = 1.465581452…
        // O12 = 4 − 3 = 1, O21 = 3 − 3 = 0, O22 = 26 − 4 − 3 + 3 = 22;
        // E12 = 4·23/26, E22 = 22·23/26;
        // LL = 2·(3·ln(6.5) + 1·ln(1/(92/26)) + 22·ln(22/(506/26))) = 14.097931155…
        let pair = row(r["pair"])
        #expect(pair["first"] == "zero" && pair["second"] == "tolerance" && pair["count"] == 3)
        #expect(pair["first_count"] == 4 && pair["second_count"] == 3)
        #expect(close(pair["pmi"], log2(6.5)))
        #expect(close(pair["t"], (3 - 12.0 / 26) / 3.0.squareRoot()))
        #expect(close(pair["ll"], 2 * (3 * log(6.5) + 1 * log(1 / (92.0 / 26)) + 22 * log(22 / (506.0 / 26)))))
        #expect(close(pair["ll"], 14.097931155417061))
        #expect(r["all_pairs"] == 13)  // 18 bigrams: "zero tolerance" 3 times, three twice, nine once

        // Node "zero", window 2 (words on each side within the sentence, the comma skipped):
        // tolerance 3 times, said twice, coach, goals, is, minister and again once. Next by LL
        // after tolerance comes coach (seen once, and only there), tied with goals and is
        // and first byte-wise; said, seen twice but 3 times in all, scores lower.
        // (zero, tolerance): O11 = 3, R1 = 4·2·2 = 16, C1 = 3;
        // E11 = 4·3·4/26 = 1.846153…; PMI = log2(3/E11) = log2(1.625) = 0.700439718…
        // t = (3 − 1.846153…)/√3 = 0.666173387…
        // LL = 2·(3·ln(1.625) + 13·ln(13/(16·23/26)) + 10·ln(10/(10·23/26))) = 3.154130226…
        let node = row(r["node"]).sequence.map(row)
        #expect(node.map { $0["collocate"] } == ["tolerance", "coach"])
        #expect(node[0]["node"] == "zero" && node[0]["count"] == 3 && node[0]["node_count"] == 4 && node[0]["collocate_count"] == 3)
        #expect(close(node[0]["pmi"], log2(1.625)))
        #expect(close(node[0]["t"], (3 - 48.0 / 26) / 3.0.squareRoot()))
        #expect(close(node[0]["ll"], 2 * (3 * log(1.625) + 13 * log(13 / (368.0 / 26)) + 10 * log(10 / (230.0 / 26)))))
        #expect(close(node[0]["ll"], 3.1541302267031375))

        // Groups: politics = d1 + d2 (17 words), sport = d3 (9 words).
        let groups = row(r["groups"]).sequence.map(row)
        #expect(groups.map { $0["group"] } == ["politics", "sport"])
        #expect(groups.map { $0["documents"] } == [2, 1] && groups.map { $0["tokens"] } == [17, 9])
        // With min_count 5 only "the" is left (a + b = 3 + 2); a = 3, b = 2, c = 17, d = 9.
        // E1 = 17·5/26 = 3.269230…, E2 = 9·5/26 = 1.730769…
        // LL = 2·(3·ln(3/3.269230…) + 2·ln(2/1.730769…)) = 0.062670336…
        // %DIFF = (3/17 − 2/9)·100/(2/9) = −20.588235…; more frequent in sport.
        let the = row(r["the"]).sequence.map(row)
        #expect(the.count == 1 && the[0]["term"] == "the" && the[0]["a"] == 3 && the[0]["b"] == 2)
        #expect(close(the[0]["ll"], 2 * (3 * log(3 / (85.0 / 26)) + 2 * log(2 / (45.0 / 26)))))
        #expect(close(the[0]["ll"], 0.06267033644008213))
        #expect(close(the[0]["diff"], (3.0 / 17 - 2.0 / 9) * 100 / (2.0 / 9)))
        #expect(close(the[0]["a_per_million"], 3.0 / 17 * 1e6) && close(the[0]["b_per_million"], 2.0 / 9 * 1e6))
        #expect(the[0]["more_in"] == "sport")
        // "tolerance": a = 3, b = 0; E1 = 17·3/26; LL = 2·3·ln(3/(51/26)) = 2.549299163…, the
        // highest; %DIFF = math.huge as b = 0.
        let tolerance = row(r["tolerance"])
        #expect(tolerance["term"] == "tolerance" && tolerance["diff"] == .number(.infinity) && tolerance["more_in"] == "politics")
        #expect(close(tolerance["ll"], 6 * log(3 / (51.0 / 26))))
        // Sport against every other group: the and zero reach a + b ≥ 4.
        let others = row(r["others"]).sequence.map(row)
        #expect(others.count == 2 && others.contains { $0["term"] == "the" } && others.contains { $0["term"] == "zero" })
        #expect(others.allSatisfy { $0["more_in"] == "(others)" || $0["more_in"] == "sport" })

        // tf-idf, D = 3: d1 "is" and "rule" ln(3/1) = 1.098612…, "tolerance" 2·ln(3/2) = 0.810930…;
        // d2 "nothing" ln 3, "minister" and "tolerance" ln(3/2) = 0.405465…; d3 four words with
        // ln 3, the first three byte-wise.
        let tfidf = row(r["tfidf"]).sequence.map(row)
        #expect(tfidf.map { $0["doc"] } == ["d1", "d1", "d1", "d2", "d2", "d2", "d3", "d3", "d3"])
        #expect(tfidf.map { $0["term"] } == ["is", "rule", "tolerance", "nothing", "minister", "tolerance", "coach", "goals", "lost"])
        #expect(tfidf[2]["tf"] == 2 && tfidf[2]["df"] == 2)
        #expect(close(tfidf[2]["tfidf"], 2 * log(3.0 / 2)))  // 0.8109302162…
        #expect(close(tfidf[0]["tfidf"], log(3.0)))
        #expect(r["summary"] == 3, "loupe.stats(name) still makes the numeric summary")
    }

    @Test func spansCountOnlyTheirTokens() throws {
        let results = try interactive("""
            local d = loupe.document("Zero tolerance is the rule. The minister said zero tolerance, again.")
            local words, all = loupe.stats.frequencies(), loupe.stats.frequencies()
            words:add(d:sentences()[2]); all:add(d)
            return words.tokens, words:count("zero"), words.documents, all.tokens, tostring(words), getmetatable(loupe.stats)
            """)
        #expect(results == [6, 1, 1, 11, "Frequencies(#1)", false])
    }

    /// `code`, run in a fresh environment where everything is allowed, fails with `message`.
    private func expectError(_ code: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try aggregateError(code) == "test:1: " + message, sourceLocation: sourceLocation)
    }

    @Test func misuseIsReportedInLuasWords() throws {
        try expectError("loupe.stats.frequencies{n = 7}", "bad argument #1 to 'frequencies' (n must be 1 to 5, not 7)")
        try expectError("loupe.stats.frequencies{n = 1.5}", "bad argument #1 to 'frequencies' (field 'n' must be an integer, not a fraction)")
        try expectError("loupe.stats.frequencies{m = 2}", "bad argument #1 to 'frequencies' (unknown option 'm' (n, stopwords, name))")
        try expectError("loupe.stats.frequencies{stopwords = 'klingon'}", "bad argument #1 to 'frequencies' (unknown stopword list 'klingon' (\"english\", or a list of words))")
        try expectError("loupe.stats.collocations{window = 3}", "bad argument #1 to 'collocations' (a window wider than 1 needs a node (without one, pairs are adjacent words))")
        try expectError("loupe.stats.collocations():top{by = 'dice'}", "bad argument #1 to 'top' (unknown measure 'dice' (\"ll\", \"pmi\" or \"t\"))")
        try expectError("loupe.stats.frequencies():add('text')", "bad argument #1 to 'add' (Document or Span expected, got string)")
        try expectError("loupe.stats.frequencies():top(-1)", "bad argument #1 to 'top' (n must not be negative)")
        try expectError("loupe.stats({})", "bad argument #1 to 'stats' (string expected, got table)")
        try expectError("local k = loupe.stats.keyness() k:compare()", "bad argument #1 to 'compare' (string expected, got no value)")
        try expectError("local k = loupe.stats.keyness() k:compare('a', 'b', {n = -1})", "bad argument #3 to 'compare' (n must not be negative)")
        #expect(try interactive("local k = loupe.stats.keyness() k:add(loupe.document('A b.'), 'x') return #k:compare('y', nil, {min_count = 1})") == [2],
                "an unknown group is empty (a shard may lack it)")
        #expect(try aggregateError("loupe.stats.tfidf()", phase: .document)?.contains(
            "loupe.stats.tfidf: create aggregates at the script's top level") == true)

        let environment = try AggregateScript.start("words = loupe.stats.frequencies() key = loupe.stats.keyness()")
        environment.phase = .document
        func run(_ code: String) -> String? {
            do {
                _ = try environment.state.call(.function(try environment.state.load(code, chunkName: "=test", environment: environment.sandbox)))
                return nil
            } catch { return error.message }
        }
        #expect(run("words:add(loupe.document('A b.')) key:add(loupe.document('A b.'), nil)") == nil)
        #expect(run("return words:top(3)") == "test:1: frequencies:top: aggregates cannot be read in document(doc): each worker sees only its own documents, so results exist only in finish(report)")
        #expect(run("return words.ttr")?.contains("frequencies.ttr: aggregates cannot be read in document(doc)") == true)
        environment.phase = .finish
        #expect(run("words:add(loupe.document('A b.'))")?.contains("frequencies:add: aggregates are read-only in finish(report)") == true)
        #expect(run("assert(#key:groups() == 0 and words.documents == 1)") == nil, "a nil group adds nothing")
    }
}
