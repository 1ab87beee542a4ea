/// Choosing the article: where to look, which container, and which of its siblings.
extension ArticleExtractor {
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

    /// The container to take: `top`, or an ancestor that near-best candidates share or that
    /// scores higher, or the outermost of a chain of only children.
    func promote(_ best: HTMLNode, ranked: [HTMLNode], body: HTMLNode) -> HTMLNode {
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
    func siblings(of top: HTMLNode, body: HTMLNode) -> [Selection] {
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
        let trimmed = text.unicodeScalars.reversed().drop(while: TextMeasure.isSpace)
        return text.contains(". ") || trimmed.first == "."
    }
}
