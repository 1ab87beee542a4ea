import LoupeBindings

/// Draws a ``Chart`` as SVG: a title, a legend when the chart has several series, the plot
/// with its axes, ticks and axis title, and a note of what was left out. Every mark has a
/// `<title>` that browsers show on hover; the `<svg>` has `role="img"` and an `aria-label`.
public enum ChartSVG {
    /// The SVG of `chart`: 640 units wide, scaling to its container (`width="100%"`), or with
    /// `sized` a fixed 640 pixels wide, as a file an image viewer opens.
    public static func render(_ chart: Chart, sized: Bool = false) -> String {
        var body = SVGWriter()
        var bottom = ChartLayout.title(chart, into: &body)
        bottom += ChartLayout.legend(chart, top: bottom, into: &body)
        if chart.categories.isEmpty {
            body.text("No data.", x: ChartLayout.margin, y: bottom + 20, fill: ChartLayout.axisColour)
            bottom += 32
        } else {
            switch chart.kind {
            case .bars, .stackedBars: bottom = BarChartSVG.draw(chart, top: bottom, into: &body)
            case .lines: bottom = LineChartSVG.draw(chart, top: bottom, into: &body)
            case .dispersion: bottom = DispersionSVG.draw(chart, top: bottom, into: &body)
            }
        }
        bottom += ChartLayout.note(chart, top: bottom, into: &body)
        var svg = SVGWriter()
        svg.open(width: ChartLayout.width, height: bottom + 8, label: chart.title, sized: sized)
        svg.append(body)
        svg.close()
        return svg.markup
    }

    /// A value as hover texts show it.
    static func value(_ value: Double) -> String { NumberFormat.format(value) }
}
