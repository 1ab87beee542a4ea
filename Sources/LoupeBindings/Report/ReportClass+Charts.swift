import LuaRuntime

// `report:bar_chart`, `line_chart`, `stacked_bars` and `dispersion`: the chart's data is
// computed here, in the worker; the renderers only draw it.

extension ReportClass {
    static func addingCharts(to luaClass: LuaClass<ReportBuilder>) -> LuaClass<ReportBuilder> {
        luaClass
            .method("bar_chart", LuaDoc(
                "Adds a chart of horizontal bars, one per row, in the rows' order.",
                details: "Options: `label` (the field naming each bar, default `key`), `value` (the field of its length, default `count`) and `x` (the axis title). At most 50 bars.",
                parameters: chartParameters("the rows, such as `counter:top(10)` gives"),
                example: #"report:bar_chart("Most quoted", speakers:top(10), {x = "quotes"})"#)) { report, frame in
                try addChart(report, frame, options: ["label", "value", "x"]) { title, rows, options throws(ReportArgumentError) in
                    try ChartBuilder.bars(
                        title: title, rows: rows, label: try options.string("label", "key"),
                        value: try options.string("value", "count"), axis: try options.string("x", ""))
                }
            }
            .method("line_chart", LuaDoc(
                "Adds a line chart over time: the rows' values summed per day, week, month or year.",
                details: """
                    Each row has an ISO date (`2021-03-14`, `2021-03` or `2021`) in the field `date` \
                    names (default `key`) and a value in the field `value` names (default `count`; a \
                    row without it counts 1). Options: `by` (`day`, `week` — ISO weeks, labelled \
                    `2021-W10` —, `month` or `year`; default `month`), `series` (a field whose values \
                    make one line each, with a legend; at most 8, the rest summed into "other") and \
                    `y` (the axis title). Periods without rows between the first and the last are 0.
                    """,
                parameters: chartParameters("the rows, each with a date"),
                example: #"report:line_chart("Quotes per month", rows, {date = "date", by = "month", y = "quotes"})"#)) { report, frame in
                try addChart(report, frame, options: ["date", "value", "by", "series", "y"]) { title, rows, options throws(ReportArgumentError) in
                    let byName = try options.string("by", "month")
                    guard let period = TimePeriod(rawValue: byName) else {
                        throw ReportArgumentError(.options, "field 'by' must be day, week, month or year, not '\(byName)'")
                    }
                    return try ChartBuilder.lines(
                        title: title, rows: rows, date: try options.string("date", "key"),
                        value: try options.string("value", "count"), by: period, series: try options.optionalString("series"),
                        axis: try options.string("y", ""))
                }
            }
            .method("stacked_bars", LuaDoc(
                "Adds a chart of horizontal bars made of segments: one bar per label, a segment per stack value, with a legend.",
                details: "Options: `label` (the field naming the bar, default `key`), `stack` (the field naming the segment, default `stack`), `value` (default `count`; a row without it counts 1) and `x` (the axis title). Bars come in first-seen order, at most 50; at most 8 segments, the rest summed into \"other\".",
                parameters: chartParameters("the rows"),
                example: #"report:stacked_bars("Quotes by section", rows, {label = "speaker", stack = "section", x = "quotes"})"#)) { report, frame in
                try addChart(report, frame, options: ["label", "stack", "value", "x"]) { title, rows, options throws(ReportArgumentError) in
                    try ChartBuilder.stackedBars(
                        title: title, rows: rows, label: try options.string("label", "key"),
                        stack: try options.string("stack", "stack"), value: try options.string("value", "count"),
                        axis: try options.string("x", ""))
                }
            }
            .method("dispersion", LuaDoc(
                "Adds a dispersion plot: a line per document, with a mark where a term occurs.",
                details: "Each row names its document in the field `label` names (default `doc`) and a position from 0 (start) to 1 (end) in the field `at` names (default `at`); an optional field `term` names (default `term`) colours the marks and adds a legend. Documents come in first-seen order, at most 60.",
                parameters: chartParameters("the hits"),
                example: #"report:dispersion("Where “tolerance” occurs", hits, {label = "doc", at = "at"})"#)) { report, frame in
                try addChart(report, frame, options: ["label", "at", "term"]) { title, rows, options throws(ReportArgumentError) in
                    try ChartBuilder.dispersion(
                        title: title, rows: rows, label: try options.string("label", "doc"), at: try options.string("at", "at"),
                        term: try options.string("term", "term"))
                }
            }
    }

    private static func chartParameters(_ rows: String) -> [LuaDoc.Parameter] {
        [
            .init("title", "string", "the chart's title"),
            .init("rows", "table[]", rows),
            .init("options", "table", "which fields to use, and the axis title", optional: true),
        ]
    }

    /// Reads a chart method's title, rows and options, builds the chart, and adds it.
    private static func addChart(
        _ report: ReportBuilder, _ frame: LuaFrame, options known: [String],
        _ build: (String, [LuaValue], ReportOptions) throws(ReportArgumentError) -> Chart
    ) throws(LuaCallError) -> Int32 {
        let title = try frame.string(2)
        let rows = try frame.table(3).sequence
        let options = ReportOptions(table: frame.isNoneOrNil(4) ? LuaTable() : try frame.table(4))
        let chart: Chart
        do throws(ReportArgumentError) {
            try options.check(known: known)
            chart = try build(title, rows, options)
        } catch {
            throw LuaCallError.argument(error.place == .rows ? 3 : 4, error.message)
        }
        try report.add(.chart(chart))
        return 0
    }
}
