import Foundation

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
    /// Speakers named by a proper name: `Source` spans whose words are all capitalised
    /// (connectors such as "of" and "the" inside aside), not a pronoun and not a description
    /// ("the attorney general", "officials"). The people and organisation layers are scored
    /// against these.
    case properNameSources = "proper-name-sources"

    /// The spans `spans` keeps.
    public func apply(_ spans: [AnnotatedSpan]) -> [AnnotatedSpan] {
        if self == .properNameSources {
            return spans.filter { $0.type == "Source" && Self.isProperName($0.text ?? "") }
        }
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

    /// Whether `text` reads as a proper name (see `properNameSources`).
    public static func isProperName(_ text: String) -> Bool {
        let words = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'’\",.()")) }
        guard let first = words.first, let initial = first.first, initial.isUppercase else { return false }
        if pronounsAndDeterminers.contains(first.lowercased()) { return false }
        return words.allSatisfy { word in
            guard let letter = word.first else { return true }
            return connectors.contains(word.lowercased()) || letter.isUppercase || letter.isNumber
        }
    }

    private static let pronounsAndDeterminers: Set<String> = [
        "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "hers", "their", "its",
        "who", "which", "that", "this", "these", "those", "one", "both", "some", "many", "most", "others",
        "the", "a", "an",
    ]
    private static let connectors: Set<String> = ["of", "the", "and", "for", "de", "al", "von", "van", "la", "le", "at", "on", "in", "&"]
}
