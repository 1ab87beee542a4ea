import LoupeBindings

/// A dispersion plot: a track per document, a tick at each position where a term occurs.
enum DispersionSVG {
    private static let band = 18.0
    private static let tick = 12.0

    /// Draws the tracks of `chart` from `top`; returns the bottom.
    static func draw(_ chart: Chart, top: Double, into svg: inout SVGWriter) -> Double {
        let count = chart.categories.count
        let x0 = ChartLayout.labelColumn
        let x1 = ChartLayout.width - ChartLayout.margin - 12
        let plotTop = top + 4
        let plotBottom = plotTop + Double(count) * band
        var marks = Array(repeating: 0, count: count)
        for series in chart.series { for line in series.lines where line < count { marks[line] += 1 } }
        for (index, label) in chart.categories.enumerated() {
            let y = plotTop + Double(index) * band
            svg.text(
                ChartLayout.fit(label, width: x0 - ChartLayout.margin - 8), x: x0 - 6, y: y + 13, anchor: "end",
                hover: "\(label): \(NumberFormat.grouped(Int64(marks[index]))) occurrences")
            svg.line(x1: x0, y1: y + band / 2, x2: x1, y2: y + band / 2, stroke: ChartLayout.gridColour)
        }
        for (number, series) in chart.series.enumerated() {
            var data = ""
            for (at, line) in zip(series.values, series.lines) where line < count {
                let x = x0 + min(max(at, 0), 1) * (x1 - x0)
                data += "M\(svg.number(x)) \(svg.number(plotTop + Double(line) * band + (band - tick) / 2))v\(svg.number(tick))"
            }
            guard !data.isEmpty else { continue }
            svg.path(data, stroke: ChartLayout.colour(chart, number), width: 1.5, hover: series.name.isEmpty ? nil : series.name)
        }
        svg.line(x1: x0, y1: plotBottom, x2: x1, y2: plotBottom, stroke: ChartLayout.axisColour)
        for step in 0...4 {
            let x = x0 + Double(step) / 4 * (x1 - x0)
            svg.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 4, stroke: ChartLayout.axisColour)
            let label = step == 0 ? "start" : step == 4 ? "end" : "\(step * 25)%"
            svg.text(label, x: x, y: plotBottom + 16, anchor: "middle", size: 11, fill: ChartLayout.axisColour)
        }
        svg.text(chart.axisTitle, x: (x0 + x1) / 2, y: plotBottom + 34, anchor: "middle")
        return plotBottom + 40
    }
}
