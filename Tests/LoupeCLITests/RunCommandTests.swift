import LoupeTestSupport
import Testing

/// `loupe run` over the repository's example corpus and over broken inputs.
@Suite struct RunCommandTests {
    @Test func wordCountOverTheExamples() throws {
        let result = try runLoupe([
            "run", "scripts/word-count.lua",
            "examples/harbour-dredging.txt", "examples/rail-strike.txt", "examples/school-meals.txt",
        ])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.first?.hasPrefix(#"{"doc":"harbour-dredging","top_count":"#) == true)
        #expect(result.stderr == "loupe: 3 of 3 documents done, 3 rows, 0 failures\n")
    }

    @Test func aBadFileFailsAloneWithExitCode1() throws {
        try withTemporaryDirectory { dir in
            let script = try writeFile("s.lua", "function document(doc) emit{id = doc.id, n = #doc.text} end", in: dir)
            let good = try writeFile("good.txt", "hello", in: dir)
            let result = try runLoupe(["run", script, dir.path + "/missing.txt", good])
            #expect(result.status == 1)
            #expect(result.stdout == #"{"id":"good","n":5}"# + "\n")
            #expect(result.stderr.contains("loupe: \(dir.path)/missing.txt: no such file; check the path\n"))
            #expect(result.stderr.hasSuffix("loupe: 1 of 2 documents done, 1 rows, 1 failure\n"))
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
        let missingScript = try runLoupe(["run", "no-such-script.lua", "examples/rail-strike.txt"])
        #expect(missingScript.status == 2)
        #expect(missingScript.stderr == "loupe: cannot read script 'no-such-script.lua': no such file; check the path\n")
        #expect(try runLoupe(["run", "scripts/word-count.lua"]).status == 2)
    }
}
