import DocModel

/// Metadata of a page from its `<head>` and markup: title, author, date, url, description,
/// site name and language, from meta tags (Open Graph, Dublin Core, `name=author`…),
/// JSON-LD, `<title>`, `<h1>`, `<time datetime>` and `<html lang>`.
///
/// Each key takes the first source that has a value, in this order:
/// - `title`: `og:title`, `twitter:title`, JSON-LD `headline`, `<title>`, the first `<h1>`;
/// - `author`: `<meta name=author>`, `article:author` (unless a URL), JSON-LD `author.name`
///   (several joined by ", "), other common author tags; a leading "By " is dropped;
/// - `date`: `article:published_time`, `<meta name=date|pubdate|publishdate…>`,
///   `itemprop=datePublished`, JSON-LD `datePublished`, the first `<time datetime>`;
/// - `url`: `<link rel=canonical>`, `og:url`, JSON-LD `url`;
/// - `description`: `<meta name=description>`, `og:description`, JSON-LD `description`;
/// - `site_name`: `og:site_name`, JSON-LD publisher name, `application-name`;
/// - `language`: `<html lang>`, `content-language`, JSON-LD `inLanguage`, `og:locale`.
struct HTMLMetadata {
    /// The metadata found, in the order above.
    private(set) var meta = Metadata()
    /// The title, for dropping its repetition from the text.
    var title: String? { meta["title"]?.string }

    /// Reads the metadata of the page under `root`.
    init(root: HTMLNode) {
        var tags: [String: String] = [:]  // first value of each meta name/property/itemprop
        var canonical: String?
        var titleElement: String?
        var firstH1: String?
        var firstTime: String?
        var jsonBlocks: [String] = []
        root.forEachDescendant { node in
            guard node.kind == .element else { return }
            switch node.name {
            case "meta":
                guard let content = node.attribute("content").map(Self.collapsed), !content.isEmpty else { return }
                for key in ["name", "property", "itemprop", "http-equiv"] {
                    if let name = node.attribute(key) {
                        let lower = HTMLTree.lowercased(name)
                        if tags[lower] == nil { tags[lower] = content }
                    }
                }
            case "link":
                if canonical == nil, let rel = node.attribute("rel"), HTMLTree.lowercased(rel) == "canonical" {
                    canonical = node.attribute("href")
                }
            case "title":
                if titleElement == nil { titleElement = Self.collapsed(node.textContent) }
            case "h1":
                if firstH1 == nil { firstH1 = Self.collapsed(node.textContent) }
            case "time":
                if firstTime == nil { firstTime = node.attribute("datetime") }
            case "script":
                if let type = node.attribute("type"), HTMLTree.lowercased(type) == "application/ld+json" {
                    jsonBlocks.append(node.textContent)
                }
            default:
                if firstTime == nil, node.attribute("itemprop") == "datePublished" {
                    firstTime = node.attribute("datetime") ?? node.attribute("content")
                }
            }
        }
        let ld = JSONLD(blocks: jsonBlocks)
        func first(_ values: String?...) -> String? {
            values.lazy.compactMap { $0 }.map(Self.collapsed).first { !$0.isEmpty }
        }
        func notURL(_ s: String?) -> String? {
            guard let s, !s.hasPrefix("http://"), !s.hasPrefix("https://") else { return nil }
            return s
        }
        let authors = ld.authors.isEmpty ? nil : ld.authors.joined(separator: ", ")
        set("title", first(tags["og:title"], tags["twitter:title"], ld.headline, titleElement, firstH1))
        set("author", first(tags["author"], notURL(tags["article:author"]), authors, tags["byl"],
            tags["parsely-author"], tags["sailthru.author"], tags["dc.creator"]))
        meta["author"] = meta["author"]?.string.map { .string(Self.dropBy($0)) }
        set("date", first(tags["article:published_time"], tags["date"], tags["pubdate"], tags["publishdate"],
            tags["publish-date"], tags["dc.date.issued"], tags["dc.date"], tags["datepublished"],
            tags["parsely-pub-date"], tags["sailthru.date"], ld.datePublished, firstTime))
        set("url", first(canonical, tags["og:url"], ld.url))
        set("description", first(tags["description"], tags["og:description"], ld.description))
        set("site_name", first(tags["og:site_name"], ld.publisher, tags["application-name"]))
        set("language", first(root.attribute("lang"), root.attribute("xml:lang"), tags["content-language"],
            ld.language, tags["og:locale"]))
    }

    private mutating func set(_ key: String, _ value: String?) {
        if let value { meta[key] = .string(value) }
    }

    /// "By Jane Doe" → "Jane Doe".
    static func dropBy(_ s: String) -> String {
        s.lowercased().hasPrefix("by ") ? String(s.dropFirst(3)) : s
    }

    /// White space collapsed to single spaces and trimmed.
    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
