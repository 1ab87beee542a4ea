/// What marks an element as page furniture rather than article text: its tag, its role, its
/// `class` and `id` (after Readability's lists, plus news-site words such as newsletter,
/// subscribe, cookie and caption).
enum Boilerplate {
    /// Elements never part of an article's text.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "iframe", "svg", "math",
        "object", "embed", "canvas", "video", "audio", "button", "select", "input", "textarea", "label", "dialog",
        "menu", "figure", "figcaption", "link", "meta", "title", "head", "map", "track",
    ]

    /// ARIA roles of page furniture.
    static let droppedRoles: Set<String> = [
        "navigation", "menu", "menubar", "complementary", "alert", "alertdialog", "dialog", "banner",
        "contentinfo", "search",
    ]

    /// Substrings of `class`/`id` that make an element an unlikely part of the article.
    static let unlikely: [[UInt8]] = [
        "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
        "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
        "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "yom-remote", "share", "sharing", "newsletter", "subscribe", "subscription", "cookie", "caption", "promo",
        "advert", "navbar", "navigation", "byline", "signup", "sign-up", "outbrain", "taboola", "recirc", "toolbar",
        "modal", "paywall", "author-bio", "tags",
    ].map { Array($0.utf8) }

    /// Substrings that save an element matching ``unlikely`` (it may hold the article).
    static let maybe: [[UInt8]] = ["and", "article", "body", "column", "content", "main", "shadow", "embed"].map {
        Array($0.utf8)
    }

    /// Words (between punctuation) of `class`/`id` that mark furniture on their own.
    static let unlikelyWords: Set<String> = ["ad", "ads", "nav", "widget"]

    /// Substrings of `class`/`id` that raise a container's score.
    static let positive: [[UInt8]] = [
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story",
    ].map { Array($0.utf8) }

    /// Substrings of `class`/`id` that lower a container's score.
    static let negative: [[UInt8]] = [
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media",
        "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "widget", "newsletter", "subscribe", "caption", "byline", "author",
    ].map { Array($0.utf8) }

    /// The lower-cased `class` and `id` of `node`, joined by a space.
    static func signature(_ node: HTMLNode) -> [UInt8] {
        var out: [UInt8] = []
        if let c = node.attribute("class") { out += c.utf8 }
        if let i = node.attribute("id") {
            out.append(0x20)
            out += i.utf8
        }
        return out.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Whether the element's tag, role or visibility mark it as furniture, whatever its class.
    static func isDropped(_ node: HTMLNode) -> Bool {
        if droppedTags.contains(node.name) { return true }
        if let role = node.attribute("role"), droppedRoles.contains(HTMLTree.lowercased(role)) { return true }
        if node.attribute("hidden") != nil { return true }
        if node.attribute("aria-hidden") == "true", node.name != "body" { return true }
        if let style = node.attribute("style") {
            let s = HTMLTree.lowercased(style).filter { $0 != " " }
            if s.contains("display:none") || s.contains("visibility:hidden") { return true }
        }
        return false
    }

    /// Whether the element's `class`/`id` make it unlikely to be (part of) the article.
    static func isUnlikely(_ node: HTMLNode) -> Bool {
        switch node.name {
        case "body", "html", "a", "article", "main", "p", "table", "tbody", "tr", "td", "th": return false
        default: break
        }
        let sig = signature(node)
        guard !sig.isEmpty else { return false }
        if contains(sig, any: maybe) { return false }
        return contains(sig, any: unlikely) || words(sig).contains(where: unlikelyWords.contains)
    }

    /// Readability's class weight: +25 for a positive class, −25 for a negative one, for the
    /// `class` and the `id` separately.
    static func classWeight(_ node: HTMLNode) -> Double {
        var weight = 0.0
        for value in [node.attribute("class"), node.attribute("id")] {
            guard let value, !value.isEmpty else { continue }
            let bytes = value.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if contains(bytes, any: negative) || words(bytes).contains(where: unlikelyWords.contains) { weight -= 25 }
            if contains(bytes, any: positive) { weight += 25 }
        }
        return weight
    }

    /// The words of a signature: runs of letters and digits.
    static func words(_ bytes: [UInt8]) -> [String] {
        bytes.split { !(($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)) }.map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    static func contains(_ haystack: [UInt8], any needles: [[UInt8]]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
