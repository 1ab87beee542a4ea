import LoupeBindings
import Testing

@testable import LoupeEngine

/// Scales, number formats and the SVG of each kind of chart, parsed back as XML.
@Suite struct ChartSVGTests {
    @Test func niceTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(NiceScale.niceStep(0.7) == 1)
        #expect(NiceScale.niceStep(1.3) == 2)
        #expect(NiceScale.niceStep(3) == 5)
        #expect(NiceScale.niceStep(7) == 10)
        #expect(NiceScale.niceStep(246.8) == 500)
        #expect(abs(NiceScale.niceStep(0.013) - 0.02) < 1e-12)
        let scale = NiceScale(minimum: 0, maximum: 7)
        #expect(scale.ticks == [0, 2, 4, 6, 8])
        #expect(scale.decimals == 0)
        let negative = NiceScale(minimum: -3, maximum: 12)
        #expect(negative.lower == -5 && negative.upper == 15 && negative.step == 5)
        #expect(NiceScale(minimum: 0, maximum: 0).ticks.last == 1)
        #expect(NiceScale(minimum: 0, maximum: 0.42).decimals == 1)
        #expect(NiceScale(minimum: 0, maximum: 12_345).ticks == [0, 5_000, 10_000, 15_000])
    }

    @Test func countsHaveNoTicksBetweenWholeNumbers() {
        #expect(NiceScale(minimum: 0, maximum: 2).ticks == [0, 0.5, 1, 1.5, 2])
        #expect(NiceScale(minimum: 0, maximum: 2, wholeNumbers: true).ticks == [0, 1, 2])
        #expect(NiceScale(minimum: 0, maximum: 2, wholeNumbers: true).decimals == 0)
        #expect(NiceScale(minimum: 0, maximum: 70, wholeNumbers: true).ticks == [0, 20, 40, 60, 80])
        #expect([1.0, 2, 3].areWholeNumbers && ![1.0, 2.5].areWholeNumbers)
    }

    @Test func numbersHaveThousandsSeparators() {
        #expect(NumberFormat.format(1_234_567) == "1,234,567")
        #expect(NumberFormat.format(-1_234.5) == "-1,234.5")
        #expect(NumberFormat.format(999) == "999")
        #expect(NumberFormat.format(0.25, decimals: 1) == "0.3")
        #expect(NumberFormat.format(2.0 / 3) == "0.67")
        #expect(NumberFormat.format(1000, decimals: 2) == "1,000.00")
        #expect(NumberFormat.grouped(-1_000) == "-1,000")
    }

    @Test func barsOnePerCategoryWithTheirValuesAndAnEscapedTitle() throws {
        let chart = Chart(
            kind: .bars, title: "Who <said> \"what\" & when", axisTitle: "quotes",
            categories: ["a", "b", String(repeating: "long label ", count: 10)], series: [.init(name: "", values: [1_200, 30, 5])])
        let svg = ChartSVG.render(chart)
        let parsed = try #require(SVGInspector.inspect(svg))
        #expect(parsed.counts["rect"] == 1 + 3)  // the background, then a bar each
        #expect(parsed.rootAttributes["role"] == "img")
        #expect(parsed.rootAttributes["aria-label"] == chart.title)
        #expect(parsed.rootAttributes["width"] == "100%")
        #expect(parsed.rootAttributes["viewBox"]?.hasPrefix("0 0 640 ") == true)
        #expect(parsed.texts.contains(chart.title))
        #expect(parsed.texts.contains("1,200"))
        #expect(parsed.texts.contains("quotes"))
        #expect(parsed.texts.contains("a: 1,200"))
        #expect(parsed.texts.contains { $0.hasSuffix("…") && $0.hasPrefix("long label") })
        #expect(svg.contains("&lt;said&gt;"))
        let sized = try #require(SVGInspector.inspect(ChartSVG.render(chart, sized: true)))
        #expect(sized.rootAttributes["width"] == "640")
    }

    @Test func linesWithALegendEntryAndAPointPerPeriodAndSeries() throws {
        let chart = Chart(
            kind: .lines, title: "Per month", axisTitle: "n", categoryTitle: "month", categories: ["2021-01", "2021-02", "2021-03"],
            series: [.init(name: "sport", values: [1, 0, 4]), .init(name: "news", values: [2, 2, 2]), .init(name: "other", values: [0, 1, 0])])
        let parsed = try #require(SVGInspector.inspect(ChartSVG.render(chart)))
        #expect(parsed.counts["polyline"] == 3)
        #expect(parsed.counts["circle"] == 9)
        #expect(parsed.counts["rect"] == 1 + 3)  // the background, then a legend swatch per series
        #expect(parsed.texts.contains("sport") && parsed.texts.contains("news") && parsed.texts.contains("other"))
        #expect(parsed.texts.contains("sport, 2021-03: 4"))
        #expect(parsed.texts.contains("2021-02"))
        #expect(parsed.texts.contains("month"))
    }

    @Test func longLinesHaveNoDots() throws {
        let days = (0..<700).map { TimePeriod.day.label(of: $0) }
        let chart = Chart(kind: .lines, title: "t", categories: days, series: [.init(name: "", values: days.indices.map(Double.init))])
        let svg = ChartSVG.render(chart)
        let parsed = try #require(SVGInspector.inspect(svg))
        #expect(parsed.counts["circle"] == nil)
        #expect(parsed.counts["polyline"] == 1)
        #expect(svg.utf8.count < 20_000)
        #expect(parsed.texts.filter { $0.hasPrefix("19") }.count <= 10)
    }

    @Test func stackedBarsOneSegmentPerNonZeroValue() throws {
        let chart = Chart(
            kind: .stackedBars, title: "t", categories: ["A", "B"],
            series: [.init(name: "sport", values: [3, 0]), .init(name: "news", values: [3, 1])])
        let parsed = try #require(SVGInspector.inspect(ChartSVG.render(chart)))
        #expect(parsed.counts["rect"] == 1 + 2 + 3)  // background, legend, segments
        #expect(parsed.texts.contains("A — news: 3"))
    }

    @Test func dispersionAMarkPerHitAndAPathPerTerm() throws {
        let chart = Chart(
            kind: .dispersion, title: "t", axisTitle: "position in the document", categories: ["d1", "d2"],
            series: [.init(name: "x", values: [0, 0.5, 1], lines: [0, 0, 1]), .init(name: "y", values: [0.25], lines: [1])])
        let parsed = try #require(SVGInspector.inspect(ChartSVG.render(chart)))
        #expect(parsed.counts["path"] == 2)
        #expect(parsed.pathData.map { $0.filter { $0 == "M" }.count } == [3, 1])
        #expect(parsed.counts["rect"] == 1 + 2)
        #expect(parsed.texts.contains("d1: 2 occurrences"))
    }

    @Test func anEmptyChartSaysSo() throws {
        let parsed = try #require(SVGInspector.inspect(ChartSVG.render(Chart(kind: .lines, title: "t", categories: [], series: []))))
        #expect(parsed.texts.contains("No data."))
    }

    @Test func controlCharactersAreDropped() throws {
        let chart = Chart(kind: .bars, title: "a\u{1}b", categories: ["x\u{0}"], series: [.init(name: "", values: [1])])
        #expect(SVGInspector.inspect(ChartSVG.render(chart)) != nil)
    }
}
