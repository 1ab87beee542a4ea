import Checksums
import Foundation
import LoupeTestSupport
import Testing

/// `loupe run -o`: output files with a manifest, resuming after an interruption or `kill -9`,
/// and shards merged back into the bytes of one run.
@Suite struct RunOutputTests {
    /// A corpus of `count` documents and a script with rows in two tables and aggregates.
    func writeProject(_ count: Int, in dir: URL, special: [Int: String] = [:]) throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        for i in 1...count {
            let text = special[i] ?? "Report \(i). The board met on day \(i % 9) and voted \(i * 7) to \(i % 4)."
            try writeFile(String(format: "corpus/r%03d.txt", i), text, in: dir)
        }
        try writeFile("s.lua", """
            local words = loupe.counter()
            local order = loupe.list()
            function document(doc)
              for t in doc:tokens() do if t.is_alpha then words:add(t.lower) end end
              order:add(doc.id)
              emit{doc = doc.id, tokens = #doc:tokens(), first = doc:tokens()[1].text}
              emit("numbers", {doc = doc.id, figures = #doc:find("%d+")})
            end
            function finish()
              for _, e in ipairs(words:top(4)) do emit("top", e) end
              emit("top", {key = "(documents)", count = #order:values()})
            end
            """, in: dir)
    }

    func contents(_ name: String, in dir: URL) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    /// The manifest without its clock readings.
    func manifestWithoutTiming(_ name: String, in dir: URL) throws -> String {
        let text = try contents(name, in: dir)
        return String(text[..<(text.range(of: "\"timing\"")?.lowerBound ?? text.endIndex)])
    }

    @Test(arguments: ["csv", "jsonl", "sqlite"])
    func outputsByExtensionWithAManifest(format: String) throws {
        try withTemporaryDirectory { dir in
            try writeProject(5, in: dir)
            let result = try runLoupe(["run", "-o", "out.\(format)", "s.lua", "corpus"], in: dir)
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("loupe: wrote out.\(format)"))
            let manifest = try contents("out.\(format).manifest.json", in: dir)
            #expect(manifest.contains("\"sha256\""))
            #expect(manifest.contains("corpus/r005.txt"))
            if format == "csv" {
                #expect(try contents("out.csv", in: dir).hasPrefix("doc,first,tokens\r\nr001,Report,15\r\n"))
                #expect(try contents("out.top.csv", in: dir).contains("5,(documents)"))
            }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
                $0.hasSuffix(".tmp") || $0.hasSuffix(".journal")
            }
            #expect(leftovers.isEmpty)
        }
    }

    @Test func theManifestHoldsEachFileAsAWorkerReadIt() throws {
        try withTemporaryDirectory { dir in
            try writeProject(3, in: dir)
            // A file that is read but is no text: skipped, and still fingerprinted.
            let binary: [UInt8] = Array("GIF89a".utf8) + [0, 1, 2]
            try Data(binary).write(to: dir.appendingPathComponent("corpus/r004.txt"))
            let result = try runLoupe(["run", "--jobs", "2", "-o", "out.csv", "s.lua", "corpus"], in: dir)
            #expect(result.status == 1)
            let manifest = try manifestWithoutTiming("out.csv.manifest.json", in: dir)
            for name in ["r001.txt", "r002.txt", "r003.txt", "r004.txt"] {
                let bytes = try Array(Data(contentsOf: dir.appendingPathComponent("corpus/" + name)))
                #expect(manifest.contains(
                    #"{"path": "corpus/\#(name)", "size": \#(bytes.count), "sha256": "\#(SHA256.hex(of: bytes))"}"#))
            }
        }
    }

    @Test func librariesChangedOnlyAtTheTopLevelGiveTheSameOutputWhateverTheJobs() throws {
        try withTemporaryDirectory { dir in
            try writeProject(7, in: dir)
            try writeFile("read.lua", """
                function string.shout(s) return s:upper() .. "!" end
                function document(doc)
                  local names = 0
                  for _ in pairs(math) do names = names + 1 end
                  emit{doc = doc.id, shout = string.shout(doc.id), args = #loupe.args, pi = math.pi, names = names}
                end
                """, in: dir)
            try writeFile("leak.lua", """
                function document(doc)
                  emit{doc = doc.id, loupe_x = tostring(loupe.x), string_x = tostring(string.x), math_pi = math.pi}
                  loupe.x = doc.id; string.x = doc.id; math.pi = 3
                end
                """, in: dir)
            var outputs: [String] = []
            for jobs in ["1", "3"] {
                let read = try runLoupe(["run", "-q", "--jobs", jobs, "read.lua", "corpus", "--", "a"], in: dir)
                #expect(read.status == 0, "\(read.stderr)")
                #expect(read.stdout.split(separator: "\n").count == 7)
                let leak = try runLoupe(["run", "-q", "--jobs", jobs, "leak.lua", "corpus"], in: dir)
                #expect(leak.status == 1)
                #expect(leak.stdout.isEmpty)
                let refusals = leak.stderr.split(separator: "\n").filter { $0.contains("cannot set") }.sorted()
                #expect(refusals.count == 7)
                #expect(refusals.first == "loupe: corpus/r001.txt: leak.lua:3: cannot set 'x' in 'loupe' while a document runs: library tables are shared by the documents of a worker, so the change would leak into the next ones (set it at the script's top level, or use a local)")
                outputs.append(read.stdout + refusals.joined(separator: "\n"))
            }
            #expect(outputs[0] == outputs[1])
        }
    }

    @Test func fourShardsMergedEqualOneRun() throws {
        try withTemporaryDirectory { dir in
            try writeProject(30, in: dir, special: [7: "\u{0}binary"])
            let whole = try runLoupe(["run", "-q", "-o", "whole.csv", "s.lua", "corpus"], in: dir)
            #expect(whole.status == 1)  // r007 is unreadable, in every arrangement
            for k in 1...4 {
                _ = try runLoupe(["run", "-q", "--shard", "\(k)/4", "-o", "part\(k).csv", "s.lua", "corpus"], in: dir)
            }
            let parts = (1...4).map { "part\($0).csv.part" }
            let merged = try runLoupe(["merge", "-q", "-o", "merged.csv"] + parts.reversed(), in: dir)
            #expect(merged.status == 1)
            for table in ["", ".numbers", ".top"] {
                #expect(try contents("merged\(table).csv", in: dir) == contents("whole\(table).csv", in: dir))
            }
            #expect(try manifestWithoutTiming("merged.csv.manifest.json", in: dir)
                == manifestWithoutTiming("whole.csv.manifest.json", in: dir))
            let missing = try runLoupe(["merge", "-o", "m.csv"] + parts.dropLast(), in: dir)
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("the run has 4 shards; missing: 4/4"))
        }
    }

    @Test func partsThatReadAnotherVersionOfAFileAreNotMerged() throws {
        try withTemporaryDirectory { dir in
            try writeProject(4, in: dir)
            // The first part reads a file that is not valid gzip; it is then fixed.
            try writeFile("corpus/r005.txt.gz", "not gzip at all", in: dir)
            _ = try runLoupe(["run", "-q", "--shard", "1/2", "-o", "part1.csv", "s.lua", "corpus"], in: dir)
            try gzipWithTool(try writeFile("corpus/r005.txt", "Report 5. Fixed.", in: dir))
            try FileManager.default.removeItem(at: dir.appendingPathComponent("corpus/r005.txt"))
            _ = try runLoupe(["run", "-q", "--shard", "2/2", "-o", "part2.csv", "s.lua", "corpus"], in: dir)
            let merged = try runLoupe(["merge", "-q", "-o", "merged.csv", "part1.csv.part", "part2.csv.part"], in: dir)
            #expect(merged.status == 2)
            #expect(merged.stderr.contains(
                "loupe: part2.csv.part: read another version of corpus/r005.txt.gz than part1.csv.part did"))
        }
    }

    @Test func aRunStoppedEarlyListsTheFilesItRead() throws {
        try withTemporaryDirectory { dir in
            try writeProject(6, in: dir, special: [3: "\u{0}binary"])
            let stopped = try runLoupe(["run", "-q", "--jobs", "1", "--fail-fast", "-o", "out.csv", "s.lua", "corpus"], in: dir)
            #expect(stopped.status == 1)
            let manifest = try manifestWithoutTiming("out.csv.manifest.json", in: dir)
            // The file that stopped it is among them, and none after it.
            #expect(manifest.contains(#""path": "corpus/r003.txt""#))
            #expect(!manifest.contains(#""path": "corpus/r004.txt""#))
        }
    }

    @Test(arguments: [SIGKILL, SIGINT])
    func anInterruptedRunResumesToTheSameBytes(signal: Int32) throws {
        try withTemporaryDirectory { dir in
            try writeProject(200, in: dir, special: [150: "Report 150 stops here."])
            let full = try runLoupe(["run", "-q", "--jobs", "2", "-o", "full.jsonl", "s.lua", "corpus"], in: dir)
            #expect(full.status == 0)
            let stopped = try interruptLoupe(
                ["run", "--jobs", "2", "-o", "out.jsonl", "s.lua", "corpus"], in: dir,
                environment: ["LOUPE_TEST_HANG": "stops here"], when: "LOUPE_TEST_HANG reached", signal: signal)
            if signal == SIGINT {
                #expect(stopped.status == 130)
                #expect(stopped.stderr.contains("the journal is kept; go on with the same command and --resume"))
            }
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.jsonl.journal").path))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.jsonl").path))
            let resumed = try runLoupe(["run", "-q", "--jobs", "2", "-o", "out.jsonl", "--resume", "s.lua", "corpus"], in: dir)
            #expect(resumed.status == 0)
            for table in ["", ".numbers", ".top"] {
                #expect(try contents("out\(table).jsonl", in: dir) == contents("full\(table).jsonl", in: dir))
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(!names.contains { $0.hasSuffix(".tmp") || $0.hasSuffix(".journal") })
        }
    }

    @Test func resumingAnotherRunIsRefused() throws {
        try withTemporaryDirectory { dir in
            // A worker answers 32 files at a time: the first 32 go in the journal before it hangs.
            try writeProject(40, in: dir, special: [38: "Report 38 stops here."])
            let journal = dir.appendingPathComponent("out.csv.journal")
            _ = try interruptLoupe(
                ["run", "--jobs", "1", "-o", "out.csv", "s.lua", "corpus"], in: dir,
                environment: ["LOUPE_TEST_HANG": "stops here"], when: "LOUPE_TEST_HANG reached",
                // The header names every file; the record of a file done names it again.
                and: { String(decoding: (try? Data(contentsOf: journal)) ?? Data(), as: UTF8.self).components(separatedBy: "r032.txt").count > 2 },
                signal: SIGKILL)
            // A file done before changed: its results would not be those of its new text.
            try writeFile("corpus/r001.txt", "Changed since.", in: dir)
            let changed = try runLoupe(["run", "-o", "out.csv", "--resume", "s.lua", "corpus"], in: dir)
            #expect(changed.status == 2)
            #expect(changed.stderr.contains(
                "out.csv.journal: is the journal of a run over another version of corpus/r001.txt (it changed since it was read)"))
            // Another corpus (a file more) or another script is another run.
            try writeFile("corpus/zz.txt", "One more.", in: dir)
            let refused = try runLoupe(["run", "-o", "out.csv", "--resume", "s.lua", "corpus"], in: dir)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("out.csv.journal: is the journal of a different run"))
            let nothing = try runLoupe(["run", "-o", "other.csv", "--resume", "s.lua", "corpus"], in: dir)
            #expect(nothing.status == 2)
            #expect(try runLoupe(["run", "--resume", "s.lua", "corpus"], in: dir).status == 2)
        }
    }

    @Test func finishWritesAReportInMarkdownOrHTML() throws {
        try withTemporaryDirectory { dir in
            try writeProject(6, in: dir)
            try writeFile("r.lua", """
                local words = loupe.counter()
                function document(doc) for t in doc:tokens() do if t.is_alpha then words:add(t.lower) end end end
                function finish(report)
                  report:heading("Words <&> counts")
                  report:paragraph("Alphabetic tokens | lower-cased.")
                  report:table("Most frequent", words:top(3), {"key", "count"})
                end
                """, in: dir)
            let result = try runLoupe(["run", "-q", "-o", "w.csv", "--report", "w.md", "r.lua", "corpus"], in: dir)
            #expect(result.status == 0)
            let markdown = try contents("w.md", in: dir)
            #expect(markdown.hasPrefix("## Words <&> counts\n\nAlphabetic tokens | lower-cased.\n\n**Most frequent**\n\n| key | count |\n| --- | --- |\n| and | 6 |\n"))
            #expect(markdown.contains("## About this run\n\n6 documents done, 0 skipped, 0 failed, from 6 files"))
            #expect(markdown.contains("| script | r.lua |"))
            _ = try runLoupe(["run", "-q", "--report", "w.html", "r.lua", "corpus"], in: dir)
            let html = try contents("w.html", in: dir)
            #expect(html.contains("<h2>Words &lt;&amp;&gt; counts</h2>"))
            #expect(html.contains("<tr><td>and</td><td class=\"number\">6</td></tr>"))
            #expect(html.contains("<script>") && !html.contains("src="))
            #expect(try runLoupe(["run", "--report", "w.pdf", "r.lua", "corpus"], in: dir).status == 2)
        }
    }
}
