import Foundation
import LoupeTestSupport
import Testing

/// `loupe run --report`: every report method, in HTML and in Markdown with chart files beside
/// it, items from `document(doc, report)` in corpus order whatever the number of workers.
@Suite struct ReportCommandTests {
    /// A JSONL corpus of dated articles in sections, and a script that uses every method.
    func writeProject(in dir: URL) throws {
        var lines: [String] = []
        for i in 1...24 {
            let section = ["sport", "business", "tech"][i % 3]
            let date = String(format: "2021-%02d-%02d", i % 12 + 1, i % 27 + 1)
            let text = i % 5 == 0 ? "Nothing here." : "Article \(i) on tolerance. Zero tolerance, they said, in \(section)."
            lines.append(#"{"id": "a\#(i)", "date": "\#(date)", "section": "\#(section)", "text": "\#(text)"}"#)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try writeFile("corpus/articles.jsonl", lines.joined(separator: "\n") + "\n", in: dir)
        try writeFile("all.lua", """
            local words = loupe.counter()
            local dated = loupe.list()
            local hits = loupe.list()
            local lines = loupe.list()
            function document(doc, report)
              for t in doc:tokens() do if t.is_alpha then words:add(t.lower) end end
              dated:add{date = doc.meta.date, section = doc.meta.section}
              local found = loupe.kwic(doc, "tolerance", 20)
              for _, line in ipairs(found) do
                hits:add{doc = doc.id, at = line.start / #doc.text, term = line.keyword}
                line.doc = doc.id
                lines:add(line)
              end
              if #found > 0 and doc.id == "a7" then report:heading("Document " .. doc.id, 3) end
            end
            function finish(report)
              report:heading("Every method <&>")
              report:paragraph("A paragraph.")
              report:key_figures{ {"Documents", #dated:values()}, {"Words", words:total(), "alphabetic"} }
              report:table("Words", words:top(5), {"key", "count"})
              report:kwic("“tolerance” in context", lines:values())
              report:bar_chart("Most frequent", words:top(10), {x = "tokens"})
              report:line_chart("Articles per month", dated:values(), {date = "date", y = "articles"})
              report:line_chart("Articles per week by section", dated:values(), {date = "date", by = "week", series = "section"})
              report:stacked_bars("Sections by month", dated:values(), {label = "section", stack = "date", x = "articles"})
              report:dispersion("Where “tolerance” occurs", hits:values())
            end
            """, in: dir)
    }

    func contents(_ name: String, in dir: URL) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func everyMethodInHTML() throws {
        try withTemporaryDirectory { dir in
            try writeProject(in: dir)
            let result = try runLoupe(["run", "-q", "--report", "out.html", "all.lua", "corpus"], in: dir)
            #expect(result.status == 0, "\(result)")
            let html = try contents("out.html", in: dir)
            #expect(html.contains("<h2>Every method &lt;&amp;&gt;</h2>"))
            #expect(html.contains("<h3>Document a7</h3>"))
            #expect(html.components(separatedBy: "<svg ").count - 1 == 5)
            #expect(html.contains("<mark>tolerance</mark>"))
            #expect(html.contains("<div class=\"figures\">"))
            #expect(html.contains("About this run"))
            #expect(!html.contains("src="))
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(!files.contains { $0.hasSuffix(".svg") || $0.hasSuffix(".tmp") })
        }
    }

    @Test func everyMethodInMarkdownWithChartFilesBeside() throws {
        try withTemporaryDirectory { dir in
            try writeProject(in: dir)
            let result = try runLoupe(["run", "-q", "--report", "out.md", "all.lua", "corpus"], in: dir)
            #expect(result.status == 0, "\(result)")
            let markdown = try contents("out.md", in: dir)
            #expect(markdown.hasPrefix("### Document a7\n\n## Every method <&>\n\nA paragraph.\n\n| Documents | Words |"))
            #expect(markdown.contains("| **tolerance** |"))
            for n in 1...5 {
                #expect(markdown.contains("](<out-chart-\(n).svg>)"))
                let svg = try contents("out-chart-\(n).svg", in: dir)
                #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(files.filter { $0.hasSuffix(".svg") }.count == 5)
            #expect(!files.contains { $0.hasSuffix(".tmp") })
        }
    }

    @Test func documentItemsInCorpusOrderWhateverTheWorkers() throws {
        try withTemporaryDirectory { dir in
            try writeProject(in: dir)
            try writeFile("docs.lua", """
                function document(doc, report)
                  if doc.id == "a4" then report:paragraph("lost"); error("boom") end
                  report:paragraph(doc.id)
                end
                function finish(report) report:paragraph("finish") end
                """, in: dir)
            var reports: [String] = []
            for jobs in ["1", "3"] {
                let result = try runLoupe(["run", "-q", "--jobs", jobs, "--report", "d\(jobs).md", "docs.lua", "corpus"], in: dir)
                #expect(result.status == 1)
                reports.append(try contents("d\(jobs).md", in: dir))
            }
            #expect(reports[0] == reports[1])
            let expected = (1...24).filter { $0 != 4 }.map { "a\($0)\n\n" }.joined() + "finish\n\n## About this run"
            #expect(reports[0].hasPrefix(expected))
            #expect(!reports[0].contains("lost"))
        }
    }

    @Test func aBadArgumentFailsFinishWithLuasMessage() throws {
        try withTemporaryDirectory { dir in
            try writeProject(in: dir)
            try writeFile("bad.lua", """
                function document(doc) end
                function finish(report)
                  report:line_chart("t", { {key = "2021-01-01"}, {key = "14/01/2021"} })
                end
                """, in: dir)
            let result = try runLoupe(["run", "-q", "--report", "bad.html", "bad.lua", "corpus"], in: dir)
            #expect(result.status == 1)
            #expect(result.stderr.contains("bad argument #2 to 'line_chart' (field 'key' of row 2 is not an ISO date: '14/01/2021')"))
        }
    }
}
