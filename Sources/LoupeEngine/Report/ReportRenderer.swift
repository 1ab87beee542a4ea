import Foundation
import LoupeBindings
import LuaRuntime

/// Writes a run's report — what `finish(report)` added, then the run's summary and its
/// provenance from the manifest — as Markdown or as one self-contained HTML page (inline
/// style, no scripts, no network), readable printed.
public enum ReportRenderer {
    /// The report formats, by the file's extension.
    public enum Format: String, Sendable {
        case markdown = "md"
        case html

        /// The format `path`'s extension names (`.md`, `.markdown`, `.html`, `.htm`), if any.
        public init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "md", "markdown": self = .markdown
            case "html", "htm": self = .html
            default: return nil
            }
        }
    }

    /// The report's text.
    public static func render(_ items: [ReportItem], manifest: Manifest, format: Format) -> String {
        let provenance = self.provenance(manifest)
        switch format {
        case .markdown: return markdown(items + provenance)
        case .html: return html(items + provenance, title: "Loupe report: \(manifest.script.path)")
        }
    }

    /// What every report ends with: counts, then what ran on what.
    private static func provenance(_ manifest: Manifest) -> [ReportItem] {
        let summary = manifest.summary
        let rows = summary.rows.sorted { $0.key < $1.key }.map { [LuaValue.string(LuaString($0.key)), .integer(Int64($0.value))] }
        var items: [ReportItem] = [
            .heading("About this run", level: 2),
            .paragraph(
                "\(summary.documentsRead) documents done, \(summary.documentsSkipped) skipped, "
                    + "\(summary.documentsFailed) failed, from \(manifest.inputs.count) files "
                    + "(\(manifest.inputs.reduce(0) { $0 + $1.size }) bytes)."),
        ]
        if !rows.isEmpty { items.append(.table(title: "Rows written", columns: ["table", "rows"], rows: rows)) }
        items.append(.table(
            title: "Provenance", columns: ["what", "value"],
            rows: [
                ["Loupe", manifest.loupeVersion],
                ["script", manifest.script.path],
                ["script SHA-256", manifest.script.sha256],
                ["options", manifest.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")],
            ].map { $0.map { .string(LuaString($0)) } }))
        if !manifest.failures.isEmpty {
            items.append(.table(
                title: "Failures", columns: ["document", "reason"],
                rows: manifest.failures.prefix(100).map {
                    [.string(LuaString($0.id.map { "\($0)" } ?? $0.path)), .string(LuaString(firstLine($0.reason)))]
                }))
        }
        return items
    }

    private static func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" })
    }

    static func cellText(_ value: LuaValue) -> String {
        switch value {
        case .nil: ""
        case .string(let s): s.text
        case .table: JSONWriter.string(value)
        case .integer(let i): String(i)
        case .number(let d): d.isFinite ? JSONWriter.formatDouble(d) : String(d)
        case .boolean(let b): b ? "true" : "false"
        default: value.typeName
        }
    }

    // MARK: - Markdown

    private static func markdown(_ items: [ReportItem]) -> String {
        var out = ""
        for item in items {
            switch item {
            case .heading(let text, let level):
                out += String(repeating: "#", count: level) + " " + oneLine(text) + "\n\n"
            case .paragraph(let text):
                out += text + "\n\n"
            case .table(let title, let columns, let rows):
                out += "**" + oneLine(title) + "**\n\n"
                out += "| " + columns.map(markdownCell).joined(separator: " | ") + " |\n"
                out += "|" + String(repeating: " --- |", count: columns.count) + "\n"
                for row in rows {
                    out += "| " + row.map { markdownCell(cellText($0)) }.joined(separator: " | ") + " |\n"
                }
                out += "\n"
            }
        }
        return out
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }

    private static func markdownCell(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
    }

    // MARK: - HTML

    private static func html(_ items: [ReportItem], title: String) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
            table { border-collapse: collapse; margin: 0 0 1.5em; }
            caption { text-align: left; font-weight: 600; padding: .3em 0; }
            th, td { border-bottom: 1px solid #ccc; padding: .25em .7em; text-align: left; vertical-align: top; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            @media print { body { margin: 0; max-width: none; } }
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
                out += "<table>\n<caption>\(escape(title))</caption>\n<thead><tr>"
                out += columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for row in rows {
                    out += "<tr>" + row.map { value in
                        switch value {
                        case .integer, .number: "<td class=\"number\">\(escape(cellText(value)))</td>"
                        default: "<td>\(escape(cellText(value)))</td>"
                        }
                    }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            }
        }
        return out + "</body>\n</html>\n"
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
