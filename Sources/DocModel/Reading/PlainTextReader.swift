/// Reads text files (`.txt`, and `.md` with its Markdown markup hidden, see
/// ``MarkdownMarkup``) into documents.
///
/// A header at the top of the file becomes metadata and is left out of the clean text:
/// - the seed corpus's date field: ` date 2021-01-14 ` before the first paragraph;
/// - YAML front matter between `---` lines;
/// - a block of `Key: value` lines followed by an empty line (two lines or more, or one
///   well-known key such as `Title:` or `Date:`);
/// - with ``ReaderOptions/titleFirstLine``, the first line as `meta.title` (corpora whose
///   first line is the headline).
public struct PlainTextReader: DocumentReader {
    /// How to read.
    public var options: ReaderOptions

    /// A reader with the given options.
    public init(options: ReaderOptions = ReaderOptions()) {
        self.options = options
    }

    /// Makes a document from the bytes of a file.
    public func document(path: String, bytes: [UInt8]) throws(DocumentError) -> Document {
        let (raw, warnings) = try TextDecoding.decode(bytes, path: path)
        var meta = Metadata()
        // Valid input is used as it is; repaired input is re-encoded (with its U+FFFDs).
        var rawBytes = warnings.isEmpty ? bytes : Array(raw.utf8)
        if rawBytes.starts(with: [0xEF, 0xBB, 0xBF]) { rawBytes.removeFirst(3) }
        var bodyStart = HeaderParser.parse(rawBytes, into: &meta, path: path)
        if options.titleFirstLine {
            bodyStart = HeaderParser.takeTitleLine(rawBytes, from: bodyStart, into: &meta)
        }
        if !warnings.isEmpty { meta["warnings"] = .list(warnings.map { .string($0) }) }
        let cleaned = rawBytes.withUnsafeBufferPointer { all in
            let rawStart = Utf8.codePoints(in: all, from: 0, to: bodyStart)
                + (raw.utf8.count == rawBytes.count ? 0 : 1)  // the byte-order mark
            if options.markdown || path.hasSuffix(".md") || path.hasSuffix(".md.gz") || path.hasSuffix(".markdown") {
                return MarkdownMarkup.hide(rawBytes[bodyStart...]).withUnsafeBufferPointer {
                    options.cleaner.clean($0, rawStart: rawStart)
                }
            }
            return options.cleaner.clean(UnsafeBufferPointer(rebasing: all[bodyStart...]), rawStart: rawStart)
        }
        return Document(
            id: PlainTextReader.identifier(for: path), path: path, raw: raw, cleanText: cleaned.text,
            offsets: cleaned.offsets, meta: meta, segmentation: options.segmentation)
    }

    /// The file name without directories and extension: `corpus/a/0001.txt` → `0001`.
    public static func identifier(for path: String) -> String {
        if let identifier = path.utf8.withContiguousStorageIfAvailable(asciiIdentifier) ?? nil { return identifier }
        var name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// ``identifier(for:)`` of an ASCII path, byte by byte (going Character by Character costs
    /// hundreds of instructions each); `nil` for other paths.
    private static func asciiIdentifier(_ path: UnsafeBufferPointer<UInt8>) -> String? {
        guard path.allSatisfy({ $0 < 0x80 }) else { return nil }
        var end = path.count
        while end > 0, path[end - 1] == 0x2F { end -= 1 }  // "/"
        var start = end
        while start > 0, path[start - 1] != 0x2F { start -= 1 }
        if start == end { return String(decoding: path, as: UTF8.self) }  // no name: all of it
        if end - start >= 3, path[end - 3] == 0x2E, path[end - 2] == 0x67, path[end - 1] == 0x7A { end -= 3 }  // ".gz"
        if let dot = path[start..<end].lastIndex(of: 0x2E), dot != start { end = dot }
        return String(decoding: path[start..<end], as: UTF8.self)
    }
}

/// Turning file bytes into text.
enum TextDecoding {
    /// The bytes as UTF-8 text, with invalid sequences replaced by U+FFFD and a warning; a
    /// zero byte means the file is not text.
    static func decode(_ bytes: [UInt8], path: String) throws(DocumentError) -> (String, [String]) {
        if let zero = FileBytes.firstZero(in: bytes) {
            throw DocumentError(
                path: path,
                reason: "is not a text file (byte \(zero + 1) is a zero byte); give Loupe text files")
        }
        if let valid = String(validating: bytes, as: UTF8.self) { return (valid, []) }
        let offset = FileBytes.firstInvalidUTF8(in: bytes) ?? 0
        return (String(decoding: bytes, as: UTF8.self), [
            "invalid UTF-8 at byte \(offset + 1) replaced with U+FFFD; re-encode the file as UTF-8 to keep those characters",
        ])
    }
}
