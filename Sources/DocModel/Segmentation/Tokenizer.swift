/// Cheap features of a token, computed once while tokenising.
public struct TokenFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Upper-case first letter, the other letters lower case ("Sessions").
    public static let isTitle = TokenFlags(rawValue: 1 << 0)
    /// Every cased letter upper case, at least one ("DOJ", "U.S.").
    public static let isUpper = TokenFlags(rawValue: 1 << 1)
    /// Only punctuation (quotes, dashes, brackets, stops).
    public static let isPunct = TokenFlags(rawValue: 1 << 2)
    /// Reads as a number: "5,000", "1.5", "20m", "1.5bn", "seven", "million".
    public static let likeNum = TokenFlags(rawValue: 1 << 3)
    /// The first token of a sentence.
    public static let isSentenceStart = TokenFlags(rawValue: 1 << 4)
    /// Letters only.
    public static let isAlpha = TokenFlags(rawValue: 1 << 5)
    /// Digits only.
    public static let isDigit = TokenFlags(rawValue: 1 << 6)
    /// A URL ("https://…", "www.…").
    public static let likeURL = TokenFlags(rawValue: 1 << 7)
    /// An e-mail address.
    public static let likeEmail = TokenFlags(rawValue: 1 << 8)
    /// A currency sign ("$", "£", "€").
    public static let isCurrency = TokenFlags(rawValue: 1 << 9)
    /// A quotation mark, straight or curly.
    public static let isQuote = TokenFlags(rawValue: 1 << 10)
}

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

    /// The tokens of `text[range]` with their features (``TokenFlags/isSentenceStart`` is set
    /// by the caller, who knows the sentences).
    public func tokens(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> (spans: [Span], flags: [TokenFlags]) {
        var spans: [Span] = []
        var flags: [TokenFlags] = []
        spans.reserveCapacity(range.count / 5)
        flags.reserveCapacity(range.count / 5)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let (c, length) = Utf8.decode(text, at: i)
            if CharacterClass.isSpace(c) {
                i += length
                continue
            }
            let tokenEnd: Int
            var extra: TokenFlags = []
            if let urlEnd = url(text, at: i, end: end) {
                tokenEnd = urlEnd
                extra = .likeURL
            } else if let cliticEnd = clitic(text, at: i, end: end, tokenStart: range.lowerBound) {
                tokenEnd = cliticEnd
            } else if CharacterClass.isAlphanumeric(c) {
                let wordEnd = word(text, at: i, end: end)
                if wordEnd < end, text[wordEnd] == 0x40 || text[wordEnd] == 0x2E || text[wordEnd] == 0x2B,
                    let emailEnd = email(text, at: i, end: end)
                {
                    tokenEnd = emailEnd
                    extra = .likeEmail
                } else {
                    tokenEnd = wordEnd
                }
            } else {
                tokenEnd = punctuation(text, at: i, c: c, length: length, end: end)
            }
            spans.append(Span(i, tokenEnd))
            flags.append(features(text, i, tokenEnd).union(extra))
            i = tokenEnd
        }
        return (spans, flags)
    }

    // MARK: - Kinds of token

    private func startsWith(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= end else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where (text[i + k] | 0x20) != (p[k] | 0x20) { return false }
        return true
    }

    private func url(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard text[i] | 0x20 == 0x68 || text[i] | 0x20 == 0x77 else { return nil }  // h, w
        guard startsWith(text, i, end, "http://") || startsWith(text, i, end, "https://")
            || startsWith(text, i, end, "www.")
        else { return nil }
        var j = i
        while j < end {
            let (c, l) = Utf8.decode(text, at: j)
            if CharacterClass.isSpace(c) || c == 0x22 || c == CharacterClass.rightDoubleQuote || c == 0x3C { break }
            j += l
        }
        return trimTrailingPunctuation(text, from: i, to: j)
    }

    private func email(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        var j = i
        var at = -1
        while j < end {
            let b = text[j]
            if b == 0x40 {
                if at >= 0 { return nil }
                at = j
            } else if !(b >= 0x30 && b <= 0x39 || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x2E
                || b == 0x2D || b == 0x5F || b == 0x2B)
            {
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
    private func clitic(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, tokenStart: Int) -> Int? {
        // Clitics start with n, N, ' or ’ (0xE2 …).
        let first = text[i]
        guard i > tokenStart, first | 0x20 == 0x6E || first == 0x27 || first == 0xE2 else { return nil }
        let (before, _) = Utf8.decode(text, at: Utf8.previousStart(text, before: i))
        guard CharacterClass.isLetter(before) else { return nil }
        return cliticLength(text, at: i, end: end).map { i + $0 }
    }

    /// The byte length of a clitic starting at `i` and ending the word, or nil.
    private func cliticLength(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        var j = i
        var sawN = false
        if j < end, text[j] | 0x20 == 0x6E {  // n’t
            sawN = true
            j += 1
        }
        guard j < end else { return nil }
        let (apostrophe, al) = Utf8.decode(text, at: j)
        guard CharacterClass.isApostrophe(apostrophe) else { return nil }
        j += al
        var letters: [UInt8] = []
        while j < end, (text[j] | 0x20) >= 0x61, (text[j] | 0x20) <= 0x7A, letters.count < 3 {
            letters.append(text[j] | 0x20)
            j += 1
        }
        if j < end {
            let (after, _) = Utf8.decode(text, at: j)
            if CharacterClass.isLetter(after) { return nil }
        }
        let suffix = String(decoding: letters, as: UTF8.self)
        if sawN { return suffix == "t" ? j - i : nil }
        return ["s", "re", "ve", "ll", "d", "m"].contains(suffix) ? j - i : nil
    }

    private func word(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        var j = i
        var innerPeriod = false
        while j < end {
            let byteClass = CharacterClass.asciiClass(text[j])
            if byteClass >= CharacterClass.asciiUpper, byteClass <= CharacterClass.asciiDigit {
                // Stop before a clitic: "do|n’t", "Sessions|’s".
                if text[j] | 0x20 == 0x6E, j > i, j + 1 < end, text[j + 1] == 0x27 || text[j + 1] == 0xE2,
                    cliticLength(text, at: j, end: end) != nil
                {
                    break
                }
                j += 1
                continue
            }
            let (c, l) = Utf8.decode(text, at: j)
            if CharacterClass.isAlphanumeric(c) {
                j += l
                continue
            }
            guard j + l < end else { break }
            let (next, _) = Utf8.decode(text, at: j + l)
            let previous = Utf8.decode(text, at: Utf8.previousStart(text, before: j)).scalar
            switch c {
            case 0x2E where CharacterClass.isAlphanumeric(next):  // U.S, 3.5, example.org
                innerPeriod = true
                j += l
                continue
            case 0x2C where CharacterClass.isDigit(previous) && CharacterClass.isDigit(next):  // 5,000
                j += l
                continue
            case 0x2D where CharacterClass.isAlphanumeric(next):  // well-known, U.S.-Mexico, COVID-19
                j += l
                continue
            case 0x2E where next == 0x2D && innerPeriod:  // the "." of "U.S." before "-Mexico"
                j += l
                continue
            default:
                if CharacterClass.isApostrophe(c), CharacterClass.isLetter(next), cliticLength(text, at: j, end: end) == nil {
                    j += l  // O’Brien
                    continue
                }
            }
            break
        }
        // A final period that belongs to the word: "U.S.", "Mr.", "J.".
        if j < end, text[j] == 0x2E, !(j + 1 < end && text[j + 1] == 0x2E) {
            let (first, firstLength) = Utf8.decode(text, at: i)
            let isInitial = i + firstLength == j && CharacterClass.isUpper(first)
            let hasLettersOnly = !text[i..<j].contains { $0 >= 0x30 && $0 <= 0x39 }
            if isInitial || (innerPeriod && hasLettersOnly)
                || packedAbbreviations.contains(text, i, j)
            {
                j += 1
            }
        }
        return j
    }

    private func punctuation(_ text: UnsafeBufferPointer<UInt8>, at i: Int, c: UInt32, length: Int, end: Int) -> Int {
        // "..." and "--" stay whole.
        if c == 0x2E || c == 0x2D {
            var j = i
            while j < end, text[j] == UInt8(c) { j += 1 }
            if j - i >= 2 { return j }
        }
        return i + length
    }

    // MARK: - Features


    private static let numberWords: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
        "trillion", "dozen", "dozens", "hundreds", "thousands", "millions", "billions",
    ]
    /// ``numberWords`` of up to eight letters, packed (see ``Abbreviations/packed(_:_:_:)``).
    private static let packedNumberWords = PackedWords(numberWords)
    /// Whether a byte (lower-cased) starts one of ``numberWords``: a cheap filter first.
    private static let numberWordInitials: [Bool] = (0..<256).map { b in
        numberWords.contains { $0.utf8.first == UInt8(b) }
    }
    private static let packedMagnitudeSuffixes = PackedWords(["k", "m", "bn", "b", "tn", "mn", "million", "billion"])

    private func features(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenFlags {
        var letters = 0, uppers = 0, lowers = 0, digits = 0, others = 0
        var firstLetterUpper = false
        var laterUpper = false
        var quotes = 0, currency = 0
        var i = start
        while i < end {
            // ASCII letters and digits from the table; anything else decoded.
            switch CharacterClass.asciiClass(text[i]) {
            case CharacterClass.asciiUpper:
                if letters == 0 { firstLetterUpper = true } else { laterUpper = true }
                letters += 1
                uppers += 1
                i += 1
                continue
            case CharacterClass.asciiLower:
                letters += 1
                lowers += 1
                i += 1
                continue
            case CharacterClass.asciiDigit:
                digits += 1
                i += 1
                continue
            default: break
            }
            let (c, l) = Utf8.decode(text, at: i)
            if CharacterClass.isDigit(c) {
                digits += 1
            } else if CharacterClass.isLetter(c) {
                let upper = CharacterClass.isUpper(c)
                if letters == 0 { firstLetterUpper = upper } else if upper { laterUpper = true }
                letters += 1
                if upper { uppers += 1 } else if CharacterClass.isLower(c) { lowers += 1 }
            } else {
                others += 1
                if c == 0x22 || c == 0x27 || c == 0x60 || (c >= 0x2018 && c <= 0x201F) || c == 0xAB || c == 0xBB {
                    quotes += 1
                }
                if CharacterClass.isCurrency(c) { currency += 1 }
            }
            i += l
        }
        var flags: TokenFlags = []
        if letters > 0 && firstLetterUpper && !laterUpper && lowers > 0 { flags.insert(.isTitle) }
        if uppers > 0 && lowers == 0 { flags.insert(.isUpper) }
        if letters > 0 && digits == 0 && others == 0 { flags.insert(.isAlpha) }
        if digits > 0 && letters == 0 && others == 0 { flags.insert(.isDigit) }
        if letters == 0 && digits == 0 {
            if currency > 0 && currency == others { flags.insert(.isCurrency) } else { flags.insert(.isPunct) }
            if quotes > 0 && quotes == others { flags.insert(.isQuote) }
        }
        if digits > 0 || (letters >= 3 && letters <= 9 && others == 0 && Self.numberWordInitials[Int(text[start] | 0x20)]) {
            if likeNumber(text, start, end, digits: digits) { flags.insert(.likeNum) }
        }
        return flags
    }

    private func likeNumber(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, digits: Int) -> Bool {
        if digits == 0 {
            return Self.packedNumberWords.contains(text, start, end)
                || (end - start == 9 && Self.numberWords.contains(lowercased(text, start, end)))
        }
        // Digits with separators, then an optional magnitude suffix: 5,000 1.5 20m 1.5bn.
        guard CharacterClass.isDigit(UInt32(text[start])) else { return false }
        var numberEnd = end
        while numberEnd > start, (text[numberEnd - 1] | 0x20) >= 0x61, (text[numberEnd - 1] | 0x20) <= 0x7A {
            numberEnd -= 1
        }
        guard CharacterClass.isDigit(UInt32(text[numberEnd - 1])) else { return false }
        for b in text[start..<numberEnd] where !(b >= 0x30 && b <= 0x39 || b == 0x2C || b == 0x2E) { return false }
        return numberEnd == end || Self.packedMagnitudeSuffixes.contains(text, numberEnd, end)
    }

    /// The bytes lower-cased (ASCII letters only), as a string.
    private func lowercased(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { buffer in
            for (k, b) in text[start..<end].enumerated() { buffer[k] = b >= 65 && b <= 90 ? b | 0x20 : b }
            return end - start
        }
    }
}
