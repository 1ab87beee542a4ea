import LoupeBindings
import LuaRuntime
import Testing

/// Chart data as the report methods compute it: dates, periods, filling, capping.
@Suite struct ChartBuilderTests {
    func row(_ fields: KeyValuePairs<String, LuaValue>) -> LuaValue { .table(LuaTable(fields)) }

    @Test func isoDatesOfDayMonthOrYearAndWithATime() {
        #expect(ISODate("2021-03-14") == ISODate(year: 2021, month: 3, day: 14))
        #expect(ISODate("2021-03") == ISODate(year: 2021, month: 3, day: 1))
        #expect(ISODate("2021") == ISODate(year: 2021, month: 1, day: 1))
        #expect(ISODate("2021-03-14T10:00:00Z") == ISODate(year: 2021, month: 3, day: 14))
        #expect(ISODate("2020-02-29") != nil)
        for bad in ["14/01/2021", "2021-13-01", "2021-02-29", "2021-1-5", "21-01-01", "", "2021-03-14x", "2021-00"] {
            #expect(ISODate(bad) == nil, "\(bad)")
        }
    }

    @Test func dayNumbersRoundTrip() {
        #expect(ISODate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(ISODate(year: 2000, month: 3, day: 1).dayNumber == 11_017)
        for day in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(ISODate(dayNumber: day).dayNumber == day)
        }
    }

    @Test func isoWeeksAcrossYearBoundaries() {
        func week(_ text: String) -> String {
            TimePeriod.week.label(of: TimePeriod.week.key(of: ISODate(text)!))
        }
        #expect(week("2021-01-03") == "2020-W53")  // a Sunday
        #expect(week("2021-01-04") == "2021-W01")  // the Monday after
        #expect(week("2019-12-30") == "2020-W01")
        #expect(week("2018-12-31") == "2019-W01")
        #expect(week("2016-01-01") == "2015-W53")
        #expect(week("2021-03-14") == "2021-W10")
        #expect(week("1969-12-31") == "1970-W01")
        #expect(TimePeriod.week.key(of: ISODate("2021-01-10")!) == TimePeriod.week.key(of: ISODate("2021-01-04")!))
        #expect(TimePeriod.week.key(of: ISODate("2021-01-11")!) == TimePeriod.week.key(of: ISODate("2021-01-04")!) + 1)
    }

    @Test func monthAndYearLabels() {
        #expect(TimePeriod.month.label(of: TimePeriod.month.key(of: ISODate("2021-12-31")!)) == "2021-12")
        #expect(TimePeriod.month.label(of: TimePeriod.month.key(of: ISODate("2022-01-01")!)) == "2022-01")
        #expect(TimePeriod.year.label(of: 987) == "0987")
        #expect(TimePeriod.day.label(of: ISODate("2024-02-29")!.dayNumber) == "2024-02-29")
    }

    @Test func emptyPeriodsBetweenTheFirstAndLastAreZero() throws {
        let chart = try ChartBuilder.lines(
            title: "t",
            rows: [
                row(["key": "2021-04-02", "count": 3]), row(["key": "2021-01-31", "count": 2]),
                row(["key": "2021-04-30", "count": 1.5]), row(["key": "2021-01"]),
            ],
            by: .month)
        #expect(chart.categories == ["2021-01", "2021-02", "2021-03", "2021-04"])
        #expect(chart.series == [Chart.Series(name: "", values: [3, 0, 0, 4.5])])
        #expect(!chart.hasLegend)
    }

    @Test func weeksAndDaysAndYears() throws {
        let rows = [row(["d": "2020-12-31"]), row(["d": "2021-01-04"]), row(["d": "2021-01-05"]), row(["d": "2021-01-19"])]
        let weeks = try ChartBuilder.lines(title: "t", rows: rows, date: "d", by: .week)
        #expect(weeks.categories == ["2020-W53", "2021-W01", "2021-W02", "2021-W03"])
        #expect(weeks.series.first?.values == [1, 2, 0, 1])
        let days = try ChartBuilder.lines(title: "t", rows: rows, date: "d", by: .day)
        #expect(days.categories.count == 20)
        #expect(days.categories.first == "2020-12-31")
        #expect(days.categories.last == "2021-01-19")
        let years = try ChartBuilder.lines(title: "t", rows: rows, date: "d", by: .year)
        #expect(years.categories == ["2020", "2021"])
        #expect(years.series.first?.values == [1, 3])
    }

    @Test func atMostEightSeriesTheRestSummedIntoOther() throws {
        var rows: [LuaValue] = []
        for series in 0..<11 {
            for _ in 0...series { rows.append(row(["key": "2021-01", "who": .string(LuaString("s\(series)"))])) }
        }
        let chart = try ChartBuilder.lines(title: "t", rows: rows, series: "who")
        #expect(chart.series.map(\.name) == ["s4", "s5", "s6", "s7", "s8", "s9", "s10", "other"])
        #expect(chart.series.last?.values == [1 + 2 + 3 + 4])
        #expect(chart.series.map { $0.values[0] }.reduce(0, +) == Double((1...11).reduce(0, +)))
        #expect(chart.hasLegend)
    }

    @Test func tooManyPeriodsAndBadDatesAreErrors() {
        #expect(throws: ReportArgumentError(.rows, "field 'key' of row 2 is not an ISO date: '14/01/2021'")) {
            try ChartBuilder.lines(title: "t", rows: [row(["key": "2021-01-14"]), row(["key": "14/01/2021"])])
        }
        #expect(throws: ReportArgumentError(.rows, "field 'count' of row 1 is not a finite number: 'many'")) {
            try ChartBuilder.lines(title: "t", rows: [row(["key": "2021", "count": "many"])])
        }
        #expect(throws: ReportArgumentError.self) {
            try ChartBuilder.lines(title: "t", rows: [row(["key": "1990-01-01"]), row(["key": "2021-01-01"])], by: .day)
        }
        #expect(throws: ReportArgumentError(.rows, "row 1 is not a table (a number)")) {
            try ChartBuilder.bars(title: "t", rows: [3])
        }
    }

    @Test func barsKeepTheirOrderAndStopAtFifty() throws {
        let rows = (0..<70).map { row(["key": .string(LuaString("w\($0)")), "count": .integer(Int64(100 - $0))]) }
        let chart = try ChartBuilder.bars(title: "t", rows: rows)
        #expect(chart.categories.count == 50)
        #expect(chart.categories.first == "w0")
        #expect(chart.series.first?.values.first == 100)
        #expect(chart.note == "The first 50 of 70 bars are shown.")
        #expect(throws: ReportArgumentError(.rows, "field 'count' of row 1 is missing")) {
            try ChartBuilder.bars(title: "t", rows: [row(["key": "a"])])
        }
    }

    @Test func stackedBarsSumPerLabelAndStack() throws {
        let rows = [
            row(["who": "A", "in": "sport", "n": 2]), row(["who": "B", "in": "news"]), row(["who": "A", "in": "news", "n": 3]),
            row(["who": "A", "in": "sport", "n": 1]),
        ]
        let chart = try ChartBuilder.stackedBars(title: "t", rows: rows, label: "who", stack: "in", value: "n")
        #expect(chart.categories == ["A", "B"])
        #expect(chart.series == [Chart.Series(name: "sport", values: [3, 0]), Chart.Series(name: "news", values: [3, 1])])
    }

    @Test func dispersionLinesInFirstSeenOrderWithTerms() throws {
        var rows = [
            row(["doc": "b", "at": 0.5, "term": "x"]), row(["doc": "a", "at": 0, "term": "y"]), row(["doc": "b", "at": 1, "term": "y"]),
        ]
        let chart = try ChartBuilder.dispersion(title: "t", rows: rows)
        #expect(chart.categories == ["b", "a"])
        #expect(chart.series == [Chart.Series(name: "x", values: [0.5], lines: [0]), Chart.Series(name: "y", values: [0, 1], lines: [1, 0])])
        #expect(chart.hasLegend)
        for index in 0..<100 { rows.append(row(["doc": .string(LuaString("d\(index)")), "at": 0.1])) }
        let capped = try ChartBuilder.dispersion(title: "t", rows: rows)
        #expect(capped.categories.count == 60)
        #expect(capped.note == "The first 60 of 102 documents are shown.")
        #expect(throws: ReportArgumentError(.rows, "field 'at' of row 1 must be a position from 0 to 1, not 1.5")) {
            try ChartBuilder.dispersion(title: "t", rows: [row(["doc": "a", "at": 1.5])])
        }
    }
}
