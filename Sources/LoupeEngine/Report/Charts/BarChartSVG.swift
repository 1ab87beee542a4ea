import LoupeBindings

/// Horizontal bars, plain or stacked: labels on the left, the value axis below.
enum BarChartSVG {
    private static let band = 22.0
    private static let barHeight = 15.0

    /// Draws the bars of `chart` from `top`; returns the bottom.
    static func draw(_ chart: Chart, top: Double, into svg: inout SVGWriter) -> Double {
        let stacked = chart.kind == .stackedBars
        let count = chart.categories.count
        var totals = Array(repeating: 0.0, count: count)
        var lowest = 0.0
        for series in chart.series {
            for (index, value) in series.values.prefix(count).enumerated() {
                totals[index] += stacked ? max(0, value) : value
                lowest = min(lowest, value)
            }
        }
        let scale = NiceScale(
            minimum: stacked ? 0 : lowest, maximum: totals.max() ?? 0,
            wholeNumbers: chart.series.allSatisfy { $0.values.areWholeNumbers })
        let x0 = ChartLayout.labelColumn + (lowest < 0 && !stacked ? 44 : 0)  // room for a negative bar's value
        let x1 = ChartLayout.width - ChartLayout.margin - (stacked ? 8 : 56)
        let plotTop = top + 4
        let plotBottom = plotTop + Double(count) * band
        func x(_ value: Double) -> Double { scale.position(value, from: x0, to: x1) }

        for tick in scale.ticks {
            svg.line(x1: x(tick), y1: plotTop, x2: x(tick), y2: plotBottom, stroke: ChartLayout.gridColour)
        }
        for (index, label) in chart.categories.enumerated() {
            let y = plotTop + Double(index) * band
            svg.text(
                ChartLayout.fit(label, width: ChartLayout.labelColumn - ChartLayout.margin - 8), x: ChartLayout.labelColumn - 6, y: y + 15,
                anchor: "end",
                hover: "\(label): \(ChartSVG.value(totals[index]))")
        }
        if stacked {
            var start = Array(repeating: 0.0, count: count)
            for (number, series) in chart.series.enumerated() {
                svg.openGroup(fill: ChartLayout.colour(chart, number))
                for (index, value) in series.values.prefix(count).enumerated() where value > 0 {
                    let y = plotTop + Double(index) * band + (band - barHeight) / 2
                    svg.rect(
                        x: x(start[index]), y: y, width: x(start[index] + value) - x(start[index]), height: barHeight,
                        hover: "\(chart.categories[index]) — \(series.name): \(ChartSVG.value(value))")
                    start[index] += value
                }
                svg.closeGroup()
            }
        } else if let series = chart.series.first {
            svg.openGroup(fill: ChartLayout.colour(chart, 0))
            for (index, value) in series.values.prefix(count).enumerated() {
                let y = plotTop + Double(index) * band + (band - barHeight) / 2
                svg.rect(
                    x: x(min(0, value)), y: y, width: abs(x(value) - x(0)), height: barHeight,
                    hover: "\(chart.categories[index]): \(ChartSVG.value(value))")
            }
            svg.closeGroup()
            for (index, value) in series.values.prefix(count).enumerated() {
                svg.text(
                    NumberFormat.format(value), x: value < 0 ? x(value) - 4 : x(value) + 4, y: plotTop + Double(index) * band + 15,
                    anchor: value < 0 ? "end" : "start", size: 11, fill: ChartLayout.axisColour)
            }
        }
        svg.line(x1: x(0), y1: plotTop, x2: x(0), y2: plotBottom, stroke: ChartLayout.axisColour)
        var bottom = ValueAxis.drawHorizontal(scale, y: plotBottom, from: x0, to: x1, into: &svg)
        if !chart.axisTitle.isEmpty {
            svg.text(chart.axisTitle, x: (x0 + x1) / 2, y: bottom + 14, anchor: "middle")
            bottom += 20
        }
        return bottom
    }
}

/// The tick labels of a value axis.
enum ValueAxis {
    /// Tick labels under a horizontal axis at `y`; returns the bottom.
    static func drawHorizontal(_ scale: NiceScale, y: Double, from x0: Double, to x1: Double, into svg: inout SVGWriter) -> Double {
        for tick in scale.ticks {
            let x = scale.position(tick, from: x0, to: x1)
            svg.line(x1: x, y1: y, x2: x, y2: y + 4, stroke: ChartLayout.axisColour)
            svg.text(NumberFormat.format(tick, decimals: scale.decimals), x: x, y: y + 16, anchor: "middle", size: 11, fill: ChartLayout.axisColour)
        }
        return y + 20
    }

    /// Tick labels left of a vertical axis at `x`, with grid lines across to `right`.
    static func drawVertical(_ scale: NiceScale, x: Double, right: Double, from y0: Double, to y1: Double, into svg: inout SVGWriter) {
        for tick in scale.ticks {
            let y = scale.position(tick, from: y0, to: y1)
            svg.line(x1: x, y1: y, x2: right, y2: y, stroke: tick == 0 ? ChartLayout.axisColour : ChartLayout.gridColour)
            svg.text(NumberFormat.format(tick, decimals: scale.decimals), x: x - 6, y: y + 4, anchor: "end", size: 11, fill: ChartLayout.axisColour)
        }
    }
}
