/// Selections of gold spans made before scoring.
public enum GoldFilter: String, Sendable, CaseIterable {
    /// Direct quotes: `Content` spans whose text — fragments joined, spaces trimmed, then the
    /// trailing `.,;:!?—-` PolNeAR sometimes leaves after the closing mark removed — starts with
    /// `“` or `"` and ends with `”` or `"`; with them the `Source` and `Cue` of the same
    /// attributions. Every other span is dropped.
    case directQuotes = "direct-quotes"
    /// The other attributions: `Content` spans not quoted from end to end (indirect and mixed
    /// quotes, beliefs), with the `Source` and `Cue` of the same attributions.
    case indirectQuotes = "indirect-quotes"

    /// The spans `spans` keeps.
    public func apply(_ spans: [AnnotatedSpan]) -> [AnnotatedSpan] {
        let direct = self == .directQuotes
        let keeps = { (span: AnnotatedSpan) in Self.isDirectQuote(span.text ?? "") == direct }
        let quotes = spans.filter { $0.type == "Content" && keeps($0) }
        let groups = Set(quotes.compactMap { span in span.group.map { "\(span.doc)\t\($0)" } })
        return spans.filter { span in
            if span.type == "Content" { return keeps(span) }
            guard let group = span.group else { return false }
            return groups.contains("\(span.doc)\t\(group)")
        }
    }

    /// Whether `text` is quoted from end to end (see `directQuotes`).
    public static func isDirectQuote(_ text: String) -> Bool {
        let trailing: Set<Character> = [".", ",", ";", ":", "!", "?", "—", "-"]
        var scalars = Substring(text)
        while let last = scalars.last, last.isWhitespace || trailing.contains(last) { scalars.removeLast() }
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        guard scalars.count >= 2, let first = scalars.first, let last = scalars.last else { return false }
        return (first == "“" || first == "\"") && (last == "”" || last == "\"")
    }
}
