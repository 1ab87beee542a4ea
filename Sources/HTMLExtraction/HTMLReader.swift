import DocModel

/// Reads HTML pages (`.html`, `.htm`) into documents: the main article's text, and the
/// page's metadata.
///
/// The page is decoded (byte-order mark, then the charset its `<meta>` declares, else
/// UTF-8) and parsed by libxml2's HTML parser, which recovers from broken markup. The
/// article is found as Readability finds it (see ``ArticleExtractor``): furniture such as
/// navigation, headers, footers, asides, forms, scripts, share bars, comments, captions and
/// advertising is dropped, the container with the densest prose is taken with its related
/// siblings, and its paragraphs, list items, quotations, sub-headings and preformatted blocks
/// become the paragraphs of the clean text (separated by "\n\n"; no headline). Metadata
/// (`title`, `author`, `date`, `url`, `description`, `site_name`, `language`) comes from meta
/// tags, JSON-LD and the markup (see ``HTMLMetadata``).
///
/// The document's ``Document/offsets`` is `nil`: its text is extracted, not cleaned from
/// ``Document/raw`` (the page's source). A page without article text is still a document,
/// with empty text and a warning in `meta["warnings"]`.
///
/// ```swift
/// let doc = try HTMLReader().read(path: "pages/budget.html")
/// print(doc.meta["title"]?.string ?? "", doc.paragraphs.spans.count)
/// ```
public struct HTMLReader: DocumentReader {
    /// How to read: the size limit, the cleaner run over the extracted text, segmentation.
    public var options: ReaderOptions

    /// A reader with the given options.
    public init(options: ReaderOptions = ReaderOptions()) {
        self.options = options
    }

    /// Makes a document from the bytes of a page read from `path`.
    /// - Throws: ``DocumentError`` when the page is empty or binary.
    public func document(path: String, bytes: [UInt8]) throws(DocumentError) -> Document {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) {
            throw DocumentError(path: path, reason: "is empty; give Loupe an HTML page with some content")
        }
        let isUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !isUTF16, let zero = bytes.firstIndex(of: 0) {
            throw DocumentError(
                path: path,
                reason: "is not an HTML page (byte \(zero + 1) is a zero byte); give Loupe HTML text files")
        }
        let (raw, decodingWarnings) = PageDecoding.decode(bytes, path: path)
        guard let root = HTMLTree.parse(utf8: Array(raw.utf8)) else {
            throw DocumentError(path: path, reason: "holds no HTML elements; check that it is an HTML page")
        }
        let extraction = Self.extract(root)
        var meta = extraction.meta
        var warnings = decodingWarnings
        let text = extraction.paragraphs.joined(separator: "\n\n")
        let cleaned = Array(text.utf8).withUnsafeBufferPointer { options.cleaner.clean($0).text }
        if cleaned.isEmpty {
            warnings.append(
                "no article text found; the page may be empty, an index of links, or built by JavaScript")
        }
        if !warnings.isEmpty { meta["warnings"] = .list(warnings.map { .string($0) }) }
        return Document(
            id: PlainTextReader.identifier(for: path), path: path, raw: raw, cleanText: cleaned, offsets: nil,
            meta: meta, segmentation: options.segmentation)
    }

    /// The article's paragraphs and the page's metadata, from a parsed page.
    static func extract(_ root: HTMLNode) -> (paragraphs: [String], meta: Metadata) {
        let metadata = HTMLMetadata(root: root)
        let extractor = ArticleExtractor(title: metadata.title)
        return (extractor.paragraphs(in: root), metadata.meta)
    }
}
