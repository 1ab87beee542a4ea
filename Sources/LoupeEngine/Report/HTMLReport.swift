import LoupeBindings
import LuaRuntime

/// A report as one self-contained HTML page: inline CSS, inline SVG charts and a small inline
/// script that sorts tables; nothing is fetched from the network.
enum HTMLReport {
    /// The page of `items`, titled `title`.
    static func render(_ items: [ReportItem], title: String) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(HTMLStyle.css)
            </style>
            </head>
            <body>

            """
        for item in items {
            switch item {
            case .heading(let text, let level):
                out += "<h\(level)>\(escape(text))</h\(level)>\n"
            case .paragraph(let text):
                out += "<p>\(escape(text))</p>\n"
            case .table(let title, let columns, let rows):
                out += "<div class=\"table\"><table class=\"sortable\">\n<caption>\(escape(title))</caption>\n<thead><tr>"
                out += columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for row in rows {
                    out += "<tr>" + row.map { value in
                        switch value {
                        case .integer, .number: "<td class=\"number\">\(escape(ReportRenderer.cellText(value)))</td>"
                        default: "<td>\(escape(ReportRenderer.cellText(value)))</td>"
                        }
                    }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table></div>\n"
            case .keyFigures(let figures):
                out += "<div class=\"figures\">\n"
                for figure in figures {
                    out += "<div class=\"figure\"><div class=\"value\">\(escape(ReportRenderer.figureText(figure.value)))</div>"
                    out += "<div class=\"label\">\(escape(figure.label))</div>"
                    if let note = figure.note { out += "<div class=\"note\">\(escape(note))</div>" }
                    out += "</div>\n"
                }
                out += "</div>\n"
            case .concordance(let concordance):
                out += concordanceTable(concordance)
            case .chart(let chart):
                out += "<figure class=\"chart\">\n" + ChartSVG.render(chart) + "</figure>\n"
            }
        }
        return out + "<script>\n\(HTMLStyle.script)\n</script>\n</body>\n</html>\n"
    }

    private static func concordanceTable(_ concordance: Concordance) -> String {
        let withDocuments = concordance.hasDocuments
        var out = "<div class=\"table\"><table class=\"kwic\">\n<caption>\(escape(concordance.title))</caption>\n<thead><tr>"
        if withDocuments { out += "<th scope=\"col\">document</th>" }
        out += "<th scope=\"col\" class=\"left\">left</th><th scope=\"col\">keyword</th><th scope=\"col\">right</th></tr></thead>\n<tbody>\n"
        for line in concordance.lines {
            out += "<tr>"
            if withDocuments { out += "<td class=\"doc\">\(escape(line.document ?? ""))</td>" }
            out += "<td class=\"left\">\(escape(line.left))</td><td class=\"keyword\"><mark>\(escape(line.keyword))</mark></td>"
            out += "<td>\(escape(line.right))</td></tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        if concordance.omitted > 0 {
            out += "<p class=\"note\">\(NumberFormat.grouped(Int64(concordance.omitted))) more lines are not shown.</p>\n"
        }
        return out
    }

    private static func escape(_ text: String) -> String { XMLText.escape(text) }
}
