/// Turns the chosen part of a page into paragraphs of text: each block element (`p`, `li`,
/// a heading, `blockquote`, `pre`, a table row…) and each `<br>` ends a paragraph, inline
/// elements run on, and white space is collapsed to single spaces.
enum ParagraphRenderer {
    /// Elements that start and end a paragraph.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "br",
        "caption", "html",
    ]

    /// Paragraphs dropped when they are exactly one of these (lower-cased): advertising
    /// labels and prompt texts of scripted widgets.
    static let residue: Set<String> = [
        "ad", "ads", "advert", "advertisement", "advertising", "sponsored", "sponsored content", "loading",
        "loading...", "loading…", "this slideshow requires javascript.", "please enable javascript",
        "story continues below advertisement", "continue reading below", "article continues below",
    ]

    /// The paragraphs of `selection`, in order, skipping excluded nodes.
    static func render(_ selection: [Selection]) -> [String] {
        var state = State()
        for item in selection {
            switch item {
            case .node(let node): state.visit(node)
            case .run(let nodes):
                for node in nodes { state.visit(node) }
            }
            state.flush()
        }
        return state.paragraphs
    }

    private struct State {
        var paragraphs: [String] = []
        var current: [UInt8] = []
        var pendingSpace = false

        mutating func visit(_ node: HTMLNode) {
            if node.kind == .text {
                append(node.text)
                return
            }
            guard !node.excluded else { return }
            let isBlock = blockTags.contains(node.name)
            if isBlock { flush() }
            for child in node.children { visit(child) }
            if node.name == "td" || node.name == "th" { pendingSpace = true }
            if isBlock { flush() }
        }

        mutating func append(_ text: String) {
            for scalar in text.unicodeScalars {
                if TextMeasure.isSpace(scalar) {
                    pendingSpace = true
                    continue
                }
                if scalar == "\u{200B}" || scalar == "\u{FEFF}" { continue }
                if pendingSpace, !current.isEmpty { current.append(0x20) }
                pendingSpace = false
                if scalar.value < 0x80 {
                    current.append(UInt8(scalar.value))
                } else if let encoded = UTF8.encode(scalar) {
                    current.append(contentsOf: encoded)
                }
            }
        }

        mutating func flush() {
            if !current.isEmpty {
                let paragraph = String(decoding: current, as: UTF8.self)
                if !residue.contains(paragraph.lowercased()) { paragraphs.append(paragraph) }
            }
            current.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
    }
}
