/// A document as scripts see it: where it came from and its text.
///
/// This first model carries what a plain-text file gives: an identifier, the path, the text
/// as read (`raw`) and the clean text (`text`). Readers for other formats, metadata, cleaning
/// and layers build on it.
public struct Document: Sendable, Equatable {
    /// A short identifier, unique within a corpus (the file name without its extension).
    public var id: String
    /// The path the document was read from.
    public var path: String
    /// The text as read, decoded as UTF-8.
    public var raw: String
    /// The clean text that scripts analyse.
    public var text: String
    /// Problems met while reading that did not stop it (e.g. invalid UTF-8 replaced).
    public var warnings: [String]

    /// Makes a document from its parts; `raw` defaults to `text`.
    public init(id: String, path: String, text: String, raw: String? = nil, warnings: [String] = []) {
        self.id = id
        self.path = path
        self.text = text
        self.raw = raw ?? text
        self.warnings = warnings
    }
}

/// Why a document could not be read. Its description names the file and what to do.
public struct DocumentError: Error, Equatable, CustomStringConvertible {
    /// The file concerned.
    public var path: String
    /// What was wrong, as a sentence fragment ("is not a text file (it contains zero bytes)").
    public var reason: String

    /// Makes an error for `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
