import Aggregates
import LoupeBindings
import LuaRuntime

// Report items on the pipe from the worker that ran `finish(report)` (or a document) to the
// coordinator: a kind byte, then the fields. Both ends are the same binary: no versions.

extension ReportItem {
    private enum Kind: UInt8 {
        case heading = 1, paragraph, table, keyFigures, concordance, chart
    }

    /// Writes the item.
    func encode(into out: inout WireWriter) {
        switch self {
        case .heading(let text, let level):
            out.writeByte(Kind.heading.rawValue)
            out.writeString(LuaString(text))
            out.writeNumber(level)
        case .paragraph(let text):
            out.writeByte(Kind.paragraph.rawValue)
            out.writeString(LuaString(text))
        case .table(let title, let columns, let rows):
            out.writeByte(Kind.table.rawValue)
            out.writeString(LuaString(title))
            out.writeValue(.table(LuaTable(sequence: columns.map { .string(LuaString($0)) })))
            out.writeValue(.table(LuaTable(sequence: rows.map { .table(LuaTable(sequence: $0)) })))
        case .keyFigures(let figures):
            out.writeByte(Kind.keyFigures.rawValue)
            out.writeCount(figures.count)
            for figure in figures {
                out.writeString(LuaString(figure.label))
                out.writeValue(figure.value)
                out.writeOptionalString(figure.note)
            }
        case .concordance(let concordance):
            out.writeByte(Kind.concordance.rawValue)
            out.writeString(LuaString(concordance.title))
            out.writeNumber(concordance.omitted)
            out.writeCount(concordance.lines.count)
            for line in concordance.lines {
                out.writeOptionalString(line.document)
                out.writeString(LuaString(line.left))
                out.writeString(LuaString(line.keyword))
                out.writeString(LuaString(line.right))
            }
        case .chart(let chart):
            out.writeByte(Kind.chart.rawValue)
            out.writeByte(chart.kind.rawValue)
            out.writeString(LuaString(chart.title))
            out.writeString(LuaString(chart.axisTitle))
            out.writeString(LuaString(chart.categoryTitle))
            out.writeString(LuaString(chart.note))
            out.writeCount(chart.categories.count)
            for category in chart.categories { out.writeString(LuaString(category)) }
            out.writeCount(chart.series.count)
            for series in chart.series {
                out.writeString(LuaString(series.name))
                out.writeCount(series.values.count)
                for value in series.values { out.writeDouble(value) }
                out.writeCount(series.lines.count)
                for line in series.lines { out.writeNumber(line) }
            }
        }
    }

    /// Reads what ``encode(into:)`` wrote.
    init(decoding input: inout WireReader) throws(WireError) {
        switch Kind(rawValue: try input.readByte()) {
        case .heading:
            self = .heading(try input.readString().text, level: try input.readNumber())
        case .paragraph:
            self = .paragraph(try input.readString().text)
        case .table:
            let title = try input.readString().text
            guard case .table(let columns) = try input.readValue(), case .table(let rows) = try input.readValue() else {
                throw input.malformed("a report table")
            }
            self = .table(
                title: title,
                columns: columns.sequence.map { if case .string(let s) = $0 { s.text } else { "" } },
                rows: rows.sequence.map { if case .table(let row) = $0 { row.sequence } else { [] } })
        case .keyFigures:
            var figures: [KeyFigure] = []
            for _ in 0..<(try input.readCount()) {
                figures.append(KeyFigure(
                    label: try input.readString().text, value: try input.readValue(), note: try input.readOptionalString()))
            }
            self = .keyFigures(figures)
        case .concordance:
            let title = try input.readString().text
            let omitted = try input.readNumber()
            var lines: [Concordance.Line] = []
            for _ in 0..<(try input.readCount()) {
                lines.append(Concordance.Line(
                    document: try input.readOptionalString(), left: try input.readString().text,
                    keyword: try input.readString().text, right: try input.readString().text))
            }
            self = .concordance(Concordance(title: title, lines: lines, omitted: omitted))
        case .chart:
            guard let kind = Chart.Kind(rawValue: try input.readByte()) else { throw input.malformed("an unknown chart kind") }
            let title = try input.readString().text
            let axisTitle = try input.readString().text
            let categoryTitle = try input.readString().text
            let note = try input.readString().text
            var categories: [String] = []
            for _ in 0..<(try input.readCount()) { categories.append(try input.readString().text) }
            var series: [Chart.Series] = []
            for _ in 0..<(try input.readCount()) {
                let name = try input.readString().text
                var values: [Double] = []
                for _ in 0..<(try input.readCount(minimumSize: 8)) { values.append(try input.readDouble()) }
                var lines: [Int] = []
                for _ in 0..<(try input.readCount()) { lines.append(try input.readNumber()) }
                series.append(Chart.Series(name: name, values: values, lines: lines))
            }
            self = .chart(Chart(
                kind: kind, title: title, axisTitle: axisTitle, categoryTitle: categoryTitle, categories: categories, series: series, note: note))
        case nil:
            throw input.malformed("an unknown report item")
        }
    }
}
