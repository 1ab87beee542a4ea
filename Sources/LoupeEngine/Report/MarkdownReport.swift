import LoupeBindings
import LuaRuntime

/// A report as Markdown: tables as pipe tables, key figures as a small table, keyword-in-context
/// lines with the keyword in bold, charts as images of SVG files written beside the report.
enum MarkdownReport {
    /// The Markdown of `items`, with the chart files it refers to (`<chartStem>-chart-N.svg`).
    static func render(_ items: [ReportItem], chartStem: String) -> ReportRenderer.Rendered {
        var out = ""
        var attachments: [ReportRenderer.Rendered.Attachment] = []
        for item in items {
            switch item {
            case .heading(let text, let level):
                out += String(repeating: "#", count: level) + " " + oneLine(text) + "\n\n"
            case .paragraph(let text):
                out += text + "\n\n"
            case .table(let title, let columns, let rows):
                out += "**" + oneLine(title) + "**\n\n"
                out += table(header: columns, rows: rows.map { $0.map(ReportRenderer.cellText) })
            case .keyFigures(let figures):
                var rows = [figures.map { "**" + markdownCell(ReportRenderer.figureText($0.value)) + "**" }]
                if figures.contains(where: { $0.note != nil }) { rows.append(figures.map { markdownCell($0.note ?? "") }) }
                out += table(header: figures.map(\.label), rows: rows, escape: false)
            case .concordance(let concordance):
                out += "**" + oneLine(concordance.title) + "**\n\n"
                let withDocuments = concordance.hasDocuments
                let header = (withDocuments ? ["document"] : []) + ["left", "keyword", "right"]
                let rows = concordance.lines.map { line in
                    (withDocuments ? [markdownCell(line.document ?? "")] : [])
                        + [markdownCell(line.left), "**" + markdownCell(line.keyword) + "**", markdownCell(line.right)]
                }
                out += table(header: header, rows: rows, escape: false)
                if concordance.omitted > 0 {
                    out += "_\(NumberFormat.grouped(Int64(concordance.omitted))) more lines are not shown._\n\n"
                }
            case .chart(let chart):
                let name = "\(chartStem)-chart-\(attachments.count + 1).svg"
                attachments.append(.init(name: name, text: ChartSVG.render(chart, sized: true)))
                let alt = oneLine(chart.title).replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: "[", with: "\\[")
                out += "![\(alt)](<\(name)>)\n\n"
                if !chart.note.isEmpty { out += "_" + oneLine(chart.note) + "_\n\n" }
            }
        }
        return ReportRenderer.Rendered(text: out, attachments: attachments)
    }

    private static func table(header: [String], rows: [[String]], escape: Bool = true) -> String {
        let cell: (String) -> String = escape ? { markdownCell($0) } : { $0 }
        var out = "| " + header.map(markdownCell).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: header.count) + "\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out + "\n"
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }

    private static func markdownCell(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "*", with: "\\*").replacingOccurrences(of: "<", with: "\\<")
    }
}
