/// Splits paragraphs into sentences, on UTF-8 bytes.
///
/// A sentence ends after `.`, `!`, `?`, `…` or `...` (with any closing quotes and brackets
/// that follow) when white space and then something other than a lower-case letter come
/// next. A period does not end a sentence after a title ("Sen."), an initial ("J."), an
/// abbreviation before a number ("No. 5", "Jan. 14") or one that never does ("e.g."); after
/// an ambiguous abbreviation ("Inc.", "U.S.", "a.m.") it does only when a typical sentence
/// opening follows ("The", "He", "But"…). Decimals and domains never break: there is no
/// white space after their dots.
public struct SentenceSegmenter: Sendable {
    /// The abbreviation lists in use.
    public var abbreviations: Abbreviations

    /// A segmenter with the given lists (English news by default).
    public init(abbreviations: Abbreviations) {
        self.abbreviations = abbreviations
        self.anyAbbreviation = abbreviations.packedShort
    }

    /// A segmenter for English news.
    public init() {
        abbreviations = .english
        anyAbbreviation = Tokenizer.englishAbbreviations
    }

    /// Every abbreviation, packed: most periods follow ordinary words, which this rules out
    /// without making a string.
    private let anyAbbreviation: PackedWords

    /// The sentences of each paragraph, in order.
    public func sentences(in text: UnsafeBufferPointer<UInt8>, paragraphs: [Span]) -> [Span] {
        var out: [Span] = []
        out.reserveCapacity(paragraphs.count * 4)
        for paragraph in paragraphs { split(text, paragraph, into: &out) }
        return out
    }

    private func split(_ text: UnsafeBufferPointer<UInt8>, _ paragraph: Span, into out: inout [Span]) {
        var start = paragraph.start
        var i = paragraph.start
        let end = paragraph.end
        while i < end {
            // Only ".", "!", "?" and "…" (E2 80 A6) can end a sentence: skip other bytes fast,
            // eight at a time.
            if i + 8 <= end {
                let word = SWAR.load(text, at: i)
                let candidates = SWAR.bytes(of: word, equalTo: 0x2E) | SWAR.bytes(of: word, equalTo: 0x21)
                    | SWAR.bytes(of: word, equalTo: 0x3F) | SWAR.bytes(of: word, equalTo: 0xE2)
                if candidates == 0 {
                    i += 8
                    continue
                }
                i += SWAR.firstMarked(candidates)
            } else {
                let b = text[i]
                guard b == 0x2E || b == 0x21 || b == 0x3F || b == 0xE2 else {
                    i += 1
                    continue
                }
            }
            let (c, length) = Utf8.decode(text, at: i)
            guard c == 0x2E || c == 0x21 || c == 0x3F || c == CharacterClass.ellipsis else {
                i += length
                continue
            }
            // The terminator run ("?!", "...", "…"), then closing quotes and brackets, with
            // further terminators among them (`.”)` or `?”.`).
            let terminatorStart = i
            let onlyOnePeriod = c == 0x2E
            var j = i + length
            var periods = c == 0x2E ? 1 : 0
            while j < end {
                let (d, dl) = Utf8.decode(text, at: j)
                if d == 0x2E || d == 0x21 || d == 0x3F || d == CharacterClass.ellipsis || CharacterClass.isCloser(d) {
                    if d == 0x2E { periods += 1 }
                    j += dl
                } else {
                    break
                }
            }
            i = j
            guard j < end else { break }
            let (next, _) = Utf8.decode(text, at: j)
            guard CharacterClass.isSpace(next) else { continue }
            var k = j
            while k < end {
                let (d, dl) = Utf8.decode(text, at: k)
                if !CharacterClass.isSpace(d) { break }
                k += dl
            }
            guard k < end, opensSentence(text, at: k, end: end) else { continue }
            if !onlyOnePeriod, endsWithQuote(text, terminatorStart, j),
                speechVerbFollows(text, from: k, end: end)
            {
                continue  // “Who approved this?” Sen. Reyes asked.
            }
            if onlyOnePeriod, periods == 1,
                !periodEndsSentence(text, before: terminatorStart, lineStart: start, nextWordAt: k, end: end)
            {
                continue
            }
            out.append(Span(start, j))
            start = k
            i = k
        }
        if start < end { out.append(Span(start, trimmedEnd(text, start, end))) }
    }

    /// Verbs of saying that continue a sentence after a quoted question or exclamation.
    static let speechVerbs: Set<String> = [
        "said", "asked", "shouted", "yelled", "replied", "added", "told", "wrote", "cried", "demanded",
        "wondered", "exclaimed", "insisted", "says", "asks", "adds", "shouts", "screamed", "called",
        "chanted", "sang", "tweeted", "posted", "declared", "answered", "snapped", "laughed", "urged",
    ]

    /// Whether a quotation mark is among the closers between `start` and `end`.
    private func endsWithQuote(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let (c, l) = Utf8.decode(text, at: i)
            if c == 0x22 || c == CharacterClass.rightDoubleQuote || c == CharacterClass.rightSingleQuote || c == 0xBB {
                return true
            }
            i += l
        }
        return false
    }

    /// Whether a verb of saying comes within the next few words, before any terminator:
    /// `?” Sen. Reyes asked` continues the sentence.
    private func speechVerbFollows(_ text: UnsafeBufferPointer<UInt8>, from k: Int, end: Int) -> Bool {
        var i = k
        var words = 0
        while i < end, words < 4 {
            let (c, l) = Utf8.decode(text, at: i)
            if c == 0x21 || c == 0x3F || c == 0x3B { return false }
            if CharacterClass.isLetter(c) {
                let word = nextWord(text, at: i, end: end)
                if Self.speechVerbs.contains(word) { return true }
                words += 1
                i += max(word.utf8.count, l)
                continue
            }
            i += l
        }
        return false
    }

    /// Whether the text at `k` can open a sentence: not a lower-case word (also after an
    /// opening quote or bracket), unless a capital follows inside it ("iPad", "eBay", "mRNA").
    private func opensSentence(_ text: UnsafeBufferPointer<UInt8>, at k: Int, end: Int) -> Bool {
        var k = k
        var (c, length) = Utf8.decode(text, at: k)
        while CharacterClass.isOpener(c), k + length < end {
            k += length
            (c, length) = Utf8.decode(text, at: k)
        }
        guard CharacterClass.isLower(c) else { return true }
        var j = k + length
        while j < end {
            let (d, dl) = Utf8.decode(text, at: j)
            if CharacterClass.isUpper(d) { return true }
            if !CharacterClass.isLetter(d) { return false }
            j += dl
        }
        return false
    }

    /// Decides a lone period followed by a possible sentence opening.
    private func periodEndsSentence(
        _ text: UnsafeBufferPointer<UInt8>, before period: Int, lineStart: Int, nextWordAt k: Int, end: Int
    ) -> Bool {
        // The word before the period: back to white space or an opening quote/bracket.
        var wordStart = period
        while wordStart > lineStart {
            let previous = Utf8.previousStart(text, before: wordStart)
            let (c, _) = Utf8.decode(text, at: previous)
            if CharacterClass.isSpace(c) || CharacterClass.isOpener(c) && c != 0x27 { break }
            wordStart = previous
        }
        let (nextChar, _) = Utf8.decode(text, at: k)
        // A spaced ellipsis: ". . ." (a period standing alone, or followed by another).
        if wordStart == period || nextChar == 0x2E { return wordStart != period && nextChar != 0x2E }
        let (first, firstLength) = Utf8.decode(text, at: wordStart)
        if wordStart + firstLength != period, !text[wordStart..<period].contains(0x2E),
            !anyAbbreviation.contains(text, wordStart, period), period - wordStart <= 8 || !text[wordStart..<period].contains(0x2D)
        {
            return true  // an ordinary word: the common case, decided without a string
        }
        let word = lowercasedASCII(text, wordStart, period)

        if abbreviations.titles.contains(word) || abbreviations.never.contains(word) { return false }
        if CharacterClass.isDigit(nextChar), abbreviations.beforeNumbers.contains(word) { return false }
        // An initial: one upper-case letter ("J." in "Rod J. Rosenstein").
        if wordStart + firstLength == period, CharacterClass.isUpper(first) { return false }
        let isInitialism = word.contains(".")
            && word.utf8.allSatisfy { $0 == 0x2E || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        if isInitialism, abbreviations.ambiguous[word] == nil,
            word.split(separator: ".").allSatisfy({ $0.utf8.count == 1 }),
            text[wordStart..<period].allSatisfy({ $0 == 0x2E || ($0 >= 65 && $0 <= 90) })
        {
            return false  // a person's initials: "C.S. Brandt", "J.R.R. Tolkien"
        }
        guard let kind = abbreviations.ambiguous[word] ?? (isInitialism ? .placeInitialism : nil) else {
            return true
        }
        if CharacterClass.isOpener(nextChar) { return true }
        let next = nextWord(text, at: k, end: end)
        switch kind {
        case .other:
            return abbreviations.sentenceOpeners.contains(next)
        case .nameSuffix:
            return next != "day"  // "Martin Luther King Jr. Day"
        case .companySuffix where word == "co" && wordBefore(text, wordStart, lineStart).first?.isLowercase == true:
            return false  // "in Co. Kerry": a county
        default:
            return !(abbreviations.continuations[kind]?.contains(next) ?? false)
        }
    }

    /// The word ending just before `wordStart` (skipping white space), for context.
    private func wordBefore(_ text: UnsafeBufferPointer<UInt8>, _ wordStart: Int, _ lineStart: Int) -> String {
        var e = wordStart
        while e > lineStart, CharacterClass.isSpace(Utf8.decode(text, at: Utf8.previousStart(text, before: e)).scalar) {
            e = Utf8.previousStart(text, before: e)
        }
        var s = e
        while s > lineStart, !CharacterClass.isSpace(Utf8.decode(text, at: Utf8.previousStart(text, before: s)).scalar) {
            s = Utf8.previousStart(text, before: s)
        }
        return String(decoding: text[s..<e], as: UTF8.self)
    }

    /// The lower-cased letters (and apostrophes, as `'`) of the word at `k`.
    private func nextWord(_ text: UnsafeBufferPointer<UInt8>, at k: Int, end: Int) -> String {
        var word: [UInt8] = []
        var j = k
        while j < end {
            let (c, l) = Utf8.decode(text, at: j)
            if CharacterClass.isApostrophe(c) {
                word.append(0x27)
            } else if CharacterClass.isLetter(c) {
                for b in text[j..<(j + l)] { word.append(b >= 65 && b <= 90 ? b | 0x20 : b) }
            } else {
                break
            }
            j += l
        }
        return String(decoding: word, as: UTF8.self)
    }

    private func lowercasedASCII(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[from..<to]).map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 },
               as: UTF8.self)
    }

    private func trimmedEnd(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start {
            let previous = Utf8.previousStart(text, before: e)
            if !CharacterClass.isSpace(Utf8.decode(text, at: previous).scalar) { break }
            e = previous
        }
        return e
    }
}
