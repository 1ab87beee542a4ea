import Foundation
import LoupeBindings

/// What every chart shares: its size, colours, the title on top, the legend under it, and
/// text shortened to fit.
enum ChartLayout {
    /// The width of every chart, in SVG units (pixels at 100%).
    static let width = 640.0
    /// The left margin.
    static let margin = 12.0
    /// Where labels of bars and dispersion lines end and the plot begins.
    static let labelColumn = 160.0
    /// The Okabe–Ito palette, told apart also with the common colour-vision deficiencies;
    /// "other" is grey. Yellow, faint on white, comes last.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442"]
    /// The colour of the "other" series.
    static let otherColour = "#999999"
    /// Grid lines.
    static let gridColour = "#e3e3e3"
    /// Axis lines and tick labels.
    static let axisColour = "#555"

    /// The colour of series `index` of `chart`.
    static func colour(_ chart: Chart, _ index: Int) -> String {
        if chart.series.count > 1, index == chart.series.count - 1, chart.series[index].name == "other",
            chart.series.count == ChartBuilder.maximumSeries
        {
            return otherColour
        }
        return palette[index % palette.count]
    }

    /// About how wide `text` is at `size` (an average glyph is 0.58 em).
    static func textWidth(_ text: String, size: Double = 12) -> Double {
        Double(text.count) * size * 0.58
    }

    /// `text` on one line, shortened with "…" to fit `width`.
    static func fit(_ text: String, width: Double, size: Double = 12) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        let room = Int(width / (size * 0.58))
        guard line.count > room else { return line }
        return String(line.prefix(max(1, room - 1))) + "…"
    }

    /// Writes the title; returns where the content below it starts.
    static func title(_ chart: Chart, into svg: inout SVGWriter) -> Double {
        svg.text(fit(chart.title, width: width - 2 * margin, size: 15), x: margin, y: 20, size: 15, bold: true, hover: chart.title)
        return 34
    }

    /// The legend's swatches and names from `top`, wrapped to the width; returns its height
    /// (0 without a legend).
    static func legend(_ chart: Chart, top: Double, into svg: inout SVGWriter) -> Double {
        guard chart.hasLegend else { return 0 }
        var x = margin
        var y = top
        for (index, series) in chart.series.enumerated() {
            let name = fit(series.name.isEmpty ? "(none)" : series.name, width: 180)
            let itemWidth = 16 + textWidth(name) + 16
            if x + itemWidth > width - margin, x > margin {
                x = margin
                y += 18
            }
            svg.rect(x: x, y: y, width: 11, height: 11, fill: colour(chart, index))
            svg.text(name, x: x + 16, y: y + 10, hover: series.name)
            x += itemWidth
        }
        return y - top + 22
    }

    /// Writes a note under the plot when the chart has one; returns its height.
    static func note(_ chart: Chart, top: Double, into svg: inout SVGWriter) -> Double {
        guard !chart.note.isEmpty else { return 0 }
        svg.text(fit(chart.note, width: width - 2 * margin, size: 11), x: margin, y: top + 12, size: 11, fill: axisColour)
        return 18
    }
}
