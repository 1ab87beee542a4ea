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

/// What a token is made of, counted code point by code point: the tokenizer counts a word
/// while it scans it, so that its flags cost no second pass over its bytes.
struct TokenFeatures {
    private var letters = 0, uppers = 0, lowers = 0, digits = 0, others = 0
    private var quotes = 0, currency = 0
    private var firstLetterUpper = false, laterUpper = false

    /// Counts an ASCII letter.
    @inline(__always)
    mutating func addASCIILetter(_ b: UInt8) {
        if b < 0x61 {
            if letters == 0 { firstLetterUpper = true } else { laterUpper = true }
            uppers += 1
        } else {
            lowers += 1
        }
        letters += 1
    }

    /// Counts an ASCII digit.
    @inline(__always)
    mutating func addDigit() { digits += 1 }

    /// Counts any code point.
    @inline(__always)
    mutating func add(_ c: UInt32) {
        if c < 0x80 {
            if CharacterClass.isASCIILetter(c) { return addASCIILetter(UInt8(c)) }
            if CharacterClass.isDigit(c) { return addDigit() }
        } else if CharacterClass.isLetter(c) {
            return addLetter(c)
        }
        others += 1
        if c == 0x22 || c == 0x27 || c == 0x60 || (c >= 0x2018 && c <= 0x201F) || c == 0xAB || c == 0xBB {
            quotes += 1
        }
        if CharacterClass.isCurrency(c) { currency += 1 }
    }

    /// Counts a letter outside ASCII, whose case Unicode knows.
    private mutating func addLetter(_ c: UInt32) {
        let upper = CharacterClass.isUpper(c)
        if letters == 0 { firstLetterUpper = upper } else if upper { laterUpper = true }
        letters += 1
        if upper { uppers += 1 } else if CharacterClass.isLower(c) { lowers += 1 }
    }

    /// Counts every code point of `text[start..<end]`.
    static func of(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenFeatures {
        var features = TokenFeatures()
        var i = start
        while i < end {
            let (c, length) = Utf8.decode(text, at: i)
            features.add(c)
            i += length
        }
        return features
    }

    /// The flags of the token `text[start..<end]` these counts describe.
    func flags(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, numberWords: NumberWords) -> TokenFlags {
        var flags: TokenFlags = []
        if letters > 0 && firstLetterUpper && !laterUpper && lowers > 0 { flags.insert(.isTitle) }
        if uppers > 0 && lowers == 0 { flags.insert(.isUpper) }
        if letters > 0 && digits == 0 && others == 0 { flags.insert(.isAlpha) }
        if digits > 0 && letters == 0 && others == 0 { flags.insert(.isDigit) }
        if letters == 0 && digits == 0 {
            if currency > 0 && currency == others { flags.insert(.isCurrency) } else { flags.insert(.isPunct) }
            if quotes > 0 && quotes == others { flags.insert(.isQuote) }
        }
        if digits > 0 {
            if NumberWords.isFigure(text, start, end) { flags.insert(.likeNum) }
        } else if letters >= 3 && letters <= 9 && others == 0 && numberWords.contains(text, start, end) {
            flags.insert(.likeNum)
        }
        return flags
    }
}

/// Words that read as numbers ("seven", "million"), and figures ("5,000", "1.5bn").
struct NumberWords: Sendable {
    /// The words, lower case.
    static let english: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
        "trillion", "dozen", "dozens", "hundreds", "thousands", "millions", "billions",
    ]

    /// The words of up to eight bytes, packed (see ``Abbreviations/packed(_:_:_:)``).
    private let short: PackedWords
    /// The longer words' bytes, compared one by one (there are two).
    private let long: [[UInt8]]
    /// Bit `n` set when a word starts with the `n`th letter: most words are ruled out by their
    /// first letter alone.
    private let initials: UInt32

    /// ``english``, prepared once.
    static let prepared = NumberWords(english)

    init(_ words: Set<String>) {
        short = PackedWords(words)
        long = words.filter { $0.utf8.count > 8 }.map { Array($0.utf8) }
        initials = words.reduce(0) { mask, word in
            guard let first = word.utf8.first, first >= 0x61, first <= 0x7A else { return mask }
            return mask | 1 << UInt32(first - 0x61)
        }
    }

    /// Whether `text[start..<end]`, ASCII letters lower-cased, is one of the words.
    @inline(__always)
    func contains(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let first = text[start] | 0x20
        guard first >= 0x61, first <= 0x7A, initials >> UInt32(first - 0x61) & 1 != 0 else { return false }
        if end - start <= 8 { return short.contains(text, start, end) }
        return long.contains { word in
            word.count == end - start && word.indices.allSatisfy { k in
                let b = text[start + k]
                return (b >= 65 && b <= 90 ? b | 0x20 : b) == word[k]
            }
        }
    }

    /// Digits with separators, then an optional magnitude suffix: "5,000", "1.5", "20m", "1.5bn".
    static func isFigure(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard CharacterClass.isDigit(UInt32(text[start])) else { return false }
        var numberEnd = end
        while numberEnd > start, (text[numberEnd - 1] | 0x20) >= 0x61, (text[numberEnd - 1] | 0x20) <= 0x7A {
            numberEnd -= 1
        }
        guard CharacterClass.isDigit(UInt32(text[numberEnd - 1])) else { return false }
        for k in start..<numberEnd {
            let b = text[k]
            if !(b >= 0x30 && b <= 0x39 || b == 0x2C || b == 0x2E) { return false }
        }
        return numberEnd == end || magnitudeSuffixes.contains(text, numberEnd, end)
    }

    private static let magnitudeSuffixes = PackedWords(["k", "m", "bn", "b", "tn", "mn", "million", "billion"])
}
