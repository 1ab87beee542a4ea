import Foundation
import LoupeTestSupport
import Testing

/// `loupe run` in worker processes: the same output whatever the number of workers, and a
/// document that hangs or crashes its worker fails alone.
@Suite struct RunWorkerTests {
    /// A corpus of `count` small documents, `doc001.txt`…, whose words differ.
    func writeCorpus(_ count: Int, in dir: URL, special: [Int: String] = [:]) throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        for i in 1...count {
            let text = special[i] ?? "Document \(i) has \(i % 7 + 1) words here. The council met on day \(i)."
            try writeFile(String(format: "corpus/doc%03d.txt", i), text, in: dir)
        }
    }

    static let wordScript = """
        function document(doc)
          local n = 0
          for t in doc:tokens() do n = n + 1 end
          emit{doc = doc.id, tokens = n, first = doc:tokens()[1].text}
          emit("sentences", {doc = doc.id, count = #doc:sentences()})
        end
        """

    @Test func theSameRowsInCorpusOrderWhateverTheNumberOfWorkers() throws {
        try withTemporaryDirectory { dir in
            try writeCorpus(40, in: dir)
            try writeFile("s.lua", Self.wordScript, in: dir)
            let one = try runLoupe(["run", "-q", "--jobs", "1", "s.lua", "corpus"], in: dir)
            let four = try runLoupe(["run", "-q", "--jobs", "4", "s.lua", "corpus"], in: dir)
            #expect(one.status == 0 && four.status == 0)
            #expect(one.stdout == four.stdout)
            let ids = one.stdout.split(separator: "\n").compactMap { line -> String? in
                line.contains("tokens") ? String(line.split(separator: "\"")[3]) : nil
            }
            #expect(ids == (1...40).map { String(format: "doc%03d", $0) })
        }
    }

    @Test func aPatternBombFailsItsDocumentAfterTheDeadline() throws {
        try withTemporaryDirectory { dir in
            try writeCorpus(6, in: dir, special: [3: "bomb"])
            try writeFile("s.lua", """
                function document(doc)
                  if doc.text == "bomb" then (("a"):rep(30).."b"):find(("a*"):rep(30).."c") end
                  emit{doc = doc.id}
                end
                """, in: dir)
            let result = try runLoupe(["run", "--jobs", "2", "--doc-timeout", "1", "s.lua", "corpus"], in: dir)
            #expect(result.status == 1)
            #expect(result.stdout.split(separator: "\n").count == 5)
            #expect(!result.stdout.contains("doc003"))
            #expect(result.stderr.contains(
                "loupe: corpus/doc003.txt: ran past the 1 s deadline (--doc-timeout), so its worker was stopped"))
            #expect(result.stderr.contains("loupe: 5 documents done, 1 failed (1 timeout), 5 rows in "))
        }
    }

    @Test func aWorkerThatCrashesFailsOneDocument() throws {
        try withTemporaryDirectory { dir in
            try writeCorpus(5, in: dir, special: [2: "crash now"])
            try writeFile("s.lua", "function document(doc) emit{doc = doc.id} end", in: dir)
            let result = try runLoupe(
                ["run", "--jobs", "1", "s.lua", "corpus"], in: dir, environment: ["LOUPE_TEST_CRASH": "crash now"])
            #expect(result.status == 1)
            #expect(result.stdout.split(separator: "\n") == [
                #"{"doc":"doc001"}"#, #"{"doc":"doc003"}"#, #"{"doc":"doc004"}"#, #"{"doc":"doc005"}"#,
            ])
            #expect(result.stderr.contains(
                "loupe: corpus/doc002.txt: its worker crashed (it was killed by signal 11 (Segmentation fault))"))
        }
    }

    @Test func workersHoldNoneOfTheCoordinatorsFiles() throws {
        // The first workers are forked from the coordinator, each after the ones before it; a
        // replacement is started after the outputs and the journal were opened. None may hold
        // another's pipes or the coordinator's files: a script could write them through a
        // descriptor it was never granted. (Descriptor 6 is the one fs.read opens to look.)
        try withTemporaryDirectory { dir in
            try writeCorpus(4, in: dir, special: [3: "crash now"])
            try writeFile("s.lua", """
                function document(doc)
                  local held = {}
                  for fd = 7, 1023 do
                    if pcall(loupe.fs.read, "/proc/self/fdinfo/" .. fd) then held[#held + 1] = fd end
                  end
                  emit{doc = doc.id, held = table.concat(held, " ")}
                end
                """, in: dir)
            for (jobs, crash) in [("2", "no crash"), ("1", "crash now")] {
                let result = try runLoupe(
                    ["run", "-q", "--jobs", jobs, "--allow", "fs.read=/proc", "-o", "out.jsonl", "s.lua", "corpus"], in: dir,
                    environment: ["LOUPE_TEST_CRASH": crash])
                #expect(result.status == (crash == "crash now" ? 1 : 0))
                let rows = try String(contentsOfFile: dir.path + "/out.jsonl", encoding: .utf8).split(separator: "\n")
                #expect(rows.count == (crash == "crash now" ? 3 : 4))
                #expect(rows.allSatisfy { $0.hasSuffix(#""held":""}"#) }, "jobs \(jobs): \(rows)")
            }
        }
    }

    @Test func shardsCoverTheCorpusOnce() throws {
        try withTemporaryDirectory { dir in
            try writeCorpus(25, in: dir)
            try writeFile("s.lua", "function document(doc) emit{doc = doc.id} end", in: dir)
            let whole = try runLoupe(["run", "-q", "s.lua", "corpus"], in: dir).stdout.split(separator: "\n")
            var parts: [Substring] = []
            for k in 1...3 {
                let part = try runLoupe(["run", "-q", "--shard", "\(k)/3", "s.lua", "corpus"], in: dir)
                #expect(part.status == 0)
                parts += part.stdout.split(separator: "\n")
            }
            #expect(parts.count == 25)
            #expect(Set(parts) == Set(whole))
            #expect(try runLoupe(["run", "--shard", "4/3", "s.lua", "corpus"], in: dir).status == 2)
        }
    }

    @Test func failFastAndMaxFailuresStopTheRun() throws {
        try withTemporaryDirectory { dir in
            try writeCorpus(12, in: dir)
            try writeFile("s.lua", "function document(doc) if doc.id ~= 'doc001' then error('no') end end", in: dir)
            let fast = try runLoupe(["run", "--jobs", "1", "--fail-fast", "s.lua", "corpus"], in: dir)
            #expect(fast.status == 1)
            #expect(fast.stderr.components(separatedBy: "s.lua:1: no").count == 2)
            #expect(fast.stderr.contains("stopped early"))
            let some = try runLoupe(["run", "--jobs", "2", "--max-failures", "2", "s.lua", "corpus"], in: dir)
            #expect(some.stderr.components(separatedBy: "s.lua:1: no").count == 4)
        }
    }

    @Test func scriptArgumentsAndLongFileLists() throws {
        try withTemporaryDirectory { dir in
            try writeCorpus(300, in: dir)
            try writeFile("s.lua", "function document(doc) emit{doc = doc.id, args = table.concat(loupe.args, ' ')} end", in: dir)
            let files = (1...300).map { String(format: "corpus/doc%03d.txt", $0) }
            let result = try runLoupe(["run", "-q", "s.lua"] + files + ["--", "--since", "2016", "x y"], in: dir)
            #expect(result.status == 0)
            let rows = result.stdout.split(separator: "\n")
            #expect(rows.count == 300)
            #expect(rows.first == #"{"doc":"doc001","args":"--since 2016 x y"}"#)
            #expect(rows.last == #"{"doc":"doc300","args":"--since 2016 x y"}"#)
        }
    }

    @Test func aScriptThatCannotStartStopsTheRun() throws {
        try withTemporaryDirectory { dir in
            try writeCorpus(3, in: dir)
            try writeFile("s.lua", "error('not today')\nfunction document(doc) end", in: dir)
            let result = try runLoupe(["run", "s.lua", "corpus"], in: dir)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("loupe: s.lua:1: not today"))
        }
    }

    @Test func aggregatesMergeToTheSameResultsWhateverTheNumberOfWorkers() throws {
        try withTemporaryDirectory { dir in
            try writeCorpus(30, in: dir)
            try writeFile("s.lua", """
                local words = loupe.counter("words")
                local firsts = loupe.list()
                local lengths = loupe.stats()
                local never = loupe.set()
                function document(doc)
                  for t in doc:tokens() do words:add(t.lower) end
                  firsts:add(doc.id)
                  lengths:add(#doc.text / 3)
                end
                function finish()
                  for _, e in ipairs(words:top(3)) do emit("top", e) end
                  local ids = firsts:values()
                  emit("summary", {docs = #ids, first = ids[1], last = ids[#ids], mean = lengths.mean,
                                   sum = lengths.sum, never = #never})
                end
                """, in: dir)
            let one = try runLoupe(["run", "-q", "--jobs", "1", "s.lua", "corpus"], in: dir)
            let four = try runLoupe(["run", "-q", "--jobs", "4", "s.lua", "corpus"], in: dir)
            #expect(one.status == 0)
            #expect(one.stdout == four.stdout)
            let lines = one.stdout.split(separator: "\n")
            #expect(lines.count == 4)
            #expect(lines[0] == #"{"table":"top","count":60,"key":"."}"#)
            #expect(lines[3].hasPrefix(#"{"table":"summary","docs":30,"first":"doc001","last":"doc030","mean":"#))
            #expect(lines[3].contains(#""never":0"#))
        }
    }

    @Test func aRecordThatOverrunsFailsAloneAndTheRestOfItsFileStillRuns() throws {
        try withTemporaryDirectory { dir in
            let records = (1...8).map { i in
                let text = i == 4 ? "bomb" : "Note \(i) is fine."
                return #"{"id": "n\#(i)", "text": "\#(text)"}"#
            }
            try writeFile("notes.jsonl", records.joined(separator: "\n"), in: dir)
            try writeFile("after.txt", "Later text.", in: dir)
            try writeFile("s.lua", """
                function document(doc)
                  if doc.text == "bomb" then (("a"):rep(30).."b"):find(("a*"):rep(30).."c") end
                  emit{doc = doc.id}
                end
                """, in: dir)
            let result = try runLoupe(["run", "--jobs", "1", "--doc-timeout", "1", "s.lua", "notes.jsonl", "after.txt"], in: dir)
            #expect(result.status == 1)
            #expect(result.stdout.split(separator: "\n").map(String.init) == ["n1", "n2", "n3", "n5", "n6", "n7", "n8", "after"].map {
                #"{"doc":"\#($0)"}"#
            })
            #expect(result.stderr.contains("loupe: notes.jsonl (record 4): ran past the 1 s deadline (--doc-timeout)"))
        }
    }
}
