/// How much text a node holds: the length of its text with white space collapsed, the part
/// of it inside links, and its commas.
struct TextMeasure {
    /// Characters, each run of white space counting as one.
    var chars = 0
    /// Characters inside `<a>` elements.
    var linkChars = 0
    /// Commas (`,` and the CJK and Arabic commas).
    var commas = 0

    /// The share of the text inside links (0 when there is no text).
    var linkDensity: Double { chars == 0 ? 0 : Double(linkChars) / Double(chars) }

    static func += (a: inout TextMeasure, b: TextMeasure) {
        a.chars += b.chars
        a.linkChars += b.linkChars
        a.commas += b.commas
    }

    /// The measure of a run of text.
    init(text: String) {
        var inSpace = true
        for scalar in text.unicodeScalars {
            if Self.isSpace(scalar) {
                if !inSpace { chars += 1 }
                inSpace = true
            } else {
                chars += 1
                inSpace = false
                if scalar == "," || scalar == "\u{FF0C}" || scalar == "\u{3001}" || scalar == "\u{060C}" { commas += 1 }
            }
        }
    }

    init() {}

    /// Whether `scalar` is white space (ASCII tested directly: the Unicode property lookup
    /// is slow, and nearly all characters of a page are ASCII).
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// Measures `node` and its descendants, skipping excluded ones, and stores the result in
    /// each node's ``HTMLNode/measure``.
    @discardableResult
    static func compute(_ node: HTMLNode) -> TextMeasure {
        if node.kind == .text { return node.measure }  // measured when made
        var total = TextMeasure()
        if !node.excluded {
            for child in node.children { total += compute(child) }
            if node.name == "a" { total.linkChars = total.chars }
        }
        node.measure = total
        return total
    }
}
