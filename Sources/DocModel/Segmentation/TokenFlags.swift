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

/// What a token is made of, noted code point by code point: the tokenizer notes a word's
/// letters while it scans it, so that its flags cost no second pass over its bytes. Two
/// integers, which stay in registers.
struct TokenFeatures {
    /// How many letters (of any script).
    private var letters = 0
    /// Which kinds of code point have been seen (the constants below).
    private var seen: UInt16 = 0

    private static let lower: UInt16 = 1 << 0, upper: UInt16 = 1 << 1
    private static let firstLetterUpper: UInt16 = 1 << 2, laterUpper: UInt16 = 1 << 3
    private static let digit: UInt16 = 1 << 4, other: UInt16 = 1 << 5
    private static let quote: UInt16 = 1 << 6, notQuote: UInt16 = 1 << 7
    private static let currency: UInt16 = 1 << 8, notCurrency: UInt16 = 1 << 9

    /// Notes `count` lower-case ASCII letters (one or more).
    @inline(__always)
    mutating func addLowercase(_ count: Int) {
        seen |= Self.lower
        letters &+= count
    }

    /// Notes an upper-case ASCII letter.
    @inline(__always)
    mutating func addUppercase() { addLetter(upper: true, lower: false) }

    /// Notes an ASCII digit.
    @inline(__always)
    mutating func addDigit() { seen |= Self.digit }

    @inline(__always)
    private mutating func addLetter(upper: Bool, lower: Bool) {
        if upper { seen |= Self.upper | (letters == 0 ? Self.firstLetterUpper : Self.laterUpper) }
        if lower { seen |= Self.lower }
        letters &+= 1
    }

    /// Notes any code point.
    @inline(__always)
    mutating func add(_ c: UInt32) {
        if c < 0x80 {
            if c >= 0x61 && c <= 0x7A { return addLowercase(1) }
            if c >= 0x41 && c <= 0x5A { return addUppercase() }
            if CharacterClass.isDigit(c) { return addDigit() }
        } else if CharacterClass.isLetter(c) {
            // Outside ASCII Unicode knows the case (some scripts have none).
            let upper = CharacterClass.isUpper(c)
            return addLetter(upper: upper, lower: !upper && CharacterClass.isLower(c))
        }
        let isQuote = c == 0x22 || c == 0x27 || c == 0x60 || (c >= 0x2018 && c <= 0x201F) || c == 0xAB || c == 0xBB
        seen |= Self.other | (isQuote ? Self.quote : Self.notQuote)
            | (CharacterClass.isCurrency(c) ? Self.currency : Self.notCurrency)
    }

    /// Notes every code point of `text[start..<end]`.
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

    /// The flags of the token `text[start..<end]` these notes describe.
    @inline(always)
    func flags(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, numberWords: NumberWords) -> TokenFlags {
        func saw(_ kinds: UInt16) -> Bool { seen & kinds != 0 }
        var flags: TokenFlags = []
        if letters > 0 {
            if saw(Self.firstLetterUpper) && !saw(Self.laterUpper) && saw(Self.lower) { flags.insert(.isTitle) }
            if !saw(Self.digit | Self.other) { flags.insert(.isAlpha) }
        } else if saw(Self.digit) {
            if !saw(Self.other) { flags.insert(.isDigit) }
        } else {
            flags.insert(saw(Self.currency) && !saw(Self.notCurrency) ? .isCurrency : .isPunct)
            if saw(Self.quote) && !saw(Self.notQuote) { flags.insert(.isQuote) }
        }
        if saw(Self.upper) && !saw(Self.lower) { flags.insert(.isUpper) }
        if saw(Self.digit) {
            if NumberWords.isFigure(text, start, end) { flags.insert(.likeNum) }
        } else if letters >= 3 && letters <= 9 && !saw(Self.other) && numberWords.contains(text, start, end) {
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

    /// The words of up to eight bytes, packed (see ``PackedWords``).
    private let short: PackedWords
    /// The longer words' bytes, compared one by one (there are two).
    private let long: [[UInt8]]
    /// For each letter "a" to "z", bit `n` set when a word of `n` bytes starts with it: most
    /// words are ruled out by their first letter and length alone.
    private let lengthsByInitial: [UInt32]

    /// ``english``, prepared once.
    static let prepared = NumberWords(english)

    init(_ words: Set<String>) {
        short = PackedWords(words)
        long = words.filter { $0.utf8.count > 8 }.map { Array($0.utf8) }
        var lengths = [UInt32](repeating: 0, count: 26)
        for word in words where word.utf8.count < 32 {
            guard let first = word.utf8.first, first >= 0x61, first <= 0x7A else { continue }
            lengths[Int(first - 0x61)] |= 1 << UInt32(word.utf8.count)
        }
        lengthsByInitial = lengths
    }

    /// Whether `text[start..<end]`, ASCII letters lower-cased, is one of the words.
    @inline(always)
    func contains(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let initial = Int(text[start] | 0x20) &- 0x61
        guard initial >= 0, initial < 26, end - start < 32, lengthsByInitial[initial] >> UInt32(end - start) & 1 != 0
        else { return false }
        return lookUp(text, start, end)
    }

    @inline(never)
    private func lookUp(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
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
