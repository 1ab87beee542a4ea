import Foundation
import LoupeBindings
import LuaRuntime

/// Writes a run's report — what `document(doc, report)` and `finish(report)` added, then the
/// run's summary and its provenance from the manifest — as Markdown (charts in SVG files
/// beside it) or as one self-contained HTML page (inline style, SVG and a small script to
/// sort tables; no network), readable printed.
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

    /// A rendered report: its text, and for Markdown the chart files that go beside it.
    public struct Rendered: Equatable, Sendable {
        /// A file beside the report: a chart's SVG.
        public struct Attachment: Equatable, Sendable {
            /// The file's name, in the report's folder (`out-chart-1.svg`).
            public var name: String
            /// Its contents.
            public var text: String
        }

        /// The report's text.
        public var text: String
        /// The files the report refers to, in order.
        public var attachments: [Attachment]
    }

    /// The report of `items` and then the run's summary and provenance from `manifest`; a
    /// Markdown report names its chart files `<chartStem>-chart-N.svg`.
    public static func render(_ items: [ReportItem], manifest: Manifest, format: Format, chartStem: String = "report") -> Rendered {
        let all = items + provenance(manifest)
        switch format {
        case .markdown: return MarkdownReport.render(all, chartStem: chartStem)
        case .html: return Rendered(text: HTMLReport.render(all, title: "Loupe report: \(manifest.script.path)"), attachments: [])
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

    /// A fraction as a reader wants it: two decimals at most from 1 up, with thousands
    /// separated (`55,555.56`); three significant digits below 1 (`0.00123`); `∞` for infinity.
    static func readable(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "∞" : "-∞" }
        let magnitude = abs(number)
        guard magnitude < 1, magnitude > 0 else { return NumberFormat.format(number) }
        let decimals = min(12, 2 - Int(log10(magnitude).rounded(.down)))
        var text = NumberFormat.format(number, decimals: decimals)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A key figure's value: numbers with thousands separators.
    static func figureText(_ value: LuaValue) -> String {
        switch value {
        case .integer(let i): NumberFormat.grouped(i)
        case .number(let d): NumberFormat.format(d)
        default: cellText(value)
        }
    }

    /// A table cell's text: nested tables as JSON; fractions rounded for reading (the rows
    /// written with -o keep every digit).
    static func cellText(_ value: LuaValue) -> String {
        switch value {
        case .nil: ""
        case .string(let s): s.text
        case .table: JSONWriter.string(value)
        case .integer(let i): String(i)
        case .number(let d): readable(d)
        case .boolean(let b): b ? "true" : "false"
        default: value.typeName
        }
    }
}
