import Foundation
import LoupeTestSupport
import Testing

/// `loupe run` over the repository's example corpus and over broken inputs.
@Suite struct RunCommandTests {
    @Test func wordCountOverTheExamples() throws {
        let result = try runLoupe([
            "run", "scripts/word-count.lua",
            "examples/articles/harbour-dredging.txt", "examples/articles/rail-strike.txt", "examples/articles/school-meals.txt",
        ])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.first?.hasPrefix(#"{"doc":"harbour-dredging","top_count":"#) == true)
        #expect(result.stderr.hasPrefix("loupe: 3 documents done, 3 rows in "))
    }

    @Test func sentencesAndFiguresOverTheExamples() throws {
        let result = try runLoupe(["run", "scripts/sentences-and-figures.lua", "examples/articles"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.contains(#""date":"20"#) && $0.contains(#""sentences":"#) })
    }

    @Test func aBadFileFailsAloneWithExitCode1() throws {
        try withTemporaryDirectory { dir in
            try writeFile("s.lua", "function document(doc) emit{id = doc.id, n = #doc.text} end", in: dir)
            try writeFile("binary.txt", "GIF89a\u{0}\u{1}", in: dir)
            try writeFile("good.txt", "hello", in: dir)
            let result = try runLoupe(["run", "s.lua", "binary.txt", "good.txt"], in: dir)
            #expect(result.status == 1)
            #expect(result.stdout == #"{"id":"good","n":5}"# + "\n")
            #expect(result.stderr.contains("loupe: binary.txt: is not a text file (byte 7 is a zero byte); give Loupe text files\n"))
            #expect(result.stderr.contains("loupe: 1 document done, 1 skipped (unreadable), 1 row in "))
            // Sizes come from the workers, which read every byte of both files.
            #expect(result.stderr.contains(" s (13 bytes read; "))
        }
    }

    @Test func foldersGlobsAndRecordFormats() throws {
        try withTemporaryDirectory { dir in
            try writeFile("s.lua", "function document(doc) emit{id = doc.id, sentences = #doc:sentences(), src = doc.meta.source} end", in: dir)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("corpus/sub"), withIntermediateDirectories: true)
            try writeFile("corpus/b.txt", "One. Two.", in: dir)
            try writeFile("corpus/sub/a.txt", "Three.", in: dir)
            try writeFile("corpus/.hidden.txt", "Hidden.", in: dir)
            try writeFile("records.jsonl", #"{"id": "r1", "body": "Four. Five. Six.", "source": "wire"}"# + "\n" + "{broken\n", in: dir)
            let result = try runLoupe(["run", "s.lua", "corpus", "rec*.jsonl"], in: dir)
            #expect(result.stdout.split(separator: "\n") == [
                #"{"id":"b","sentences":2}"#, #"{"id":"a","sentences":1}"#, #"{"id":"r1","sentences":3,"src":"wire"}"#,
            ])
            #expect(result.stderr.contains("records.jsonl: line 2: not valid JSON"))
            #expect(result.status == 1)
        }
    }

    @Test func titleFromTheFirstLine() throws {
        try withTemporaryDirectory { dir in
            try writeFile("s.lua", "function document(doc) emit{title = doc.meta.title, text = doc.text} end", in: dir)
            try writeFile("story.txt", "Storm closes ports\n\nThe storm closed two ports.", in: dir)
            let result = try runLoupe(["run", "--title", "first-line", "s.lua", "story.txt"], in: dir)
            #expect(result.stdout == #"{"text":"The storm closed two ports.","title":"Storm closes ports"}"# + "\n")
        }
    }

    @Test func scriptErrorsNameTheScriptLine() throws {
        try withTemporaryDirectory { dir in
            try writeFile("broken.lua", "function document(doc)\n  emit{x = }\nend\n", in: dir)
            try writeFile("d.txt", "text", in: dir)
            let result = try runLoupe(["run", "broken.lua", "d.txt"], in: dir)
            #expect(result.status == 1)
            #expect(result.stderr == "loupe: broken.lua:2: unexpected symbol near '}'\n")
            try writeFile("failing.lua", "function document(doc)\n  local n = doc.missing + 1\nend\n", in: dir)
            let failed = try runLoupe(["run", "failing.lua", "d.txt"], in: dir)
            #expect(failed.status == 1)
            #expect(failed.stderr.hasPrefix(
                "loupe: d.txt: failing.lua:2: no field 'missing' in Document\nstack traceback:"))
        }
    }

    @Test func usageProblemsExitWith2() throws {
        let missingCorpus = try runLoupe(["run", "scripts/word-count.lua", "no-such-folder"])
        #expect(missingCorpus.status == 2)
        #expect(missingCorpus.stderr.contains("no-such-folder"))
        #expect(try runLoupe(["run", "--format", "docx", "scripts/word-count.lua", "examples/articles"]).status == 2)
        let missingScript = try runLoupe(["run", "no-such-script.lua", "examples/articles/rail-strike.txt"])
        #expect(missingScript.status == 2)
        #expect(missingScript.stderr == "loupe: cannot read script 'no-such-script.lua': no such file; check the path\n")
        #expect(try runLoupe(["run", "scripts/word-count.lua"]).status == 2)
    }
}
