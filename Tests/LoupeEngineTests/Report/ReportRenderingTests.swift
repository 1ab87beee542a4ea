import LoupeBindings
import LuaRuntime
import Testing

@testable import LoupeEngine

/// Each report item in Markdown and in HTML.
@Suite struct ReportRenderingTests {
    let chart = Chart(kind: .bars, title: "Most [quoted]", axisTitle: "quotes", categories: ["a"], series: [.init(name: "", values: [3])], note: "Some left out.")

    @Test func markdownKeyFiguresAsASmallTable() {
        let rendered = MarkdownReport.render(
            [.keyFigures([KeyFigure(label: "Documents", value: 2225), KeyFigure(label: "Speakers", value: 411, note: "distinct names")])],
            chartStem: "r")
        #expect(rendered.text == "| Documents | Speakers |\n| --- | --- |\n| **2,225** | **411** |\n|  | distinct names |\n\n")
    }

    @Test func fractionsInTablesAreRoundedForReading() {
        #expect(ReportRenderer.cellText(.number(7.305735860790621)) == "7.31")
        #expect(ReportRenderer.cellText(.number(55_555.555555555555)) == "55,555.56")
        #expect(ReportRenderer.cellText(.number(-100.0)) == "-100")
        #expect(ReportRenderer.cellText(.number(0.001234567)) == "0.00123")
        #expect(ReportRenderer.cellText(.number(0.5)) == "0.5")
        #expect(ReportRenderer.cellText(.number(.infinity)) == "∞")
        #expect(ReportRenderer.cellText(.integer(2021)) == "2021", "integers (years, ids) stay as they are")
    }

    @Test func markdownKWICWithTheKeywordInBold() {
        let rendered = MarkdownReport.render(
            [.concordance(Concordance(title: "In context", lines: [.init(document: "d1", left: "a <b> |", keyword: "x*", right: "c")], omitted: 1200))],
            chartStem: "r")
        #expect(rendered.text == """
            **In context**

            | document | left | keyword | right |
            | --- | --- | --- | --- |
            | d1 | a \\<b> \\| | **x\\*** | c |

            _1,200 more lines are not shown._


            """)
    }

    @Test func markdownChartsAreFilesBesideTheReport() throws {
        let rendered = MarkdownReport.render([.chart(chart), .paragraph("p"), .chart(chart)], chartStem: "out")
        #expect(rendered.attachments.map(\.name) == ["out-chart-1.svg", "out-chart-2.svg"])
        #expect(rendered.text.hasPrefix("![Most \\[quoted\\]](<out-chart-1.svg>)\n\n_Some left out._\n\np\n\n![Most"))
        let svg = try #require(SVGInspector.inspect(rendered.attachments[0].text))
        #expect(svg.rootAttributes["width"] == "640")
    }

    @Test func htmlInlinesEverything() throws {
        let html = HTMLReport.render(
            [
                .table(title: "T", columns: ["key", "count"], rows: [["a", 2]]),
                .keyFigures([KeyFigure(label: "Documents", value: 2225, note: "all")]),
                .concordance(Concordance(title: "K", lines: [.init(document: "d1", left: "left <", keyword: "kw", right: "right")])),
                .chart(chart),
            ], title: "R")
        #expect(html.contains("<table class=\"sortable\">"))
        #expect(html.contains("<tr><td>a</td><td class=\"number\">2</td></tr>"))
        #expect(html.contains("<div class=\"value\">2,225</div><div class=\"label\">Documents</div><div class=\"note\">all</div>"))
        #expect(html.contains("<td class=\"doc\">d1</td><td class=\"left\">left &lt;</td><td class=\"keyword\"><mark>kw</mark></td><td>right</td>"))
        #expect(html.contains("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("<script>") && html.contains("@media print"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@import") && !html.contains("url("))
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>\n"))
        #expect(SVGInspector.inspect(String(html[start.lowerBound..<end.upperBound])) != nil)
    }
}
