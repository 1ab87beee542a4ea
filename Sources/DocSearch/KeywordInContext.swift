import DocModel

/// A keyword-in-context line: a match with some text either side, for concordances.
///
/// Contexts are cut by code points (not bytes, not user-perceived characters), so they never
/// split a UTF-8 sequence; line breaks and tabs in the context or the match become spaces, so
/// each line prints on one line.
///
/// ```swift
/// let lines = KeywordInContext.lines(document: doc, matches: found.map(\.span), width: 30)
/// for line in lines { print(line.formatted(width: 30)) }
/// //           the committee heard that  the minister  had known since March
/// ```
public struct KeywordInContext: Hashable, Sendable {
    /// Up to `width` code points before the match.
    public var left: String
    /// The match's text.
    public var keyword: String
    /// Up to `width` code points after the match.
    public var right: String
    /// The match, in the document's clean text.
    public var span: Span

    /// A line from its parts.
    public init(left: String, keyword: String, right: String, span: Span) {
        self.left = left
        self.keyword = keyword
        self.right = right
        self.span = span
    }

    /// One line per match, with up to `width` code points of context on each side (fewer at
    /// the start or end of the text).
    /// - Complexity: O(width + match length) per match.
    public static func lines(document: Document, matches: [Span], width: Int) -> [KeywordInContext] {
        document.bytes.withUnsafeBufferPointer { text in
            matches.map { line(in: text, match: $0, width: width) }
        }
    }

    /// The line for `match` in `text` (valid UTF-8; the span on code-point boundaries).
    public static func line(in text: UnsafeBufferPointer<UInt8>, match: Span, width: Int) -> KeywordInContext {
        precondition(match.start >= 0 && match.end <= text.count, "match outside the text")
        let width = max(0, width)
        var from = match.start
        var count = 0
        while from > 0, count < width {
            from = Utf8.previousStart(text, before: from)
            count += 1
        }
        var to = match.end
        count = 0
        while to < text.count, count < width {
            to += Utf8.decode(text, at: to).length
            count += 1
        }
        return KeywordInContext(
            left: flattened(text, from..<match.start), keyword: flattened(text, match.range),
            right: flattened(text, match.end..<to), span: match)
    }

    /// The line with the left context padded to `width` code points, so that keywords line
    /// up: `left + separator + keyword + separator + right`.
    public func formatted(width: Int, separator: String = "  ") -> String {
        let padding = max(0, width - left.unicodeScalars.count)
        return String(repeating: " ", count: padding) + left + separator + keyword + separator + right
    }

    /// `text[range]` with line breaks (LF, CR, NEL, U+2028, U+2029) and tabs as spaces, one
    /// space for each.
    private static func flattened(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let (c, length) = Utf8.decode(text, at: i)
            switch c {
            case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: out.append(0x20)
            default: out.append(contentsOf: text[i..<(i + length)])
            }
            i += length
        }
        return String(decoding: out, as: UTF8.self)
    }
}
