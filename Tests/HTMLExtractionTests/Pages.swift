import DocModel
import HTMLExtraction

/// Invented article text for the fixtures (Loupe's own words).
enum Prose {
    static let ferry = [
        "The harbour ferry will run every twenty minutes from next spring, the transport board said on Tuesday, after a year in which queues at the north pier grew longer each month.",
        "Board members said the new timetable would need two extra crews, and that the cost, about four hundred thousand a year, would be met by the regional fund rather than by fares.",
        "Residents of the island villages, who have asked for more crossings since the bridge closed for repairs, welcomed the plan but warned that parking near the pier was already scarce.",
        "A consultation on the winter service, when storms often cancel the last crossings of the day, will open in January and run for six weeks.",
    ]

    /// The four paragraphs as the clean text should hold them.
    static var ferryText: String { ferry.joined(separator: "\n\n") }
}

/// Builds a page: `head` inside `<head>`, `body` inside `<body>`.
func page(head: String = "<title>Ferry plan</title>", body: String, lang: String = "en") -> [UInt8] {
    Array("<!DOCTYPE html><html lang=\"\(lang)\"><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>".utf8)
}

/// The ferry article in `<p>` elements inside an `<article>`.
func ferryArticle(before: String = "", after: String = "") -> String {
    "<article><h1>Ferry every twenty minutes</h1>\(before)"
        + Prose.ferry.map { "<p>\($0)</p>" }.joined(separator: "\n") + "\(after)</article>"
}

/// Reads `bytes` as the page `path`.
func read(_ bytes: [UInt8], path: String = "pages/ferry.html") throws -> Document {
    try HTMLReader().document(path: path, bytes: bytes)
}

/// The warnings a document carries.
func warnings(_ doc: Document) -> [String] {
    guard case .list(let items)? = doc.meta["warnings"] else { return [] }
    return items.compactMap(\.string)
}
