/// Readability's last pass over the chosen article: drops headings that repeat the title or
/// look like furniture, share bars, and (with ``ArticleExtractor/Flags/cleanConditionally``)
/// lists, tables and blocks that read as link farms, forms or image strips.
struct ArticleCleanup {
    /// The page title, whose repetition in a heading is dropped.
    var title: String?
    /// The attempt's rules.
    var flags: ArticleExtractor.Flags

    init(title: String?, flags: ArticleExtractor.Flags) {
        self.title = title.map(Self.normalized)
        self.flags = flags
    }

    /// Tags checked by the conditional cleaning.
    static let conditionalTags: Set<String> = ["form", "fieldset", "table", "ul", "ol", "dl", "div", "section"]

    /// What a subtree holds once cleaned, gathered bottom-up so that the whole pass is linear.
    struct Tally {
        var measure = TextMeasure()
        var paragraphs = 0, images = 0, listItems = 0, inputs = 0, embeds = 0
        /// Characters inside `li` elements (nested ones counted at each level).
        var listChars = 0
        /// Characters inside headings.
        var headingChars = 0
        /// Whether an embedded social-media post is inside.
        var quotesAPost = false

        static func += (a: inout Tally, b: Tally) {
            a.measure += b.measure
            a.paragraphs += b.paragraphs
            a.images += b.images
            a.listItems += b.listItems
            a.inputs += b.inputs
            a.embeds += b.embeds
            a.listChars += b.listChars
            a.headingChars += b.headingChars
            a.quotesAPost = a.quotesAPost || b.quotesAPost
        }
    }

    /// Marks what should go inside `item` as excluded.
    mutating func clean(_ item: Selection) {
        switch item {
        case .node(let node): _ = cleanTree(node, isRoot: true)
        case .run(let nodes): for node in nodes { _ = cleanTree(node, isRoot: false) }
        }
    }

    /// Cleans under `node`, decides on `node` itself, and returns what is left of it.
    private mutating func cleanTree(_ node: HTMLNode, isRoot: Bool) -> Tally {
        if node.kind == .text { return Tally(measure: node.measure) }
        guard !node.excluded else { return Tally() }
        var inside = Tally()
        for child in node.children { inside += cleanTree(child, isRoot: false) }
        if node.name == "a" { inside.measure.linkChars = inside.measure.chars }
        if !isRoot, shouldExclude(node, inside) {
            node.excluded = true
            return Tally()
        }
        var tally = inside
        switch node.name {
        case "p": tally.paragraphs += 1
        case "img": tally.images += 1
        case "li":
            tally.listItems += 1
            tally.listChars += inside.measure.chars
        case "input": tally.inputs += 1
        case "object", "embed", "iframe", "video": tally.embeds += 1
        case "h1", "h2", "h3", "h4", "h5", "h6": tally.headingChars += inside.measure.chars
        case "blockquote":
            if let c = node.attribute("class")?.lowercased(),
                c.contains("tweet") || c.contains("instagram") || c.contains("tiktok") || c.contains("post")
            {
                tally.quotesAPost = true
            }
        default: break
        }
        return tally
    }

    private func shouldExclude(_ node: HTMLNode, _ inside: Tally) -> Bool {
        let measure = inside.measure
        switch node.name {
        case "h1":
            return true
        case "h2", "h3", "h4", "h5", "h6":
            if flags.contains(.weightClasses) && Boilerplate.classWeight(node) < 0 { return true }
            if measure.chars > 0, measure.linkDensity > 0.33 { return true }
            if let title, !title.isEmpty {
                let text = Self.normalized(node.textContent)
                if text == title || (text.count >= 15 && title.contains(text)) { return true }
            }
            return false
        case "p", "li":
            // A paragraph that is only a link, or a "Related: …" pointer, leads elsewhere.
            if measure.chars > 0, measure.linkDensity > 0.9 { return true }
            return measure.linkDensity > 0.5 && Self.isPointer(node.textContent)
        default:
            if isShareBar(node, measure) { return true }
            return flags.contains(.cleanConditionally) && Self.conditionalTags.contains(node.name)
                && shouldRemove(node, inside)
        }
    }

    private func isShareBar(_ node: HTMLNode, _ measure: TextMeasure) -> Bool {
        guard measure.chars < 500, node.attribute("class") != nil || node.attribute("id") != nil else { return false }
        let words = Boilerplate.words(Boilerplate.signature(node))
        return words.contains { $0 == "share" || $0 == "sharedaddy" || $0 == "sharing" }
    }

    /// Readability's `_cleanConditionally` test, on what is left under `node`. (Its figure
    /// exception is moot: figures are dropped before scoring.)
    private func shouldRemove(_ node: HTMLNode, _ inside: Tally) -> Bool {
        if node.name == "table", isDataTable(node) { return false }
        if inside.quotesAPost { return false }
        let weight = flags.contains(.weightClasses) ? Boilerplate.classWeight(node) : 0
        let measure = inside.measure
        if weight + (node.score ?? 0) < 0 { return true }
        guard measure.commas < 10 else { return false }
        let p = inside.paragraphs, img = inside.images, li = inside.listItems - 100
        if measure.chars <= 20 {
            let text = node.textContent.unicodeScalars.filter { !TextMeasure.isSpace($0) }
            let compact = String(String.UnicodeScalarView(text)).lowercased()
            if ["ad", "advertising", "advertisement", "loading", "loading…", "loading..."].contains(compact) {
                return true
            }
        }
        let isList = node.name == "ul" || node.name == "ol" || node.name == "dl"
            || (measure.chars > 0 && Double(inside.listChars) / Double(measure.chars) > 0.9)
        let headingDensity = measure.chars == 0 ? 0 : Double(inside.headingChars) / Double(measure.chars)
        let linkDensity = measure.linkDensity
        if img > 1 && Double(p) / Double(img) < 0.5 { return true }
        if !isList && li > p { return true }
        if inside.inputs > p / 3 { return true }
        if !isList && headingDensity < 0.9 && measure.chars < 25 && (img == 0 || img > 2) && linkDensity > 0 {
            return true
        }
        if !isList && weight < 25 && linkDensity > 0.2 { return true }
        if weight >= 25 && linkDensity > 0.5 { return true }
        if (inside.embeds == 1 && measure.chars < 75) || inside.embeds > 1 { return true }
        return false
    }

    /// A table of data (headers, a caption, or a grid of some size) rather than layout.
    private func isDataTable(_ table: HTMLNode) -> Bool {
        if table.attribute("role") == "presentation" { return false }
        if table.attribute("summary") != nil { return true }
        if table.firstElement(where: { $0 !== table && ["caption", "th", "thead", "tfoot", "colgroup"].contains($0.name) })
            != nil
        {
            return true
        }
        if table.firstElement(where: { $0 !== table && $0.name == "table" }) != nil { return false }
        let rows = table.elements { $0.name == "tr" }
        let columns = rows.map { $0.elementChildren.filter { $0.name == "td" }.count }.max() ?? 0
        return rows.count >= 10 || columns > 4 || rows.count * columns > 10
    }

    /// Labels that introduce a link to another story.
    static let pointerLabels = ["related", "read more", "see more", "see also", "more", "watch", "read", "recommended"]

    /// Whether `text` opens with a pointer label followed by a colon.
    static func isPointer(_ text: String) -> Bool {
        let head = text.drop { $0.isWhitespace }.prefix(20).lowercased()
        guard let colon = head.firstIndex(of: ":") else { return false }
        return pointerLabels.contains(String(head[..<colon]))
    }

    /// Lower-case letters and digits only, for comparing a heading with the title.
    static func normalized(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic
            || $0.properties.numericType != nil }))
    }
}
