import Foundation

/// What a page's JSON-LD (`<script type="application/ld+json">`) says about its article.
///
/// The article is the first object whose `@type` is an article type (`NewsArticle`,
/// `Article`, `BlogPosting`…), looked for at the top level, in arrays and in `@graph`;
/// the publisher and the page (`WebPage`, `WebSite`) fill what the article leaves out.
struct JSONLD: Equatable {
    var headline: String?
    var authors: [String] = []
    var datePublished: String?
    var dateModified: String?
    var url: String?
    var description: String?
    var publisher: String?
    var language: String?

    /// `@type`s taken for an article.
    static let articleTypes: Set<String> = [
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle", "ScholarlyArticle", "Report", "LiveBlogPosting",
        "SocialMediaPosting", "Blog",
    ]

    /// Reads the JSON-LD blocks (their text); blocks that are not valid JSON are skipped.
    init(blocks: [String]) {
        var objects: [[String: Any]] = []
        for block in blocks {
            guard let data = block.data(using: .utf8),
                let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            Self.collect(json, into: &objects)
        }
        let article = objects.first { Self.types(of: $0).contains(where: Self.articleTypes.contains) }
        let page = objects.first { Self.types(of: $0).contains { $0.hasSuffix("WebPage") } }
        let site = objects.first { Self.types(of: $0).contains("WebSite") }
        let organization = objects.first { Self.types(of: $0).contains("Organization") || Self.types(of: $0).contains("NewsMediaOrganization") }
        guard let main = article ?? page else { return }
        headline = Self.string(main["headline"]) ?? Self.string(main["name"])
        authors = Self.names(main["author"])
        datePublished = Self.string(main["datePublished"]) ?? Self.string(main["dateCreated"])
        dateModified = Self.string(main["dateModified"])
        url = Self.string(main["url"]) ?? Self.id(main["mainEntityOfPage"])
        description = Self.string(main["description"])
        publisher = Self.names(main["publisher"]).first ?? site.flatMap { Self.string($0["name"]) }
            ?? organization.flatMap { Self.string($0["name"]) }
        language = Self.string(main["inLanguage"]) ?? page.flatMap { Self.string($0["inLanguage"]) }
    }

    /// Every object in `json`, depth first, including the members of `@graph`.
    private static func collect(_ json: Any, into objects: inout [[String: Any]]) {
        if let array = json as? [Any] {
            for item in array { collect(item, into: &objects) }
        } else if let object = json as? [String: Any] {
            objects.append(object)
            if let graph = object["@graph"] { collect(graph, into: &objects) }
        }
    }

    private static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type] }
        return (object["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func string(_ value: Any?) -> String? {
        if let s = value as? String {
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        if let array = value as? [Any], let first = array.first { return string(first) }
        return nil
    }

    /// The `@id` or `url` of a reference, or the string itself.
    private static func id(_ value: Any?) -> String? {
        if let object = value as? [String: Any] { return string(object["@id"]) ?? string(object["url"]) }
        return string(value)
    }

    /// Names from a person or organisation, a list of them, or plain strings.
    private static func names(_ value: Any?) -> [String] {
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        if let object = value as? [String: Any] { return string(object["name"]).map { [$0] } ?? [] }
        if let s = string(value) { return [s] }
        return []
    }
}
