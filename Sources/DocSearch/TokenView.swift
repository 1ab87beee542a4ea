import DocModel

/// A document's tokens made ready for matching: spans, flags, and each token's lower-case
/// UTF-8, computed once.
///
/// ``PhraseMatcher`` and ``TokenPattern`` build one from a document when called with the
/// document itself; to run many of them over the same document, build the view once and pass
/// it instead.
///
/// Lower-casing maps ASCII bytes directly and uses Unicode's `lowercased()` only for tokens
/// with non-ASCII bytes ("ÉCOLE" → "école"); a token's lower-case form can differ in length
/// from the token.
public struct TokenView: Sendable {
    /// The clean text's UTF-8 (shared with the document, not copied).
    public let bytes: [UInt8]
    /// The token spans, in text order.
    public let spans: [Span]
    /// Each token's features, parallel to ``spans``.
    public let flags: [TokenFlags]
    /// Every token's lower-case bytes, one after another.
    let lower: [UInt8]
    /// Where token `i`'s lower-case bytes start in ``lower``; one more entry than tokens.
    let lowerStarts: [Int]

    /// The view of a document's tokens.
    /// - Complexity: O(n) in the text's length (tokenising it first if needed).
    public init(document: Document) {
        self.init(bytes: document.bytes, spans: document.tokens.spans, flags: document.tokenFlags)
    }

    /// A view of the given tokens over `bytes` (valid UTF-8), with their flags.
    public init(bytes: [UInt8], spans: [Span], flags: [TokenFlags]) {
        precondition(spans.count == flags.count, "one set of flags per token")
        self.bytes = bytes
        self.spans = spans
        self.flags = flags
        var lower: [UInt8] = []
        lower.reserveCapacity(bytes.count)
        var starts: [Int] = []
        starts.reserveCapacity(spans.count + 1)
        bytes.withUnsafeBufferPointer { text in
            for span in spans {
                starts.append(lower.count)
                appendLowercased(UnsafeBufferPointer(rebasing: text[span.range]), to: &lower)
            }
        }
        starts.append(lower.count)
        self.lower = lower
        self.lowerStarts = starts
    }

    /// The number of tokens.
    public var count: Int { spans.count }

    /// Token `index`'s text.
    public func text(_ index: Int) -> String {
        String(decoding: bytes[spans[index].range], as: UTF8.self)
    }

    /// Token `index`'s text in lower case.
    public func lowercased(_ index: Int) -> String {
        String(decoding: lower[lowerStarts[index]..<lowerStarts[index + 1]], as: UTF8.self)
    }

    /// The indices of the tokens that lie wholly inside `span`.
    /// - Complexity: O(log n).
    public func tokens(within span: Span) -> Range<Int> {
        let first = spans.firstIndex(startingAtOrAfter: span.start)
        var last = spans.firstIndex(startingAtOrAfter: span.end)
        while last > first, spans[last - 1].end > span.end { last -= 1 }
        return first..<max(first, last)
    }
}

/// Appends the lower-case form of `token` (valid UTF-8): ASCII byte by byte, anything else
/// through Unicode's `lowercased()`.
func appendLowercased(_ token: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    var ascii = true
    for byte in token where byte >= 0x80 {
        ascii = false
        break
    }
    if ascii {
        for byte in token { out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
    } else {
        out.append(contentsOf: String(decoding: token, as: UTF8.self).lowercased().utf8)
    }
}

/// The lower-case form of `text`, by the same rule as token views.
func lowercasedForMatching(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    let utf8 = Array(text.utf8)
    utf8.withUnsafeBufferPointer { appendLowercased($0, to: &out) }
    return out
}
