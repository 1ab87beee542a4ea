/// Writes SVG markup: a few shapes and text, coordinates rounded to one decimal, every text
/// escaped, so that charts stay small and are well-formed XML.
struct SVGWriter {
    /// The markup so far.
    private(set) var markup = ""

    /// Opens the `<svg>` element of a chart `width` × `height` named `label`: it scales to its
    /// container's width (`width="100%"`), or with `sized` has the fixed size, as a file
    /// beside a Markdown report needs.
    mutating func open(width: Double, height: Double, label: String, sized: Bool) {
        let size = sized ? "width=\"\(number(width))\" height=\"\(number(height))\"" : "width=\"100%\""
        markup += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" \(size)"
        markup += " role=\"img\" aria-label=\"\(XMLText.escape(label))\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"12\" fill=\"#222\">\n"
        markup += "<title>\(XMLText.escape(label))</title>\n"
        markup += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
    }

    /// Appends what `other` wrote.
    mutating func append(_ other: SVGWriter) { markup += other.markup }

    /// Closes the `<svg>` element.
    mutating func close() { markup += "</svg>\n" }

    /// Text at (`x`, `y`), its baseline; `anchor` is `start`, `middle` or `end`.
    mutating func text(
        _ text: String, x: Double, y: Double, anchor: String = "start", size: Int? = nil, bold: Bool = false,
        fill: String? = nil, rotate: Bool = false, hover: String? = nil
    ) {
        var attributes = rotate
            ? "transform=\"translate(\(number(x)),\(number(y))) rotate(-90)\""
            : "x=\"\(number(x))\" y=\"\(number(y))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let size { attributes += " font-size=\"\(size)\"" }
        if bold { attributes += " font-weight=\"600\"" }
        if let fill { attributes += " fill=\"\(fill)\"" }
        let tooltip = hover.map { "<title>\(XMLText.escape($0))</title>" } ?? ""
        markup += "<text \(attributes)>\(tooltip)\(XMLText.escape(text))</text>\n"
    }

    /// A rectangle, with a hover text if given.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String? = nil, hover: String? = nil) {
        let colour = fill.map { " fill=\"\($0)\"" } ?? ""
        let head = "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(0, width)))\" height=\"\(number(height))\"\(colour)"
        if let hover {
            markup += head + "><title>\(XMLText.escape(hover))</title></rect>\n"
        } else {
            markup += head + "/>\n"
        }
    }

    /// A line from (`x1`, `y1`) to (`x2`, `y2`).
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) {
        markup += "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(stroke)\""
        markup += width == 1 ? "/>\n" : " stroke-width=\"\(number(width))\"/>\n"
    }

    /// A path of `data` (`M… v… h…`), stroked.
    mutating func path(_ data: String, stroke: String, width: Double = 1, hover: String? = nil) {
        let head = "<path d=\"\(data)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(number(width))\""
        if let hover {
            markup += head + "><title>\(XMLText.escape(hover))</title></path>\n"
        } else {
            markup += head + "/>\n"
        }
    }

    /// A polyline through `points`, stroked.
    mutating func polyline(_ points: [(Double, Double)], stroke: String, hover: String) {
        let list = points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
        markup += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\" stroke-linejoin=\"round\">"
        markup += "<title>\(XMLText.escape(hover))</title></polyline>\n"
    }

    /// A circle with a hover text.
    mutating func circle(x: Double, y: Double, radius: Double, hover: String) {
        markup += "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"\(number(radius))\"><title>\(XMLText.escape(hover))</title></circle>\n"
    }

    /// Opens a group whose shapes are filled with `fill`.
    mutating func openGroup(fill: String) { markup += "<g fill=\"\(fill)\">\n" }

    /// Closes a group.
    mutating func closeGroup() { markup += "</g>\n" }

    /// A coordinate with at most one decimal.
    func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }
}

/// Escaping for XML and HTML text and attribute values.
enum XMLText {
    /// `text` with `&`, `<`, `>` and `"` escaped, and the control characters XML forbids
    /// dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
