import LoupeBindings
import LoupeTestSupport
import LuaRuntime
import Testing

/// The `Report` methods seen from Lua: what each adds, and its errors in Lua's grammar.
@Suite struct ReportBindingTests {
    /// Runs `body` as the body of `function(report)` and returns what it added.
    func items(_ body: String) throws -> [ReportItem] {
        let environment = try ScriptEnvironment(limits: testLimits, version: "0.0.0", print: { _ in }, emit: { _, _ in })
        let chunk = try environment.state.load("return function(report)\n\(body)\nend", chunkName: "=test", environment: environment.sandbox)
        let function = try environment.state.call(.function(chunk)).first ?? .nil
        let report = ReportBuilder()
        _ = try environment.state.call(function, environment.value(of: report))
        return report.items
    }

    /// The message of the error `body` raises.
    func error(_ body: String) -> String {
        do {
            let added = try items(body)
            Issue.record("expected an error, got \(added)")
            return ""
        } catch let error as LuaError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func keyFiguresWithNotes() throws {
        #expect(try items(#"report:key_figures{ {"Documents", 2225}, {"Speakers", 411, "distinct names"}, {label = "Mean", value = 2.5} }"#) == [
            .keyFigures([
                KeyFigure(label: "Documents", value: 2225), KeyFigure(label: "Speakers", value: 411, note: "distinct names"),
                KeyFigure(label: "Mean", value: 2.5),
            ])
        ])
    }

    @Test func kwicLinesWithAndWithoutDocuments() throws {
        let added = try items(#"report:kwic("t", { {left = "a ", keyword = "b", right = " c", start = 3}, {left = "d", keyword = "e", doc = "x"} })"#)
        #expect(added == [
            .concordance(Concordance(title: "t", lines: [
                .init(left: "a ", keyword: "b", right: " c"), .init(document: "x", left: "d", keyword: "e", right: ""),
            ]))
        ])
    }

    @Test func chartsWithDefaultsAndOptions() throws {
        let added = try items("""
            local top = { {key = "a", count = 3}, {key = "b", count = 1} }
            report:bar_chart("Most", top, {x = "quotes"})
            report:line_chart("Time", { {key = "2021-01-05"}, {key = "2021-03-01", count = 2} }, {y = "n"})
            report:stacked_bars("Stacks", { {key = "a", stack = "s"} })
            report:dispersion("Where", { {doc = "d", at = 0.25} })
            """)
        #expect(added.count == 4)
        guard added.count == 4, case .chart(let bars) = added[0], case .chart(let lines) = added[1],
            case .chart(let stacked) = added[2], case .chart(let dispersion) = added[3]
        else { return }
        #expect(bars == Chart(kind: .bars, title: "Most", axisTitle: "quotes", categories: ["a", "b"], series: [.init(name: "", values: [3, 1])]))
        #expect(lines.categories == ["2021-01", "2021-02", "2021-03"])
        #expect(lines.series.first?.values == [1, 0, 2])
        #expect(lines.axisTitle == "n")
        #expect(lines.categoryTitle == "month")
        #expect(stacked.kind == .stackedBars)
        #expect(dispersion.series == [.init(name: "", values: [0.25], lines: [0])])
    }

    @Test func argumentErrorsInLuasGrammar() {
        #expect(error(#"report:line_chart("t", { {key = "2021-01-01"}, {key = "2021-01-02"}, {key = "2021"}, {key = "14/01/2021"} })"#)
            .contains("bad argument #2 to 'line_chart' (field 'key' of row 4 is not an ISO date: '14/01/2021')"))
        #expect(error(#"report:line_chart("t", {}, {by = "fortnight"})"#)
            .contains("bad argument #3 to 'line_chart' (field 'by' must be day, week, month or year, not 'fortnight')"))
        #expect(error(#"report:bar_chart("t", { {key = "a", count = "x"} })"#)
            .contains("bad argument #2 to 'bar_chart' (field 'count' of row 1 is not a finite number: 'x')"))
        #expect(error(#"report:bar_chart("t", {}, {x = 3})"#).contains("bad argument #3 to 'bar_chart' (field 'x' must be a string, not a number)"))
        #expect(error(#"report:bar_chart("t", {}, {lable = "k"})"#)
            .contains("bad argument #3 to 'bar_chart' (unknown option 'lable'; the options are 'label', 'value', 'x')"))
        #expect(error(#"report:stacked_bars("t", { {key = "a"} })"#).contains("bad argument #2 to 'stacked_bars' (field 'stack' of row 1 is missing)"))
        #expect(error(#"report:dispersion("t", { {doc = "a", at = 2} })"#)
            .contains("bad argument #2 to 'dispersion' (field 'at' of row 1 must be a position from 0 to 1, not 2)"))
        #expect(error(#"report:dispersion("t")"#).contains("bad argument #2 to 'dispersion' (table expected, got no value)"))
        #expect(error(#"report:kwic("t", { {left = "a"} })"#).contains("bad argument #2 to 'kwic' (field 'keyword' of line 1 is not a string (a nil))"))
        #expect(error(#"report:key_figures{ {"a", {}} }"#)
            .contains("bad argument #1 to 'key_figures' (the value of figure 1 is not a number or string (a table))"))
        #expect(error(#"report:key_figures{ 3 }"#).contains("bad argument #1 to 'key_figures' (figure 1 is not a table (a number))"))
    }
}
