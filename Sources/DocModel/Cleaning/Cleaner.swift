import Foundation

/// Turns a document's body as read into its clean text, recording where each clean byte came
/// from (``OffsetMap``).
///
/// - Lines that are only advertising residue (``boilerplate``: "AD", "Advertisement",
///   "Story continues below advertisement"…) are dropped.
/// - Each line is trimmed; runs of white space (tabs, no-break and typographic spaces) become
///   one space; zero-width spaces and byte-order marks go.
/// - Blank lines separate paragraphs: in the clean text paragraphs are separated by exactly
///   one empty line ("\n\n"), and lines within a paragraph by "\n".
/// - Text is normalised to NFC (only lines that may need it are passed to the normaliser).
public struct Cleaner: Sendable {
    /// Lines dropped when they are exactly one of these, after trimming.
    public var boilerplate: Set<String> {
        didSet { longestBoilerplate = Self.longest(boilerplate) }
    }
    /// Lines longer than every residue line cannot be one: they are not hashed.
    private var longestBoilerplate: Int
    /// Whether to normalise to Unicode NFC.
    public var normalizeNFC: Bool

    /// The residue lines found in news corpora.
    public static let defaultBoilerplate: Set<String> = [
        "AD", "Ad", "ADVERTISEMENT", "Advertisement", "advertisement", "Story continues below advertisement",
        "Story continues below", "Continue reading the main story", "Skip Advertisement", "SKIP ADVERTISEMENT",
        "Advertisement:", "Sponsored", "SPONSORED", "Sponsored content", "Continue reading below",
        "Article continues below", "Article continues below advertisement", "- Advertisement -",
        "— Advertisement —", "[Advertisement]", "(Advertisement)",
    ]

    /// A cleaner with the given residue list.
    public init(boilerplate: Set<String> = Cleaner.defaultBoilerplate, normalizeNFC: Bool = true) {
        self.boilerplate = boilerplate
        self.longestBoilerplate = Self.longest(boilerplate)
        self.normalizeNFC = normalizeNFC
    }

    private static func longest(_ lines: Set<String>) -> Int { lines.map(\.utf8.count).max() ?? 0 }

    /// What cleaning produced.
    public struct Result: Sendable {
        /// The clean text's bytes.
        public var text: [UInt8]
        /// Clean byte → raw code point.
        public var offsets: OffsetMap
        /// How many boilerplate lines were dropped.
        public var droppedLines: Int
    }

    /// Cleans `body`, whose first code point stands at `rawStart` code points into the raw
    /// text.
    public func clean(_ body: UnsafeBufferPointer<UInt8>, rawStart: Int = 0) -> Result {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var map = OffsetMap()
        var dropped = 0
        var pendingBreak = 0
        var rawPosition = rawStart
        var lineStart = 0
        while lineStart <= body.count {
            // A plain line is its own content, one byte per code point, copied as it is.
            let (lineEnd, plain) = PlainLine.scan(body, from: lineStart)
            let lineCodePoints = plain ? lineEnd - lineStart : Utf8.codePoints(in: body, from: lineStart, to: lineEnd)
            let (contentStart, contentEnd) = plain ? (lineStart, lineEnd) : trimmed(body, lineStart, lineEnd)
            if contentStart == contentEnd {
                if !out.isEmpty { pendingBreak = 2 }
            } else if contentEnd - contentStart <= longestBoilerplate,
                boilerplate.contains(String(decoding: body[contentStart..<contentEnd], as: UTF8.self))
            {
                dropped += 1
            } else {
                if !out.isEmpty {
                    let separatorLength = pendingBreak >= 2 ? 2 : 1
                    map.append(cleanStart: out.count, cleanLength: separatorLength, rawStart: rawPosition,
                               rawLength: 0, verbatim: false)
                    out.append(0x0A)
                    if separatorLength == 2 { out.append(0x0A) }
                }
                pendingBreak = 1
                if plain {
                    map.append(cleanStart: out.count, cleanLength: lineCodePoints, rawStart: rawPosition,
                               rawLength: lineCodePoints, verbatim: true)
                    out += body[lineStart..<lineEnd]
                } else {
                    let contentRawStart = rawPosition + Utf8.codePoints(in: body, from: lineStart, to: contentStart)
                    appendLine(body, contentStart, contentEnd, rawStart: contentRawStart, to: &out, map: &map)
                }
            }
            rawPosition += lineCodePoints + 1  // the line and its "\n"
            lineStart = lineEnd + 1
        }
        return Result(text: out, offsets: map, droppedLines: dropped)
    }

    /// Appends one line's content, collapsing white space and dropping zero-width characters.
    private func appendLine(
        _ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, rawStart: Int,
        to out: inout [UInt8], map: inout OffsetMap
    ) {
        if normalizeNFC, mayNeedNFC(body, start, end) {
            let line = String(decoding: body[start..<end], as: UTF8.self)
            let normalized = collapse(Array(line.precomposedStringWithCanonicalMapping.utf8))
            map.append(cleanStart: out.count, cleanLength: normalized.count, rawStart: rawStart,
                       rawLength: Utf8.codePoints(in: body, from: start, to: end), verbatim: false)
            out += normalized
            return
        }
        var i = start
        var runStart = start  // the start of the current verbatim run
        var raw = rawStart
        var runRaw = rawStart
        func flush(to position: Int) {
            guard position > runStart else { return }
            map.append(cleanStart: out.count, cleanLength: position - runStart, rawStart: runRaw,
                       rawLength: Utf8.codePoints(in: body, from: runStart, to: position), verbatim: true)
            out += body[runStart..<position]
        }
        while i < end {
            // Printable ASCII is copied as it is: skip it without decoding.
            let b = body[i]
            if b > 0x20, b < 0x7F {
                i += 1
                raw += 1
                continue
            }
            let (c, length) = Utf8.decode(body, at: i)
            let zeroWidth = c == 0x200B || c == 0xFEFF
            if CharacterClass.isSpace(c) || zeroWidth {
                var j = i
                var codePoints = 0
                var spaces = 0
                while j < end {
                    let (d, dl) = Utf8.decode(body, at: j)
                    let isZeroWidth = d == 0x200B || d == 0xFEFF
                    guard CharacterClass.isSpace(d) || isZeroWidth else { break }
                    if !isZeroWidth { spaces += 1 }
                    codePoints += 1
                    j += dl
                }
                if spaces == 1, codePoints == 1, c == 0x20 {  // a plain single space: keep verbatim
                    i = j
                    raw += 1
                    continue
                }
                flush(to: i)
                runRaw = raw + codePoints
                if spaces > 0 {
                    map.append(cleanStart: out.count, cleanLength: 1, rawStart: raw, rawLength: codePoints, verbatim: false)
                    out.append(0x20)
                }
                raw += codePoints
                i = j
                runStart = j
                continue
            }
            i += length
            raw += 1
        }
        flush(to: end)
    }

    private func trimmed(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start, e = end
        while s < e {
            let (c, l) = Utf8.decode(body, at: s)
            guard CharacterClass.isSpace(c) || c == 0x200B || c == 0xFEFF else { break }
            s += l
        }
        while e > s {
            let p = Utf8.previousStart(body, before: e)
            let c = Utf8.decode(body, at: p).scalar
            guard CharacterClass.isSpace(c) || c == 0x200B || c == 0xFEFF else { break }
            e = p
        }
        return (s, e)
    }

    private func collapse(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            var inSpace = false
            while i < buffer.count {
                let (c, l) = Utf8.decode(buffer, at: i)
                if CharacterClass.isSpace(c) || c == 0x200B || c == 0xFEFF {
                    if !inSpace, CharacterClass.isSpace(c) { out.append(0x20) }
                    inSpace = CharacterClass.isSpace(c) || inSpace
                } else {
                    inSpace = false
                    out += buffer[i..<(i + l)]
                }
                i += l
            }
        }
        return out
    }

    /// Whether the line has a code point that NFC may change. Code points below U+0300
    /// (ASCII, Latin-1, Latin Extended) and the punctuation, currency and symbol blocks news
    /// text uses never change; for anything else the normaliser decides.
    private func mayNeedNFC(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        // Eight ASCII bytes at a time: nothing in them can need normalising.
        while i + 8 <= end {
            let word = UnsafeRawPointer(body.baseAddress! + i).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < end {
            let b = body[i]
            if b < 0xCC {
                i += b < 0x80 ? 1 : 2
                continue
            }
            if b == 0xE2, i + 1 < end, body[i + 1] == 0x80 {  // U+2000–U+203F: quotes, dashes
                i += 3
                continue
            }
            let (c, l) = Utf8.decode(body, at: i)
            if !(c >= 0x2010 && c <= 0x2027 || c >= 0x2030 && c <= 0x205E || c >= 0x20A0 && c <= 0x20C0
                || c >= 0x2190 && c <= 0x2328 || c >= 0x25A0 && c <= 0x27BF || c >= 0x1F300 && c <= 0x1FAFF)
            {
                return true
            }
            i += l
        }
        return false
    }
}
