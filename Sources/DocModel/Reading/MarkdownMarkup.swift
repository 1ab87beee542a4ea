/// Hides Markdown markup from the text of a `.md` file: heading marks, emphasis, code
/// backticks and fences, link and image syntax, block quotes, list markers, rules and HTML
/// tags.
///
/// Each markup character is replaced by one zero-width space (U+200B), which the ``Cleaner``
/// then drops. Replacing code point for code point keeps every later position in the raw
/// text where it was, so spans still map back into the file as read (``OffsetMap``).
public enum MarkdownMarkup {
    static let hidden: [UInt8] = [0xE2, 0x80, 0x8B]  // U+200B

    /// `body` with its markup hidden.
    public static func hide(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + body.count / 8)
        var inFence = false
        var previousBlank = true
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            var lineEnd = lineStart
            while lineEnd < body.endIndex, body[lineEnd] != 0x0A { lineEnd += 1 }
            let line = body[lineStart..<lineEnd]
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            if trimmed.starts(with: "```".utf8) || trimmed.starts(with: "~~~".utf8) {
                inFence.toggle()
                hideAll(line, into: &out)
            } else if inFence {
                out += line
            } else if isRule(trimmed) || (!previousBlank && isSetextUnderline(trimmed)) {
                hideAll(line, into: &out)
            } else {
                hideMarkup(in: line, into: &out)
            }
            previousBlank = trimmed.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if lineEnd < body.endIndex { out.append(0x0A) }
            lineStart = lineEnd + 1
        }
        return out
    }

    private static func hideAll(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        for b in line where b & 0xC0 != 0x80 { out += b == 0x0D ? [0x0D] : hidden }
    }

    /// `---`, `***`, `___` (three or more, spaces allowed).
    private static func isRule(_ line: ArraySlice<UInt8>) -> Bool {
        let marks = line.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
        guard marks.count >= 3, let first = marks.first, first == 0x2D || first == 0x2A || first == 0x5F else { return false }
        return marks.allSatisfy { $0 == first }
    }

    /// `===` under a heading (`---` is taken as a rule).
    private static func isSetextUnderline(_ line: ArraySlice<UInt8>) -> Bool {
        let marks = line.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
        return !marks.isEmpty && marks.allSatisfy { $0 == 0x3D }
    }

    private static func hideMarkup(in line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var i = line.startIndex
        // Block prefixes: indentation, "> ", "#… ", list markers.
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x09 {
            out.append(line[i])
            i += 1
        }
        while i < line.endIndex, line[i] == 0x3E {  // > quote
            out += hidden
            i += 1
            if i < line.endIndex, line[i] == 0x20 { out.append(0x20); i += 1 }
        }
        var hashes = i
        while hashes < line.endIndex, line[hashes] == 0x23 { hashes += 1 }
        if hashes > i, hashes - i <= 6, hashes == line.endIndex || line[hashes] == 0x20 {
            for _ in i..<hashes { out += hidden }
            i = hashes
        } else if i + 1 < line.endIndex, [0x2D, 0x2A, 0x2B].contains(line[i]), line[i + 1] == 0x20 {
            out += hidden  // - item
            i += 1
        } else {
            var digits = i
            while digits < line.endIndex, line[digits] >= 0x30, line[digits] <= 0x39 { digits += 1 }
            if digits > i, digits + 1 < line.endIndex, line[digits] == 0x2E || line[digits] == 0x29, line[digits + 1] == 0x20 {
                for _ in i...digits { out += hidden }  // 1. item
                i = digits + 1
            }
        }
        // Inline markup.
        while i < line.endIndex {
            let b = line[i]
            switch b {
            case 0x2A, 0x60:  // * `
                out += hidden
                i += 1
            case 0x5F:  // _ at a word boundary (not snake_case)
                let before = i > line.startIndex ? line[i - 1] : 0x20
                let after = i + 1 < line.endIndex ? line[i + 1] : 0x20
                if isWordByte(before) && isWordByte(after) { out.append(b) } else { out += hidden }
                i += 1
            case 0x21 where i + 1 < line.endIndex && line[i + 1] == 0x5B:  // ![
                out += hidden
                i += 1
            case 0x5B:  // [text](url)
                if let close = line[i...].firstIndex(of: 0x5D), close + 1 < line.endIndex, line[close + 1] == 0x28,
                    let end = line[(close + 1)...].firstIndex(of: 0x29)
                {
                    out += hidden
                    hideMarkupText(line[(i + 1)..<close], into: &out)
                    hideAll(line[close...end], into: &out)
                    i = end + 1
                } else {
                    out.append(b)
                    i += 1
                }
            case 0x3C:  // <tag …> or <http://…>
                if let close = line[i...].firstIndex(of: 0x3E), close > i + 1,
                    isTagStart(line[i + 1])
                {
                    if line[(i + 1)..<close].starts(with: "http".utf8) {
                        out += hidden
                        out += line[(i + 1)..<close]
                        out += hidden
                    } else {
                        hideAll(line[i...close], into: &out)
                    }
                    i = close + 1
                } else {
                    out.append(b)
                    i += 1
                }
            default:
                out.append(b)
                i += 1
            }
        }
    }

    /// Link text: emphasis inside it is hidden too.
    private static func hideMarkupText(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        for b in text { if b == 0x2A || b == 0x60 { out += hidden } else { out.append(b) } }
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b >= 0x80
    }

    private static func isTagStart(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x2F || b == 0x21 }
}
