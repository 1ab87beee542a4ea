/// Splits text into tokens, on UTF-8 bytes.
///
/// Words keep their inner periods, hyphens, apostrophes and digit groups ("U.S.",
/// "U.S.-Mexico", "O’Brien", "5,000", "1.5bn"); the clitics "’s", "n’t", "’re", "’ve", "’ll",
/// "’d" and "’m" become tokens of their own ("Sessions" "’s", "do" "n’t"), as in spaCy;
/// currency signs and punctuation stand alone ("$" "1.5bn"), except "..." and "--"; URLs and
/// e-mail addresses are single tokens. A known abbreviation, an initial or a word with inner
/// periods keeps its final period ("Mr.", "J.", "U.S.").
public struct Tokenizer: Sendable {
    /// Abbreviations whose final period belongs to the word.
    public var abbreviations: Abbreviations

    /// A tokenizer with the given lists.
    public init(abbreviations: Abbreviations) {
        self.abbreviations = abbreviations
        self.packedAbbreviations = abbreviations.packedShort
    }

    /// A tokenizer for English news.
    public init() {
        abbreviations = .english
        packedAbbreviations = Self.englishAbbreviations
    }

    /// ``Abbreviations/english``, packed once.
    static let englishAbbreviations = Abbreviations.english.packedShort

    /// ``abbreviations`` packed for fast lookup (all of them are eight bytes or fewer).
    private let packedAbbreviations: PackedWords
    /// Kept here rather than read from a global, which costs a call per use on Linux.
    private let numberWords = NumberWords.prepared

    /// The tokens of `text[range]` with their features (``TokenFlags/isSentenceStart`` is set
    /// by the caller, who knows the sentences).
    public func tokens(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> (spans: [Span], flags: [TokenFlags]) {
        var collected = TokenCollector(capacity: range.count / 5)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = text[i]
            if b == 0x20 {  // the commonest byte of all
                i += 1
                continue
            }
            let token: (end: Int, flags: TokenFlags)
            if b < 0x80 {
                if CharacterClass.isASCIIAlphanumeric(b) {
                    // A URL starts with "h" or "w", a clitic with "n": neither with anything else.
                    if b | 0x20 == 0x68 || b | 0x20 == 0x77, let url = url(text, at: i, end: end) {
                        token = url
                    } else if b | 0x20 == 0x6E, let clitic = clitic(text, at: i, end: end, tokenStart: range.lowerBound) {
                        token = clitic
                    } else {
                        token = wordOrEmail(text, at: i, end: end)
                    }
                } else if b >= 0x09 && b <= 0x0D {
                    i += 1
                    continue
                } else if b == 0x27, let clitic = clitic(text, at: i, end: end, tokenStart: range.lowerBound) {
                    token = clitic
                } else {
                    token = asciiPunctuation(text, at: i, end: end)
                }
            } else {
                let (c, length) = Utf8.decode(text, at: i)
                if CharacterClass.isSpace(c) {
                    i += length
                    continue
                }
                if b == 0xE2, let clitic = clitic(text, at: i, end: end, tokenStart: range.lowerBound) {
                    token = clitic
                } else if CharacterClass.isLetter(c) {
                    token = wordOrEmail(text, at: i, end: end)
                } else {
                    token = (i + length, features(text, i, i + length))
                }
            }
            collected.append(Span(i, token.end), token.flags)
            i = token.end
        }
        return collected.arrays()
    }

    /// The flags of any token, from a look at each of its code points.
    private func features(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenFlags {
        TokenFeatures.of(text, start, end).flags(text, start, end, numberWords: numberWords)
    }

    // MARK: - Kinds of token

    private func startsWith(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= end else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where (text[i + k] | 0x20) != (p[k] | 0x20) { return false }
        return true
    }

    private func url(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (end: Int, flags: TokenFlags)? {
        // "ht" or "ww" first: this rules out nearly every word quickly.
        let first = text[i] | 0x20
        guard first == 0x68 || first == 0x77, i + 1 < end, text[i + 1] | 0x20 == (first == 0x68 ? 0x74 : 0x77)
        else { return nil }
        guard startsWith(text, i, end, "http://") || startsWith(text, i, end, "https://")
            || startsWith(text, i, end, "www.")
        else { return nil }
        var j = i
        while j < end {
            let (c, l) = Utf8.decode(text, at: j)
            if CharacterClass.isSpace(c) || c == 0x22 || c == CharacterClass.rightDoubleQuote || c == 0x3C { break }
            j += l
        }
        let urlEnd = trimTrailingPunctuation(text, from: i, to: j)
        return (urlEnd, features(text, i, urlEnd).union(.likeURL))
    }

    /// A word, or an e-mail address when one starts here.
    @inline(__always)
    private func wordOrEmail(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (end: Int, flags: TokenFlags) {
        let word = word(text, at: i, end: end)
        if word.end < end, text[word.end] == 0x40 || text[word.end] == 0x2E || text[word.end] == 0x2B,
            let emailEnd = email(text, at: i, end: end)
        {
            return (emailEnd, features(text, i, emailEnd).union(.likeEmail))
        }
        return word
    }

    private func email(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        var j = i
        var at = -1
        while j < end {
            let b = text[j]
            if b == 0x40 {
                if at >= 0 { return nil }
                at = j
            } else if !(CharacterClass.isASCIIAlphanumeric(b) || b == 0x2E || b == 0x2D || b == 0x5F || b == 0x2B) {
                break
            }
            j += 1
        }
        guard at > i else { return nil }
        let trimmed = trimTrailingPunctuation(text, from: at, to: j)
        // A domain with a dot after the @.
        guard text[(at + 1)..<trimmed].contains(0x2E), trimmed > at + 3 else { return nil }
        return trimmed
    }

    private func trimTrailingPunctuation(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var j = to
        while j > from {
            let previous = Utf8.previousStart(text, before: j)
            let (c, _) = Utf8.decode(text, at: previous)
            guard c == 0x2E || c == 0x2C || c == 0x3B || c == 0x3A || c == 0x21 || c == 0x3F || c == 0x29
                || CharacterClass.isCloser(c)
            else { break }
            j = previous
        }
        return j
    }

    /// "’s", "n’t", "’re"… right after a word (the word stopped before them).
    private func clitic(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, tokenStart: Int)
        -> (end: Int, flags: TokenFlags)?
    {
        guard i > tokenStart else { return nil }
        let before = text[i - 1] < 0x80
            ? UInt32(text[i - 1]) : Utf8.decode(text, at: Utf8.previousStart(text, before: i)).scalar
        guard CharacterClass.isLetter(before), let length = Self.cliticLength(text, at: i, end: end) else { return nil }
        return (i + length, features(text, i, i + length))
    }

    /// The byte length of a clitic starting at `i` and ending the word, or nil.
    static func cliticLength(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        var j = i
        let sawN = text[j] | 0x20 == 0x6E  // n’t
        if sawN { j += 1 }
        guard j < end else { return nil }
        let (apostrophe, apostropheLength) = Utf8.decode(text, at: j)
        guard CharacterClass.isApostrophe(apostrophe) else { return nil }
        j += apostropheLength
        // Up to three letters, lower-cased and packed into an integer to compare.
        var suffix: UInt32 = 0
        let lettersEnd = min(end, j + 3)
        while j < lettersEnd, CharacterClass.isASCIILetter(UInt32(text[j])) {
            suffix = suffix << 8 | UInt32(text[j] | 0x20)
            j += 1
        }
        if j < end, CharacterClass.isLetter(Utf8.decode(text, at: j).scalar) { return nil }
        if sawN { return suffix == 0x74 ? j - i : nil }  // t
        switch suffix {
        case 0x73, 0x7265, 0x7665, 0x6C6C, 0x64, 0x6D: return j - i  // s, re, ve, ll, d, m
        default: return nil
        }
    }

    /// Where the run of lower-case ASCII letters at `start` ends, found eight bytes at a time.
    @inline(__always)
    private static func endOfLowercase(_ text: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var j = start
        while j + 8 <= end {
            let others = ~SWAR.bytes(of: SWAR.load(text, at: j), from: 0x61, through: 0x7A) & 0x8080_8080_8080_8080
            if others != 0 { return j + SWAR.firstMarked(others) }
            j += 8
        }
        while j < end, text[j] &- 0x61 < 26 { j += 1 }
        return j
    }

    /// Whether the "n" at `j`, inside a word, starts "n’t" (or "n't").
    @inline(__always)
    private func startsClitic(_ text: UnsafeBufferPointer<UInt8>, at j: Int, wordStart: Int, end: Int) -> Bool {
        j + 1 < end && (text[j + 1] == 0x27 || text[j + 1] == 0xE2) && j > wordStart
            && Self.cliticLength(text, at: j, end: end) != nil
    }

    /// A word and its flags, counted while it is scanned.
    private func word(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (end: Int, flags: TokenFlags) {
        var features = TokenFeatures()
        var j = i
        var innerPeriod = false
        while j < end {
            let b = text[j]
            if b &- 0x61 < 26 {  // lower-case ASCII: most of any word, counted by the run
                let run = j
                j = Self.endOfLowercase(text, from: j, end: end)
                // Only the run's last letter is followed by an apostrophe: "do|n’t".
                if text[j - 1] == 0x6E, startsClitic(text, at: j - 1, wordStart: i, end: end) { j -= 1 }
                if j == run { break }
                features.addLowercase(j &- run)
                continue
            }
            if b &- 0x41 < 26 {
                if b == 0x4E, startsClitic(text, at: j, wordStart: i, end: end) { break }  // DO|N’T
                features.addUppercase()
                j &+= 1
                continue
            }
            if b &- 0x30 < 10 {
                features.addDigit()
                j &+= 1
                continue
            }
            let (c, l) = Utf8.decode(text, at: j)
            if b >= 0x80, CharacterClass.isLetter(c) {
                features.add(c)
                j += l
                continue
            }
            guard j + l < end, c == 0x2E || c == 0x2C || c == 0x2D || CharacterClass.isApostrophe(c) else { break }
            let next = Utf8.decode(text, at: j + l).scalar
            let joins: Bool
            switch c {
            case 0x2E:  // U.S, 3.5, example.org; and the "." of "U.S." before "-Mexico"
                joins = CharacterClass.isAlphanumeric(next) || next == 0x2D && innerPeriod
                if joins { innerPeriod = true }
            case 0x2C:  // 5,000
                joins = CharacterClass.isDigit(UInt32(text[j - 1])) && CharacterClass.isDigit(next)
            case 0x2D:  // well-known, U.S.-Mexico, COVID-19
                joins = CharacterClass.isAlphanumeric(next)
            default:  // O’Brien, but not Sessions|’s
                joins = CharacterClass.isLetter(next) && Self.cliticLength(text, at: j, end: end) == nil
            }
            guard joins else { break }
            features.add(c)
            j += l
        }
        // A final period that belongs to the word: "U.S.", "Mr.", "J.".
        if j < end, text[j] == 0x2E, !(j + 1 < end && text[j + 1] == 0x2E) {
            let (first, firstLength) = Utf8.decode(text, at: i)
            let isInitial = i + firstLength == j && CharacterClass.isUpper(first)
            if isInitial || (innerPeriod && !text[i..<j].contains { $0 >= 0x30 && $0 <= 0x39 })
                || packedAbbreviations.contains(text, i, j)
            {
                features.add(0x2E)
                j += 1
            }
        }
        return (j, features.flags(text, i, j, numberWords: numberWords))
    }

    /// Punctuation in ASCII: one byte, or a run of "." or "-" ("...", "--"), which stays whole.
    @inline(__always)
    private func asciiPunctuation(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (end: Int, flags: TokenFlags) {
        let b = text[i]
        if b == 0x2E || b == 0x2D {
            var j = i + 1
            while j < end, text[j] == b { j += 1 }
            return (j, .isPunct)
        }
        switch b {
        case 0x24: return (i + 1, .isCurrency)  // $
        case 0x22, 0x27, 0x60: return (i + 1, [.isPunct, .isQuote])
        default: return (i + 1, .isPunct)
        }
    }
}
