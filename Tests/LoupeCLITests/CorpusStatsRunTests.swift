import Foundation
import LoupeTestSupport
import Testing

/// `loupe.stats` through `loupe run`: the rows `finish` emits are the same bytes whatever the
/// number of worker processes.
@Suite struct CorpusStatsRunTests {
    /// The three hand-computed fixture documents and nine more, and a script that emits every
    /// statistic.
    func writeProject(in dir: URL) throws {
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/corpus-stats")
        for name in ["d1", "d2", "d3"] {
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent("\(name).txt"), to: corpus.appendingPathComponent("\(name).txt"))
        }
        let sections = ["politics", "sport", "business"]
        for i in 4...12 {
            let text = """
                Section: \(sections[i % 3])

                Report \(i): the minister said zero tolerance, again and again. Prices rose \(i) percent in week \(i % 4).

                The team said the coach was right. Zero goals, zero tolerance.
                """
            try writeFile(String(format: "corpus/d%02d.txt", i), text, in: dir)
        }
        try writeFile("s.lua", """
            local words   = loupe.stats.frequencies()
            local bigrams = loupe.stats.frequencies{n = 2, name = "bigrams"}
            local content = loupe.stats.frequencies{stopwords = "english"}
            local colls   = loupe.stats.collocations{node = "tolerance", window = 5}
            local pairs   = loupe.stats.collocations()
            local key     = loupe.stats.keyness()
            local tfidf   = loupe.stats.tfidf()
            function document(doc)
              words:add(doc); bigrams:add(doc); content:add(doc); colls:add(doc); pairs:add(doc)
              key:add(doc, doc.meta.section)
              tfidf:add(doc)
            end
            function finish(report)
              for _, r in ipairs(words:top(10)) do emit("words", r) end
              emit("totals", {tokens = words.tokens, types = words.types, documents = words.documents, ttr = words.ttr})
              for _, r in ipairs(bigrams:top(10)) do emit("bigrams", r) end
              for _, r in ipairs(content:top(5)) do emit("content", r) end
              for _, r in ipairs(colls:top{by = "t", n = 5, min_count = 1}) do emit("colls", r) end
              for _, r in ipairs(pairs:top{n = 5}) do emit("pairs", r) end
              for _, r in ipairs(key:groups()) do emit("groups", r) end
              for _, r in ipairs(key:compare("politics", "sport", {n = 5, min_count = 2})) do emit("keyness", r) end
              for _, r in ipairs(key:compare("business", nil, {n = 5})) do emit("keyness", r) end
              for _, r in ipairs(tfidf:top(2)) do emit("tfidf", r) end
            end
            """, in: dir)
    }

    @Test func oneWorkerAndThreeGiveTheSameRows() throws {
        try withTemporaryDirectory { dir in
            try writeProject(in: dir)
            let one = try runLoupe(["run", "-q", "--jobs", "1", "-o", "one.jsonl", "s.lua", "corpus"], in: dir)
            let three = try runLoupe(["run", "-q", "--jobs", "3", "-o", "three.jsonl", "s.lua", "corpus"], in: dir)
            #expect(one.status == 0, "\(one.stderr)")
            #expect(three.status == 0, "\(three.stderr)")
            for table in ["words", "totals", "bigrams", "content", "colls", "pairs", "groups", "keyness", "tfidf"] {
                let a = try String(contentsOf: dir.appendingPathComponent("one.\(table).jsonl"), encoding: .utf8)
                let b = try String(contentsOf: dir.appendingPathComponent("three.\(table).jsonl"), encoding: .utf8)
                #expect(!a.isEmpty && a == b, "table \(table)")
            }
            let totals = try String(contentsOf: dir.appendingPathComponent("one.totals.jsonl"), encoding: .utf8)
            #expect(totals.contains("\"documents\":12"))
            let words = try String(contentsOf: dir.appendingPathComponent("one.words.jsonl"), encoding: .utf8)
            #expect(words.hasPrefix("{\"count\":") || words.hasPrefix("{\"term\":\"the\""), "\(words)")
        }
    }

    @Test func threeShardsMergedEqualOneRun() throws {
        try withTemporaryDirectory { dir in
            try writeProject(in: dir)
            let whole = try runLoupe(["run", "-q", "-o", "whole.jsonl", "s.lua", "corpus"], in: dir)
            #expect(whole.status == 0, "\(whole.stderr)")
            for k in 1...3 {
                let part = try runLoupe(["run", "-q", "--shard", "\(k)/3", "-o", "part\(k).jsonl", "s.lua", "corpus"], in: dir)
                #expect(part.status == 0, "\(part.stderr)")
            }
            let merged = try runLoupe(["merge", "-q", "-o", "merged.jsonl", "part3.jsonl.part", "part1.jsonl.part", "part2.jsonl.part"], in: dir)
            #expect(merged.status == 0, "\(merged.stderr)")
            for table in ["words", "bigrams", "colls", "keyness", "tfidf"] {
                let a = try String(contentsOf: dir.appendingPathComponent("whole.\(table).jsonl"), encoding: .utf8)
                let b = try String(contentsOf: dir.appendingPathComponent("merged.\(table).jsonl"), encoding: .utf8)
                #expect(!a.isEmpty && a == b, "table \(table)")
            }
        }
    }
}
