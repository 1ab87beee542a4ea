import DocModel
import LoupeBindings
import LuaRuntime

/// How the REPL shows the document model: a document as a summary, a span as its text in
/// context, a list of spans as numbered lines. Plain Swift, so tests need no terminal.
public struct DocumentPrinter {
    /// Colours or plain marks.
    public var style: ReplStyle
    /// Characters of context on each side of a span.
    public var context = 60
    /// Characters of a span shown on one numbered line.
    public var lineWidth = 100

    /// A printer in `style`.
    public init(style: ReplStyle) { self.style = style }

    /// Any inspected value.
    public func describe(_ value: InspectedValue) -> String {
        switch value {
        case .document(let document): summary(of: document)
        case .span(let span): describe(span)
        case .spans(let spans, let total): list(spans, total: total)
        }
    }

    /// `Document "rail-strike"` with its path, metadata, sizes and layer counts, and how it
    /// begins.
    public func summary(of document: Document) -> String {
        var lines = [style.bold("Document \(LuaFormatter.quote(Array(document.id.utf8)))")
            + (document.path.isEmpty ? "" : "  " + style.dim(document.path))]
        let meta = document.meta.entries.map { "\($0.key) = \(Self.metaText($0.value))" }.joined(separator: ", ")
        lines.append("  meta    {\(meta)}")
        lines.append("  text    \(Self.count(document.bytes.count)) bytes clean, \(Self.count(document.raw.utf8.count)) raw")
        var layers = [
            "\(Self.count(document.paragraphs.count)) paragraphs", "\(Self.count(document.sentences.count)) sentences",
            "\(Self.count(document.tokens.count)) tokens",
        ]
        layers += document.annotationLayers.map { "\(Self.count($0.count)) \($0.name)" }
        lines.append("  layers  " + layers.joined(separator: " · "))
        let opening = Self.oneLine(String(document.text.prefix(lineWidth)))
        lines.append("  begins  " + opening + (document.text.count > lineWidth ? "…" : ""))
        return lines.joined(separator: "\n")
    }

    /// `sentence 3 of rail-strike, bytes 120–180`, then the span's text highlighted in its
    /// context.
    public func describe(_ span: InspectedSpan) -> String {
        let name = span.layer.map { "\($0) \(span.index ?? 0)" } ?? "match"
        let heading = style.bold("Span " + name) + style.dim(" of \(span.document.id), bytes \(span.span.start + 1)–\(span.span.end)")
        return heading + "\n  " + inContext(span)
    }

    /// The span's text with up to `width` (by default ``context``) characters around it, on
    /// one line.
    public func inContext(_ span: InspectedSpan, width: Int? = nil) -> String {
        let context = width ?? self.context
        let bytes = span.document.bytes
        let before = Self.text(bytes, Self.boundary(bytes, max(0, span.span.start - context * 2))..<span.span.start)
        let after = Self.text(bytes, span.span.end..<Self.boundary(bytes, min(bytes.count, span.span.end + context * 2)))
        let left = String(before.suffix(context)), right = String(after.prefix(context))
        return (left.count < before.count ? "…" : "") + Self.oneLine(left)
            + style.highlight(Self.oneLine(Self.text(bytes, span.span.range)))
            + Self.oneLine(right) + (right.count < after.count ? "…" : "")
    }

    /// Numbered lines, one per span, and how many more there are.
    public func list(_ spans: [InspectedSpan], total: Int) -> String {
        guard let first = spans.first else { return "(no spans)" }
        let sameLayer = spans.allSatisfy { $0.layer == first.layer }
        var lines = [style.dim("\(Self.count(total)) span\(total == 1 ? "" : "s")" + (sameLayer ? " (\(first.layer ?? "matches"))" : ""))]
        let width = String(total).count
        for (n, span) in spans.enumerated() {
            let number = String(repeating: " ", count: max(0, width - String(n + 1).count)) + String(n + 1)
            var text = Self.oneLine(Self.text(span.document.bytes, span.span.range))
            if text.count > lineWidth { text = String(text.prefix(lineWidth)) + "…" }
            lines.append("  \(style.dim(number))  \(text)")
        }
        if total > spans.count { lines.append(style.dim("  … \(total - spans.count) more")) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Text helpers

    /// `bytes[range]` as text.
    static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// `offset` moved back to the start of the UTF-8 sequence it falls in.
    static func boundary(_ bytes: [UInt8], _ offset: Int) -> Int {
        var offset = offset
        while offset > 0, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
        return offset
    }

    /// Line breaks (a paragraph break too) and tabs shown as one space, so a span stays on
    /// one line.
    static func oneLine(_ text: String) -> String {
        var out = ""
        var pendingBreak = false
        for c in text {
            if c == "\n" || c == "\r\n" || c == "\t" {
                pendingBreak = true
                continue
            }
            if pendingBreak, out.last != " ", c != " " { out.append(" ") }
            pendingBreak = false
            out.append(c)
        }
        if pendingBreak, out.last != " " { out.append(" ") }
        return out
    }

    /// `1234567` → `1,234,567`.
    static func count(_ n: Int) -> String { LuaLimits.formatCount(n) }

    static func metaText(_ value: MetaValue) -> String {
        switch value {
        case .string(let s): LuaFormatter.quote(Array(s.utf8))
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .boolean(let b): String(b)
        case .list(let items): "{" + items.map(metaText).joined(separator: ", ") + "}"
        case .map(let nested): "{" + nested.entries.map { "\($0.key) = \(metaText($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}
