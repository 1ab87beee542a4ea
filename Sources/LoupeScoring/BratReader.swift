import Foundation

/// Reads brat standoff annotations (`.ann`), the format of PolNeAR.
///
/// ```
/// T13	Content 661 732;748 840	“Culberson is … solution,” “Fourteen years … Culberson.”
/// T14	Source 733 741	Espinoza
/// E5	Attribution:T16 Cue:T15 Source:T14 Content:T13
/// ```
///
/// Offsets are code points, 0-based, end exclusive; `;` separates the fragments of a
/// discontinuous span. A covered text that crosses a line break continues on the next physical
/// lines: any line not starting with `T<n>\t`, `E<n>\t`, `R<n>\t`, `A<n>\t`, `M<n>\t`, `N<n>\t`
/// or `#<n>\t` belongs to the line before. When the file has events (`E` lines), the spans kept are
/// the arguments of events (`Source`, `Cue`, `Content`, `Content2`…), not their triggers, and a
/// span no event refers to is ignored; without events, every text-bound span is kept.
public enum BratReader {
    /// The spans of one `.ann` file's text, for document `doc`.
    public static func parse(_ text: String, doc: String, file: String) throws(ScoringError) -> [AnnotatedSpan] {
        var spans: [String: AnnotatedSpan] = [:]
        var order: [String] = []
        var arguments: [String: String] = [:]  // span id → event id
        var hasEvents = false
        for (index, rawLine) in logicalLines(text) {
            var line = Substring(rawLine)
            while line.last?.isNewline == true { line.removeLast() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            let id = String(fields[0])
            switch id.first {
            case "T":
                guard fields.count >= 2 else {
                    throw ScoringError(file: file, line: index, "a T line needs 'ID<TAB>Type start end<TAB>text' (found \(quoted(line)))")
                }
                let header = fields[1].split(separator: " ", maxSplits: 1)
                guard header.count == 2 else {
                    throw ScoringError(file: file, line: index, "a T line needs a type and offsets after its id (found \(quoted(line)))")
                }
                var fragments: [Range<Int>] = []
                for part in header[1].split(separator: ";") {
                    let numbers = part.split(separator: " ").compactMap { Int($0) }
                    guard numbers.count == 2, numbers[0] >= 0, numbers[0] <= numbers[1] else {
                        throw ScoringError(
                            file: file, line: index,
                            "bad offsets \(quoted(String(part))): each fragment is 'start end', 0 ≤ start ≤ end, fragments joined by ';'")
                    }
                    fragments.append(numbers[0]..<numbers[1])
                }
                let covered = fields.count > 2 ? String(fields[2].drop { _ in false }).trimmingCharacters(in: .newlines) : nil
                spans[id] = AnnotatedSpan(
                    doc: doc, type: String(header[0]), fragments: fragments, text: covered,
                    location: SourceLocation(file: file, line: index))
                order.append(id)
            case "E":
                hasEvents = true
                guard fields.count >= 2 else {
                    throw ScoringError(file: file, line: index, "an E line needs 'ID<TAB>Trigger:T<n> Role:T<n>…' (found \(quoted(line)))")
                }
                let roles = fields[1].split(whereSeparator: { $0 == " " || $0.isNewline })
                for role in roles.dropFirst() {
                    let pair = role.split(separator: ":")
                    guard pair.count == 2 else {
                        throw ScoringError(file: file, line: index, "an event argument is 'Role:T<n>' (found \(quoted(String(role))))")
                    }
                    arguments[String(pair[1])] = id
                }
            default:
                break
            }
        }
        var result: [AnnotatedSpan] = []
        for id in order {
            guard var span = spans[id] else { continue }
            if hasEvents {
                guard let event = arguments[id] else { continue }
                span.group = event
            }
            result.append(span)
        }
        return result
    }

    /// Lines with their continuation lines attached (joined by a newline), numbered by their
    /// first physical line.
    static func logicalLines(_ text: String) -> [(Int, String)] {
        var lines: [(Int, String)] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if startsRecord(line) || lines.isEmpty {
                lines.append((offset + 1, line))
            } else {
                lines[lines.count - 1].1 += "\n" + line
            }
        }
        return lines
    }

    /// Whether `line` starts a record: a letter or `#`, digits, then a tab.
    static func startsRecord(_ line: String) -> Bool {
        guard let first = line.unicodeScalars.first, "TERAMN#".unicodeScalars.contains(first) else { return false }
        var digits = 0
        for scalar in line.unicodeScalars.dropFirst() {
            if scalar == "\t" { return digits > 0 }
            guard ("0"..."9").contains(scalar) else { return false }
            digits += 1
        }
        return false
    }

    static func quoted(_ text: some StringProtocol) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : String(text)
        return "'" + short.replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n") + "'"
    }
}
