import LuaRuntime

/// What `finish(report)` adds to the report, gathered in Swift.
public final class ReportBuilder {
    /// The items so far.
    public private(set) var items: [ReportItem] = []

    /// An empty report.
    public init() {}

    func add(_ item: ReportItem) throws(LuaCallError) {
        guard items.count < 10_000 else { throw .message("a report holds at most 10,000 items") }
        items.append(item)
    }
}

/// `Report`: what `finish(report)` writes into `--report FILE` (Markdown or HTML).
enum ReportClass {
    static let luaClass: LuaClass<ReportBuilder> = addingCharts(to: addingFigures(to: LuaClass<ReportBuilder>(
        "Report",
        summary: "The run's report (`--report out.md` or `out.html`), written by `document(doc, report)` and `finish(report)`: headings, paragraphs, tables, key figures, keyword-in-context lines and charts, then the run's summary and provenance.")
        .method("heading", LuaDoc(
            "Adds a heading.",
            parameters: [
                .init("text", "string", "the heading"),
                .init("level", "integer", "1 (largest) to 4; default 2", optional: true),
            ],
            example: "report:heading(\"Who is quoted\")")) { report, frame in
            let text = try frame.string(2)
            let level = Int(min(max(try frame.optionalInteger(3) ?? 2, 1), 4))
            try report.add(.heading(text, level: level))
            return 0
        }
        .method("paragraph", LuaDoc(
            "Adds a paragraph of text.", parameters: [.init("text", "string", "the text")],
            example: "report:paragraph(\"Counts are per document.\")")) { report, frame in
            try report.add(.paragraph(try frame.string(2)))
            return 0
        }
        .method("table", LuaDoc(
            "Adds a table of rows: each row a table of named fields (such as `counter:top(20)` gives) or a single value.",
            details: "Columns are the given names, in order, or else every field name of the rows, in sorted order. Nested tables are shown as JSON. In an HTML report a click on a column's header sorts the rows by it (numbers numerically).",
            parameters: [
                .init("title", "string", "the table's title"),
                .init("rows", "table[]", "the rows"),
                .init("columns", "string[]", "the columns, in order", optional: true),
            ],
            example: "report:table(\"Most quoted\", speakers:top(20), {\"key\", \"count\"})")) { report, frame in
            let title = try frame.string(2)
            let rows = try frame.table(3).sequence
            guard rows.count <= 100_000 else { throw LuaCallError.argument(3, "at most 100,000 rows in a report table") }
            var columns: [String]
            if frame.isNoneOrNil(4) {
                var names = Set<String>()
                for case .table(let row) in rows {
                    for field in row.fields { if case .string(let name) = field.key { names.insert(name.text) } }
                }
                columns = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            } else {
                columns = try frame.table(4).sequence.map { value throws(LuaCallError) in
                    guard case .string(let name) = value else { throw LuaCallError.argument(4, "column names must be strings") }
                    return name.text
                }
            }
            let isScalarTable = columns.isEmpty
            if isScalarTable { columns = ["value"] }
            let cells = rows.map { row -> [LuaValue] in
                guard case .table(let fields) = row else { return [row] }
                return isScalarTable ? [row] : columns.map { fields[$0] }
            }
            try report.add(.table(title: title, columns: columns, rows: cells))
            return 0
        }))
        .metamethod("__tostring", LuaDoc("`Report(3 items)`.")) { report, frame in
            frame.returning("Report(\(report.items.count) items)")
        }
}
