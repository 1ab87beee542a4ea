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
    /// The ancestors of the page's main `<article>` or `[itemprop=articleBody]`, which no
    /// unlikely class strips.
    private var holdsArticle: Set<ObjectIdentifier> = []

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

    /// The first attempt long enough, else the longest.
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

    /// One attempt under `flags`: prune, score, choose, clean, render.
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
}

/// Part of the article: an element, or a run of inline nodes inside a block.
enum Selection {
    case node(HTMLNode)
    case run([HTMLNode])
}
