import LuaRuntime

/// Builds ``Chart``s from the rows a script gives the report methods, capped so that a report
/// stays small and readable: at most ``maximumBars`` bars, ``maximumSeries`` series (the rest
/// summed into "other"), ``maximumLines`` dispersion lines and ``maximumMarks`` marks.
public enum ChartBuilder {
    /// The most bars one bar chart or stacked bar chart shows.
    public static let maximumBars = 50
    /// The most lines, segments or terms one chart shows; more are summed into "other".
    public static let maximumSeries = 8
    /// The most documents one dispersion plot shows.
    public static let maximumLines = 60
    /// The most marks one dispersion plot shows.
    public static let maximumMarks = 20_000

    /// Horizontal bars, one per row in the given order: the row's `label` field and its
    /// `value` field (a number).
    public static func bars(
        title: String, rows: [LuaValue], label: String = "key", value: String = "count", axis: String = ""
    ) throws(ReportArgumentError) -> Chart {
        let reader = ReportRows(rows: rows)
        var labels: [String] = []
        var values: [Double] = []
        for index in rows.indices.prefix(maximumBars) {
            labels.append(try reader.label(index, label))
            values.append(try reader.number(index, value))
        }
        return Chart(
            kind: .bars, title: title, axisTitle: axis, categories: labels,
            series: [Chart.Series(name: "", values: values)], note: omittedNote(rows.count, shown: labels.count, "bars"))
    }

    /// One bar per distinct `label`, in first-seen order, made of a segment per distinct
    /// `stack` value, each the sum of the rows' `value` field (1 for a row without it).
    public static func stackedBars(
        title: String, rows: [LuaValue], label: String, stack: String, value: String = "count", axis: String = ""
    ) throws(ReportArgumentError) -> Chart {
        let reader = ReportRows(rows: rows)
        var labels: [String] = []
        var labelIndex: [String: Int] = [:]
        var stacks: [String] = []
        var stackIndex: [String: Int] = [:]
        var cells: [[Int: Double]] = []
        var stackTotals: [Double] = []
        for index in rows.indices {
            let name = try reader.label(index, label)
            let segment = try reader.label(index, stack)
            let amount = try reader.number(index, value, absent: 1)
            let bar: Int
            if let known = labelIndex[name] {
                bar = known
            } else {
                bar = labels.count
                labelIndex[name] = bar
                labels.append(name)
                cells.append([:])
            }
            let part: Int
            if let known = stackIndex[segment] {
                part = known
            } else {
                part = stacks.count
                stackIndex[segment] = part
                stacks.append(segment)
                stackTotals.append(0)
            }
            cells[bar][part, default: 0] += amount
            stackTotals[part] += amount
        }
        let shown = min(labels.count, maximumBars)
        let (names, seriesOf) = capGroups(stacks, totals: stackTotals, limit: maximumSeries)
        var series = names.map { Chart.Series(name: $0, values: Array(repeating: 0, count: shown)) }
        for bar in 0..<shown {
            for (part, amount) in cells[bar].sorted(by: { $0.key < $1.key }) { series[seriesOf[part]].values[bar] += amount }
        }
        return Chart(
            kind: .stackedBars, title: title, axisTitle: axis, categories: Array(labels.prefix(shown)), series: series,
            note: omittedNote(labels.count, shown: shown, "bars"))
    }

    /// A line per document (`label`, in first-seen order) with a mark at each row's `at`, a
    /// position from 0 (the start) to 1 (the end); marks coloured by an optional `term` field.
    public static func dispersion(
        title: String, rows: [LuaValue], label: String = "doc", at: String = "at", term: String = "term"
    ) throws(ReportArgumentError) -> Chart {
        let reader = ReportRows(rows: rows)
        var lines: [String] = []
        var lineIndex: [String: Int] = [:]
        var terms: [String] = []
        var termIndex: [String: Int] = [:]
        var termTotals: [Double] = []
        var marks: [(line: Int, term: Int, at: Double)] = []
        var droppedLines = Set<String>()
        var droppedMarks = 0
        for index in rows.indices {
            let name = try reader.label(index, label)
            let position = try reader.number(index, at)
            guard (0...1).contains(position) else {
                throw ReportArgumentError(
                    .rows, "field '\(at)' of row \(index + 1) must be a position from 0 to 1, not \(ReportRows.text(.number(position)) ?? "")")
            }
            let word = try reader.optionalLabel(index, term) ?? ""
            let line: Int
            if let known = lineIndex[name] {
                line = known
            } else if lines.count < maximumLines {
                line = lines.count
                lineIndex[name] = line
                lines.append(name)
            } else {
                droppedLines.insert(name)
                continue
            }
            guard marks.count < maximumMarks else {
                droppedMarks += 1
                continue
            }
            let kind: Int
            if let known = termIndex[word] {
                kind = known
            } else {
                kind = terms.count
                termIndex[word] = kind
                terms.append(word)
                termTotals.append(0)
            }
            termTotals[kind] += 1
            marks.append((line, kind, position))
        }
        let (names, seriesOf) = capGroups(terms, totals: termTotals, limit: maximumSeries)
        var series = names.map { Chart.Series(name: $0, values: []) }
        for mark in marks {
            series[seriesOf[mark.term]].values.append(mark.at)
            series[seriesOf[mark.term]].lines.append(mark.line)
        }
        var notes: [String] = []
        if !droppedLines.isEmpty {
            notes.append("The first \(lines.count) of \(groupedCount(lines.count + droppedLines.count)) documents are shown.")
        }
        if droppedMarks > 0 { notes.append("\(groupedCount(droppedMarks)) marks beyond the first \(groupedCount(maximumMarks)) are not shown.") }
        return Chart(
            kind: .dispersion, title: title, axisTitle: "position in the document", categories: lines, series: series,
            note: notes.joined(separator: " "))
    }

    /// "The first 50 of 212 bars are shown.", or empty when all are.
    static func omittedNote(_ total: Int, shown: Int, _ what: String) -> String {
        total > shown ? "The first \(shown) of \(groupedCount(total)) \(what) are shown." : ""
    }
}
