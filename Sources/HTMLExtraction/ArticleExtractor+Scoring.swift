/// Readability's scoring: paragraphs give points to the containers above them.
extension ArticleExtractor {
    /// Tags whose text is scored as one paragraph.
    static let paragraphTags: Set<String> = ["p", "pre", "td"]
    /// Tags that can stand for a paragraph when they hold only inline content.
    static let divLike: Set<String> = ["div", "section", "article", "main", "center"]
    /// Tags that keep a `div` from being a paragraph.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "ul", "img", "center", "tr", "td", "th", "tbody", "thead",
    ]

    /// Scores the paragraph-like elements under `node` for their ancestors up to `scope`,
    /// collecting the containers scored in `candidates`.
    func scoreParagraphs(
        _ node: HTMLNode, scope: HTMLNode, flags: Flags, candidates: inout [HTMLNode]
    ) {
        for child in node.children where child.kind == .element && !child.excluded {
            if Self.paragraphTags.contains(child.name) {
                score(child.measure, level0: node, scope: scope, flags: flags, candidates: &candidates)
                if child.name == "td" { scoreParagraphs(child, scope: scope, flags: flags, candidates: &candidates) }
            } else if Self.divLike.contains(child.name) && !Self.hasBlockDescendant(child) {
                score(child.measure, level0: node, scope: scope, flags: flags, candidates: &candidates)
            } else {
                if Self.divLike.contains(child.name) {
                    for run in Self.inlineRuns(of: child) {
                        score(run.measure, level0: child, scope: scope, flags: flags, candidates: &candidates)
                    }
                }
                scoreParagraphs(child, scope: scope, flags: flags, candidates: &candidates)
            }
        }
    }

    /// Adds one paragraph's score to its five nearest ancestors (up to `scope`).
    func score(
        _ measure: TextMeasure, level0: HTMLNode, scope: HTMLNode, flags: Flags, candidates: inout [HTMLNode]
    ) {
        guard measure.chars >= 25 else { return }
        let contentScore = 1 + Double(measure.commas) + Double(min(measure.chars / 100, 3))
        var ancestor: HTMLNode? = level0
        var level = 0
        while let node = ancestor, level < 5, node.parent != nil {
            let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
            if let score = node.score {
                node.score = score + contentScore / divider
            } else {
                node.score = Self.initialScore(node, flags: flags) + contentScore / divider
                candidates.append(node)
            }
            if node === scope { break }
            ancestor = node.parent
            level += 1
        }
    }

    /// A container's score before its paragraphs: by tag, class weight and `articleBody`.
    static func initialScore(_ node: HTMLNode, flags: Flags) -> Double {
        var score: Double
        switch node.name {
        case "div": score = 5
        case "pre", "td", "blockquote": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        if flags.contains(.weightClasses) { score += Boilerplate.classWeight(node) }
        if node.attribute("itemprop")?.contains("articleBody") == true { score += 25 }
        return score
    }

    /// Whether an element holds block-level content (so it is not a paragraph itself).
    static func hasBlockDescendant(_ node: HTMLNode) -> Bool {
        for child in node.children where child.kind == .element && !child.excluded {
            if blockTags.contains(child.name) || hasBlockDescendant(child) { return true }
        }
        return false
    }

    /// Runs of inline content (text and inline elements) directly inside a block; block
    /// children end a run, `<br>`s do not.
    static func inlineRuns(of node: HTMLNode) -> [(nodes: [HTMLNode], measure: TextMeasure)] {
        var runs: [(nodes: [HTMLNode], measure: TextMeasure)] = []
        var current: [HTMLNode] = []
        var measure = TextMeasure()
        func close() {
            if measure.chars > 0 { runs.append((current, measure)) }
            current = []
            measure = TextMeasure()
        }
        for child in node.children {
            if child.kind == .element {
                if child.excluded || child.name == "br" { continue }
                if blockTags.contains(child.name) || hasBlockDescendant(child) {
                    close()
                    continue
                }
            }
            current.append(child)
            measure += child.measure
        }
        close()
        return runs
    }

    /// The characters in paragraphs (`p`, `pre`, of 25 characters or more) under `node`.
    static func prose(_ node: HTMLNode) -> Int {
        var total = 0
        func visit(_ n: HTMLNode) {
            for child in n.children where child.kind == .element && !child.excluded {
                if child.name == "p" || child.name == "pre" {
                    if child.measure.chars >= 25 { total += child.measure.chars }
                } else {
                    visit(child)
                }
            }
        }
        visit(node)
        return total
    }
}
