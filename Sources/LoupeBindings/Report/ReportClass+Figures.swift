import LuaRuntime

// `report:key_figures{…}` and `report:kwic(title, lines)`.

extension ReportClass {
    /// The most key figures one call shows.
    static let maximumFigures = 24

    static func addingFigures(to luaClass: LuaClass<ReportBuilder>) -> LuaClass<ReportBuilder> {
        luaClass
            .method("key_figures", LuaDoc(
                "Adds a row of key figures: each a label, a value and an optional note.",
                details: "Each figure is a list `{label, value, note}` or a table `{label = …, value = …, note = …}`; numbers are shown with thousands separators. At most 24 figures.",
                parameters: [.init("figures", "table[]", "the figures, in order")],
                example: #"report:key_figures{ {"Documents", 2225}, {"Quotes", 1832}, {"Speakers", 411, "distinct names"} }"#)) { report, frame in
                let list = try frame.table(2).sequence
                guard list.count <= maximumFigures else {
                    throw LuaCallError.argument(2, "at most \(maximumFigures) key figures, not \(list.count)")
                }
                var figures: [KeyFigure] = []
                for (index, entry) in list.enumerated() {
                    guard case .table(let figure) = entry else {
                        throw LuaCallError.argument(2, "figure \(index + 1) is not a table (a \(entry.typeName))")
                    }
                    let label = figure.sequence.first ?? figure["label"]
                    let value = figure.sequence.count > 1 ? figure.sequence[1] : figure["value"]
                    let note = figure.sequence.count > 2 ? figure.sequence[2] : figure["note"]
                    guard let labelText = ReportRows.text(label) else {
                        throw LuaCallError.argument(2, "figure \(index + 1) has no label (a string first)")
                    }
                    switch value {
                    case .integer, .number, .string: break
                    default: throw LuaCallError.argument(2, "the value of figure \(index + 1) is not a number or string (a \(value.typeName))")
                    }
                    var noteText: String?
                    if case .nil = note {} else {
                        guard let text = ReportRows.text(note) else {
                            throw LuaCallError.argument(2, "the note of figure \(index + 1) is not a string (a \(note.typeName))")
                        }
                        noteText = text
                    }
                    figures.append(KeyFigure(label: labelText, value: value, note: noteText))
                }
                try report.add(.keyFigures(figures))
                return 0
            }
            .method("kwic", LuaDoc(
                "Adds a keyword-in-context table: the keyword highlighted, its left context aligned to it.",
                details: "Lines are as `loupe.kwic` returns them: tables with `left`, `keyword` and `right`; a line with a `doc` field adds a document column. At most 2,000 lines are shown; the report says how many more there were.",
                parameters: [
                    .init("title", "string", "the table's title"),
                    .init("lines", "table[]", "the lines"),
                ],
                example: #"report:kwic("“tolerance” in context", loupe.kwic(doc, "tolerance", 40))"#)) { report, frame in
                let title = try frame.string(2)
                let list = try frame.table(3).sequence
                var lines: [Concordance.Line] = []
                for (index, entry) in list.prefix(Concordance.maximumLines).enumerated() {
                    guard case .table(let line) = entry else {
                        throw LuaCallError.argument(3, "line \(index + 1) is not a table (a \(entry.typeName))")
                    }
                    func part(_ name: String, required: Bool = false) throws(LuaCallError) -> String {
                        if let text = ReportRows.text(line[name]) { return text }
                        if case .nil = line[name], !required { return "" }
                        throw LuaCallError.argument(3, "field '\(name)' of line \(index + 1) is not a string (a \(line[name].typeName))")
                    }
                    let document: String? = if case .nil = line["doc"] { nil } else { try part("doc") }
                    lines.append(Concordance.Line(
                        document: document, left: try part("left"), keyword: try part("keyword", required: true),
                        right: try part("right")))
                }
                try report.add(.concordance(Concordance(title: title, lines: lines, omitted: list.count - lines.count)))
                return 0
            }
    }
}
