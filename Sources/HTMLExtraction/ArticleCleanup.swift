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

    /// Marks what should go inside `item` as excluded.
    mutating func clean(_ item: Selection) {
        switch item {
        case .node(let node): cleanTree(node, isRoot: true)
        case .run(let nodes): for node in nodes { cleanTree(node, isRoot: false) }
        }
    }

    private mutating func cleanTree(_ node: HTMLNode, isRoot: Bool) {
        guard node.kind == .element, !node.excluded else { return }
        for child in node.children { cleanTree(child, isRoot: false) }
        if isRoot { return }
        switch node.name {
        case "h1":
            node.excluded = true
        case "h2", "h3", "h4", "h5", "h6":
            if flags.contains(.weightClasses) && Boilerplate.classWeight(node) < 0 { node.excluded = true }
            let measure = TextMeasure.of(node)
            if measure.chars > 0, measure.linkDensity > 0.33 { node.excluded = true }
            if let title, !title.isEmpty {
                let text = Self.normalized(node.textContent)
                if text == title || (text.count >= 15 && title.contains(text)) { node.excluded = true }
            }
        case "p", "li":
            // A paragraph that is only a link, or a "Related: …" pointer, leads elsewhere.
            let measure = TextMeasure.of(node)
            if measure.chars > 0, measure.linkDensity > 0.9 { node.excluded = true }
            if measure.linkDensity > 0.5, Self.isPointer(node.textContent) { node.excluded = true }
        default:
            if isShareBar(node) {
                node.excluded = true
            } else if flags.contains(.cleanConditionally), Self.conditionalTags.contains(node.name), shouldRemove(node) {
                node.excluded = true
            }
        }
    }

    private func isShareBar(_ node: HTMLNode) -> Bool {
        let words = Boilerplate.words(Boilerplate.signature(node))
        guard words.contains(where: { $0 == "share" || $0 == "sharedaddy" || $0 == "sharing" }) else { return false }
        return TextMeasure.of(node).chars < 500
    }

    /// Readability's `_cleanConditionally` test.
    private func shouldRemove(_ node: HTMLNode) -> Bool {
        if node.name == "table", isDataTable(node) { return false }
        if quotesAPost(node) { return false }
        let weight = flags.contains(.weightClasses) ? Boilerplate.classWeight(node) : 0
        let measure = TextMeasure.of(node)
        if weight + (node.score ?? 0) < 0 { return true }
        guard measure.commas < 10 else { return false }
        var p = 0, img = 0, li = -100, input = 0, embeds = 0, listChars = 0
        var headingChars = 0
        func count(_ n: HTMLNode) {
            for child in n.children where child.kind == .element && !child.excluded {
                switch child.name {
                case "p": p += 1
                case "img": img += 1
                case "li":
                    li += 1
                    listChars += TextMeasure.of(child).chars
                case "input": input += 1
                case "object", "embed", "iframe", "video": embeds += 1
                case "h1", "h2", "h3", "h4", "h5", "h6": headingChars += TextMeasure.of(child).chars
                default: break
                }
                count(child)
            }
        }
        count(node)
        let text = node.textContent.unicodeScalars.filter { !$0.properties.isWhitespace }
        let compact = String(String.UnicodeScalarView(text)).lowercased()
        if ["ad", "advertising", "advertisement", "loading", "loading…", "loading..."].contains(compact) { return true }
        let isList = node.name == "ul" || node.name == "ol" || node.name == "dl"
            || (measure.chars > 0 && Double(listChars) / Double(measure.chars) > 0.9)
        let headingDensity = measure.chars == 0 ? 0 : Double(headingChars) / Double(measure.chars)
        let isFigureChild = node.ancestors.contains { $0.name == "figure" }
        let linkDensity = measure.linkDensity
        if !isFigureChild && img > 1 && Double(p) / Double(img) < 0.5 { return true }
        if !isList && li > p { return true }
        if input > p / 3 { return true }
        if !isList && headingDensity < 0.9 && measure.chars < 25 && (img == 0 || img > 2) && linkDensity > 0 {
            return true
        }
        if !isList && weight < 25 && linkDensity > 0.2 { return true }
        if weight >= 25 && linkDensity > 0.5 { return true }
        if (embeds == 1 && measure.chars < 75) || embeds > 1 { return true }
        return false
    }

    /// Whether the element holds an embedded social-media post (`blockquote.twitter-tweet`,
    /// `blockquote.instagram-media`…): quoted material, whose links are its nature.
    private func quotesAPost(_ node: HTMLNode) -> Bool {
        node.firstElement {
            guard $0.name == "blockquote", let c = $0.attribute("class")?.lowercased() else { return false }
            return c.contains("tweet") || c.contains("instagram") || c.contains("tiktok") || c.contains("post")
        } != nil
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
