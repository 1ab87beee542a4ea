/// The kinds of file Loupe reads.
///
/// A file's format comes from its extension, after any `.gz` (`news.jsonl.gz` is JSON Lines,
/// compressed); `--format` overrides it for files whose names say nothing useful.
///
/// ```swift
/// DocumentFormat(path: "corpus/2021.jsonl.gz")  // .jsonl
/// try DocumentFormat(parsing: "tsv")            // .tsv
/// ```
public enum DocumentFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Plain text, with an optional metadata header.
    case txt
    /// Markdown, read as plain text.
    case md
    /// An HTML page, whose article body is extracted.
    case html
    /// A JSON array of objects, or one object.
    case json
    /// JSON Lines: one JSON object per line.
    case jsonl
    /// Comma-separated values with a header row (RFC 4180).
    case csv
    /// Tab-separated values with a header row.
    case tsv

    /// The format's name, as `--format` takes it.
    public var description: String { rawValue }

    /// The extensions (lower case, without the dot) that mean each format.
    public static let extensions: [String: DocumentFormat] = [
        "txt": .txt, "text": .txt, "md": .md, "markdown": .md, "html": .html, "htm": .html,
        "json": .json, "jsonl": .jsonl, "ndjson": .jsonl, "csv": .csv, "tsv": .tsv,
    ]

    /// The format a file's name implies, or `nil` when its extension is unknown.
    ///
    /// The extension is compared without regard to case, after removing a final `.gz`.
    public init?(path: String) {
        guard let ext = DocumentFormat.pathExtension(path, ignoringGzip: true),
            let format = DocumentFormat.extensions[ext]
        else { return nil }
        self = format
    }

    /// The format called `name` (`txt`, `md`, `html`, `json`, `jsonl`, `csv`, `tsv`, or an
    /// extension that means one of them, such as `ndjson`), in any case.
    ///
    /// - Throws: ``UnknownFormatError`` naming the valid formats.
    public init(parsing name: String) throws(UnknownFormatError) {
        var key = name.lowercased()
        if key.hasPrefix(".") { key.removeFirst() }
        guard let format = DocumentFormat.extensions[key] else { throw UnknownFormatError(name: name) }
        self = format
    }

    /// Whether the path ends in `.gz` (in any case).
    public static func isGzip(_ path: String) -> Bool {
        pathExtension(path, ignoringGzip: false) == "gz"
    }

    /// The lower-case extension of the path's last component, without the dot; `nil` when it
    /// has none. With `ignoringGzip`, a final `.gz` is removed first.
    static func pathExtension(_ path: String, ignoringGzip: Bool) -> String? {
        // Bytes, not Characters: a corpus listing asks this of every file it finds.
        var bytes = Array(path.utf8)
        if let slash = bytes.lastIndex(of: UInt8(ascii: "/")) { bytes.removeSubrange(...slash) }
        for i in bytes.indices where bytes[i] >= UInt8(ascii: "A") && bytes[i] <= UInt8(ascii: "Z") {
            bytes[i] |= 0x20
        }
        if ignoringGzip, bytes.count > 3, bytes.suffix(3).elementsEqual(".gz".utf8) { bytes.removeLast(3) }
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot != 0 else { return nil }
        return String(decoding: bytes[(dot + 1)...], as: UTF8.self)
    }
}

/// A `--format` value that names no format Loupe reads.
public struct UnknownFormatError: Error, Equatable, CustomStringConvertible {
    /// The name given.
    public var name: String

    /// Makes the error for `name`.
    public init(name: String) { self.name = name }

    /// "unknown format 'x'; use one of: txt, md, …".
    public var description: String {
        let names = DocumentFormat.allCases.map(\.rawValue).joined(separator: ", ")
        return "unknown format '\(name)'; use one of: \(names)"
    }
}
