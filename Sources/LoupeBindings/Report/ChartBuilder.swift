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
        var labels = FirstSeen()
        var stacks = FirstSeen()
        var cells: [[Int: Double]] = []
        for index in rows.indices {
            let name = try reader.label(index, label)
            let segment = try reader.label(index, stack)
            let amount = try reader.number(index, value, absent: 1)
            let bar = labels.add(name)
            if bar == cells.count { cells.append([:]) }
            let part = stacks.add(segment, amount)
            cells[bar][part, default: 0] += amount
        }
        let shown = min(labels.count, maximumBars)
        let (names, seriesOf) = capGroups(stacks.names, totals: stacks.totals, limit: maximumSeries)
        var series = names.map { Chart.Series(name: $0, values: Array(repeating: 0, count: shown)) }
        for bar in 0..<shown {
            for (part, amount) in cells[bar].sorted(by: { $0.key < $1.key }) { series[seriesOf[part]].values[bar] += amount }
        }
        return Chart(
            kind: .stackedBars, title: title, axisTitle: axis, categories: Array(labels.names.prefix(shown)), series: series,
            note: omittedNote(labels.count, shown: shown, "bars"))
    }

    /// A line per document (`label`, in first-seen order) with a mark at each row's `at`, a
    /// position from 0 (the start) to 1 (the end); marks coloured by an optional `term` field.
    public static func dispersion(
        title: String, rows: [LuaValue], label: String = "doc", at: String = "at", term: String = "term"
    ) throws(ReportArgumentError) -> Chart {
        let reader = ReportRows(rows: rows)
        var lines = FirstSeen()
        var terms = FirstSeen()
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
            if let known = lines.position(of: name) {
                line = known
            } else if lines.count < maximumLines {
                line = lines.add(name)
            } else {
                droppedLines.insert(name)
                continue
            }
            guard marks.count < maximumMarks else {
                droppedMarks += 1
                continue
            }
            marks.append((line, terms.add(word, 1), position))
        }
        let (names, seriesOf) = capGroups(terms.names, totals: terms.totals, limit: maximumSeries)
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
            kind: .dispersion, title: title, axisTitle: "position in the document", categories: lines.names, series: series,
            note: notes.joined(separator: " "))
    }

    /// "The first 50 of 212 bars are shown.", or empty when all are.
    static func omittedNote(_ total: Int, shown: Int, _ what: String) -> String {
        total > shown ? "The first \(shown) of \(groupedCount(total)) \(what) are shown." : ""
    }
}

/// Distinct names in the order first seen, each with a running total: the bars, segments,
/// lines and series of a chart, before the largest are kept.
struct FirstSeen {
    /// The names, first seen first.
    private(set) var names: [String] = []
    /// The sum of the amounts added under each name.
    private(set) var totals: [Double] = []
    private var positions: [String: Int] = [:]

    /// How many distinct names.
    var count: Int { names.count }

    /// Where `name` is among ``names``, if it was added.
    func position(of name: String) -> Int? { positions[name] }

    /// Adds `amount` to `name`'s total (appending the name when new); returns its position.
    @discardableResult
    mutating func add(_ name: String, _ amount: Double = 0) -> Int {
        if let known = positions[name] {
            totals[known] += amount
            return known
        }
        positions[name] = names.count
        names.append(name)
        totals.append(amount)
        return names.count - 1
    }
}
