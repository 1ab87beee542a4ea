import LoupeBindings

/// Lines over time: periods along the bottom, values up the left, a line per series.
enum LineChartSVG {
    private static let plotHeight = 220.0
    /// Above this many points the lines have no hover dots, to keep the SVG small.
    private static let maximumDots = 600

    /// Draws the lines of `chart` from `top`; returns the bottom.
    static func draw(_ chart: Chart, top: Double, into svg: inout SVGWriter) -> Double {
        let count = chart.categories.count
        let values = chart.series.flatMap { $0.values.prefix(count) }
        let scale = NiceScale(minimum: values.min() ?? 0, maximum: values.max() ?? 0, wholeNumbers: values.areWholeNumbers)
        let widestTick = scale.ticks.map { ChartLayout.textWidth(NumberFormat.format($0, decimals: scale.decimals), size: 11) }.max() ?? 0
        let x0 = max(ChartLayout.margin + 28, ChartLayout.margin + widestTick + 10) + (chart.axisTitle.isEmpty ? 0 : 20)
        let x1 = ChartLayout.width - ChartLayout.margin - 12
        let plotTop = top + 8
        let plotBottom = plotTop + plotHeight
        func x(_ index: Int) -> Double {
            count == 1 ? (x0 + x1) / 2 : x0 + Double(index) * (x1 - x0) / Double(count - 1)
        }
        func y(_ value: Double) -> Double { scale.position(value, from: plotBottom, to: plotTop) }

        ValueAxis.drawVertical(scale, x: x0, right: x1, from: plotBottom, to: plotTop, into: &svg)
        if !chart.axisTitle.isEmpty {
            svg.text(
                ChartLayout.fit(chart.axisTitle, width: plotHeight), x: ChartLayout.margin + 6, y: (plotTop + plotBottom) / 2, anchor: "middle",
                rotate: true)
        }
        let labelWidth = ChartLayout.textWidth(chart.categories.last ?? "", size: 11) + 14
        let room = max(1, Int((x1 - x0 + labelWidth) / labelWidth))
        let every = max(1, (count + room - 1) / room)
        for index in stride(from: 0, to: count, by: every) {
            svg.line(x1: x(index), y1: plotBottom, x2: x(index), y2: plotBottom + 4, stroke: ChartLayout.axisColour)
            svg.text(chart.categories[index], x: x(index), y: plotBottom + 16, anchor: "middle", size: 11, fill: ChartLayout.axisColour)
        }
        let dots = count * chart.series.count <= maximumDots
        for (number, series) in chart.series.enumerated() {
            let colour = ChartLayout.colour(chart, number)
            let name = series.name.isEmpty ? chart.title : series.name
            let total = series.values.reduce(0, +)
            if count > 1 {
                svg.polyline(
                    series.values.prefix(count).enumerated().map { (x($0.offset), y($0.element)) }, stroke: colour,
                    hover: "\(name): \(ChartSVG.value(total)) in all")
            }
            if dots || count == 1 {
                svg.openGroup(fill: colour)
                for (index, value) in series.values.prefix(count).enumerated() {
                    let prefix = series.name.isEmpty ? "" : series.name + ", "
                    svg.circle(
                        x: x(index), y: y(value), radius: count == 1 ? 4 : 2.5,
                        hover: "\(prefix)\(chart.categories[index]): \(ChartSVG.value(value))")
                }
                svg.closeGroup()
            }
        }
        guard !chart.categoryTitle.isEmpty else { return plotBottom + 26 }
        svg.text(chart.categoryTitle, x: (x0 + x1) / 2, y: plotBottom + 36, anchor: "middle")
        return plotBottom + 44
    }
}
