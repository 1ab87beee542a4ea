/// Finds a page's main article and returns its paragraphs, after Readability.
///
/// 1. Page furniture is set aside: ``Boilerplate/isDropped(_:)`` elements always, and
///    elements with an unlikely `class`/`id` on the first attempt.
/// 2. Every paragraph-like element (`p`, `pre`, `td`, a `div` holding only inline content,
///    a run of inline content inside a `div`) of 25 characters or more scores
///    `1 + commas + min(length / 100, 3)` for its parent, half that for its grandparent and
///    a sixth, a ninth… for the three ancestors above; containers start from a tag score and
///    a class weight, and end scaled by `1 − link density`.
/// 3. The best container, promoted to an ancestor that several near-best candidates share or
///    that scores higher, is taken with those of its siblings that score well or read as
///    prose.
/// 4. Inside it, lists, tables and `div`s that look like link farms, forms or image strips are
///    dropped, then the rest is rendered as paragraphs (``ParagraphRenderer``).
///
/// When the result is shorter than ``minimumChars`` the next attempt relaxes one rule (no
/// unlikely-class stripping, then no class weights, then no conditional cleaning), and the
/// longest result wins.
struct ArticleExtractor {
    /// The rules an attempt applies.
    struct Flags: OptionSet {
        let rawValue: Int
        static let stripUnlikely = Flags(rawValue: 1)
        static let weightClasses = Flags(rawValue: 2)
        static let cleanConditionally = Flags(rawValue: 4)
        static let all: Flags = [.stripUnlikely, .weightClasses, .cleanConditionally]
    }

    /// The page's title, to drop a heading that repeats it.
    var title: String?
    /// An article shorter than this (in characters) triggers a more lenient attempt.
    var minimumChars = 500

    /// An extractor that drops headings repeating `title`.
    init(title: String? = nil) {
        self.title = title
    }

    /// The paragraphs of the main article under `root`; empty when none was found.
    func paragraphs(in root: HTMLNode) -> [String] {
        let body = root.firstElement { $0.name == "body" } ?? root
        var extractor = self
        TextMeasure.compute(body)
        let marked = body.elements {
            $0.name == "article" || $0.attribute("itemprop")?.contains("articleBody") == true
        }
        if let article = marked.max(by: { Self.prose($0) < Self.prose($1) }), Self.prose(article) >= 500 {
            let around = article.ancestors
            let signatures = ([article] + around).map { Boilerplate.signature($0) }
            if !signatures.contains(where: { Boilerplate.contains($0, Array("comment".utf8)) }) {
                extractor.holdsArticle = Set(around.map(ObjectIdentifier.init))
            }
        }
        return extractor.bestAttempt(body)
    }

    private func bestAttempt(_ body: HTMLNode) -> [String] {
        var best: [String] = []
        var bestLength = 0
        let attempts: [Flags] = [.all, [.weightClasses, .cleanConditionally], [.cleanConditionally], []]
        for flags in attempts {
            body.forEachDescendant {
                $0.excluded = false
                $0.score = nil
            }
            let result = attempt(body, flags: flags)
            let length = result.reduce(0) { $0 + $1.count }
            if length >= minimumChars { return result }
            if length > bestLength {
                best = result
                bestLength = length
            }
        }
        return best
    }

    // MARK: - One attempt

    func attempt(_ body: HTMLNode, flags: Flags) -> [String] {
        prune(body, flags: flags, inTable: false)
        TextMeasure.compute(body)
        excludeFormsWithoutProse(body)
        TextMeasure.compute(body)

        let body = Self.scope(body)
        var candidates: [HTMLNode] = []
        scoreParagraphs(body, scope: body, flags: flags, candidates: &candidates)
        for candidate in candidates {
            candidate.score = (candidate.score ?? 0) * (1 - candidate.measure.linkDensity)
        }
        let ranked = candidates.sorted { ($0.score ?? 0) > ($1.score ?? 0) }
        let selection: [Selection]
        if let best = ranked.first, best !== body {
            let top = promote(best, ranked: Array(ranked.prefix(5)), body: body)
            selection = siblings(of: top, body: body)
        } else {
            selection = [.node(body)]
        }
        var cleaner = ArticleCleanup(title: title, flags: flags)
        for item in selection { cleaner.clean(item) }
        return ParagraphRenderer.render(selection)
    }

    /// Marks furniture (and, with `stripUnlikely`, unlikely classes) as excluded.
    /// Elements around an `<article>` or `[itemprop=articleBody]`, which no class strips.
    private var holdsArticle: Set<ObjectIdentifier> = []

    private func prune(_ node: HTMLNode, flags: Flags, inTable: Bool) {
        for child in node.children where child.kind == .element {
            if Boilerplate.isDropped(child)
                || (flags.contains(.stripUnlikely) && !inTable && Boilerplate.isUnlikely(child)
                    && !holdsArticle.contains(ObjectIdentifier(child)))
            {
                child.excluded = true
                continue
            }
            prune(child, flags: flags, inTable: inTable || child.name == "table" || child.name == "code")
        }
    }

    /// Some sites wrap the whole page in a `<form>`: only forms without paragraphs go.
    private func excludeFormsWithoutProse(_ body: HTMLNode) {
        for form in body.elements(where: { $0.name == "form" }) where !form.excluded {
            let prose = form.elements { $0.name == "p" && $0.measure.chars >= 80 }.count
            if prose < 2 { form.excluded = true }
        }
    }

    // MARK: - Scope

    /// The part of the page to look in: the `[itemprop=articleBody]` or `<article>` element
    /// holding the most prose, when it holds at least half of the page's; else `body`.
    static func scope(_ body: HTMLNode) -> HTMLNode {
        let total = prose(body)
        guard total > 0 else { return body }
        for marked in [
            body.elements { $0.attribute("itemprop")?.contains("articleBody") == true && !$0.excluded },
            body.elements { $0.name == "article" && !$0.excluded },
        ] {
            let best = marked.map { ($0, prose($0)) }.max { $0.1 < $1.1 }
            if let (node, chars) = best, chars * 2 >= total, !node.ancestors.contains(where: \.excluded) {
                return node
            }
        }
        return body
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

    // MARK: - Scoring

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

    private func scoreParagraphs(
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

    private func score(
        _ measure: TextMeasure, level0: HTMLNode, scope: HTMLNode, flags: Flags, candidates: inout [HTMLNode]
    ) {
        guard measure.chars >= 25 else { return }
        let contentScore = 1 + Double(measure.commas) + Double(min(measure.chars / 100, 3))
        var ancestor: HTMLNode? = level0
        var level = 0
        while let node = ancestor, level < 5, node.parent != nil {
            if node.score == nil {
                node.score = Self.initialScore(node, flags: flags)
                candidates.append(node)
            }
            let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
            node.score! += contentScore / divider
            if node === scope { break }
            ancestor = node.parent
            level += 1
        }
    }

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

    /// Runs of inline content (text and inline elements) directly inside a block.
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
            if child.kind == .element && (child.excluded || blockTags.contains(child.name) || hasBlockDescendant(child))
            {
                if !child.excluded || child.name != "br" { close() }
                continue
            }
            if child.isElement("br") { continue }
            current.append(child)
            measure += child.measure
        }
        close()
        return runs
    }

    // MARK: - Choosing the container

    /// The container to take: `top`, or an ancestor that near-best candidates share or that
    /// scores higher, or the outermost of a chain of only children.
    private func promote(_ best: HTMLNode, ranked: [HTMLNode], body: HTMLNode) -> HTMLNode {
        var top = best
        let topScore = top.score ?? 0
        // Several near-best candidates under one ancestor: the ancestor is the article.
        let alternatives = ranked.dropFirst().filter { ($0.score ?? 0) / max(topScore, 1e-9) >= 0.75 }
        if alternatives.count >= 3 {
            let lists = alternatives.map { Set($0.ancestors.map(ObjectIdentifier.init)) }
            var parent = top.parent
            while let node = parent, node !== body {
                let shared = lists.filter { $0.contains(ObjectIdentifier(node)) }.count
                if shared >= 3 {
                    top = node
                    break
                }
                parent = node.parent
            }
        }
        if top.score == nil { top.score = Self.initialScore(top, flags: []) }
        // Climb while the parent scores higher than what is held.
        var lastScore = top.score ?? 0
        let threshold = lastScore / 3
        var parent = top.parent
        while let node = parent, node !== body {
            guard let parentScore = node.score else {
                parent = node.parent
                continue
            }
            if parentScore < threshold { break }
            if parentScore > lastScore {
                top = node
                break
            }
            lastScore = parentScore
            parent = node.parent
        }
        // An only child stands for its parent.
        while let node = top.parent, node !== body, node.parent != nil,
            node.children.filter({ !$0.excluded && ($0.kind == .element || $0.measure.chars > 0) }).count == 1
        {
            top = node
        }
        return top
    }

    /// `top` and the siblings that belong with it, in document order.
    private func siblings(of top: HTMLNode, body: HTMLNode) -> [Selection] {
        guard let parent = top.parent else { return [.node(top)] }
        let topScore = top.score ?? 0
        let threshold = max(10, topScore * 0.2)
        let topClass = top.attribute("class") ?? ""
        var out: [Selection] = []
        var run: [HTMLNode] = []
        func closeRun() {
            if !run.isEmpty {
                let measure = run.reduce(into: TextMeasure()) { $0 += $1.measure }
                if Self.readsAsProse(measure, text: run.map(\.textContent).joined()) { out.append(.run(run)) }
                run = []
            }
        }
        for sibling in parent.children {
            if sibling === top {
                closeRun()
                out.append(.node(top))
                continue
            }
            if sibling.kind == .text || (sibling.kind == .element && !Self.blockTags.contains(sibling.name)
                && !Self.hasBlockDescendant(sibling) && !sibling.excluded)
            {
                if Self.divLike.contains(sibling.name) {
                    closeRun()  // a div of inline content is a paragraph of its own
                } else {
                    run.append(sibling)
                    continue
                }
            }
            closeRun()
            guard sibling.kind == .element, !sibling.excluded else { continue }
            var bonus = 0.0
            if !topClass.isEmpty, sibling.attribute("class") == topClass { bonus += topScore * 0.2 }
            if let score = sibling.score, score + bonus >= threshold {
                out.append(.node(sibling))
            } else if sibling.score == nil, Self.holdsProse(sibling, sameClass: bonus > 0) {
                out.append(.node(sibling))
            } else if sibling.name == "p" || (Self.divLike.contains(sibling.name) && !Self.hasBlockDescendant(sibling)) {
                if Self.readsAsProse(sibling.measure, text: sibling.textContent) { out.append(.node(sibling)) }
            }
        }
        closeRun()
        return out
    }

    /// Whether a sibling too far above its paragraphs to have been scored holds article
    /// prose: mostly paragraphs, few links, and either the top candidate's class or 500
    /// characters of paragraphs.
    static func holdsProse(_ node: HTMLNode, sameClass: Bool) -> Bool {
        let chars = prose(node)
        guard node.measure.linkDensity < 0.2, chars * 2 >= node.measure.chars else { return false }
        return chars >= (sameClass ? 80 : 500)
    }

    /// Readability's test for a sibling paragraph: long with few links, or short, link-free
    /// and ending a sentence.
    static func readsAsProse(_ measure: TextMeasure, text: String) -> Bool {
        if measure.chars > 80 { return measure.linkDensity < 0.25 }
        guard measure.chars > 0, measure.linkChars == 0 else { return false }
        let trimmed = text.unicodeScalars.reversed().drop { $0.properties.isWhitespace }
        return text.contains(". ") || trimmed.first == "."
    }
}

/// Part of the article: an element, or a run of inline nodes inside a block.
enum Selection {
    case node(HTMLNode)
    case run([HTMLNode])
}
