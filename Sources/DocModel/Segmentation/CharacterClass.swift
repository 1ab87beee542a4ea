/// Classifying code points for segmentation, with ASCII and common blocks answered by
/// comparisons and the rest from Unicode properties. Quotes, dashes and spaces that news text uses are named here once.
enum CharacterClass {
    static let leftDoubleQuote: UInt32 = 0x201C, rightDoubleQuote: UInt32 = 0x201D
    static let leftSingleQuote: UInt32 = 0x2018, rightSingleQuote: UInt32 = 0x2019
    static let ellipsis: UInt32 = 0x2026

    /// ASCII letters and digits, by byte.
    @inline(__always)
    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool { isASCIILetter(UInt32(b)) || isDigit(UInt32(b)) }

    @inline(__always)
    static func isASCIILetter(_ c: UInt32) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Letters of any script (and marks, which belong to the letter before them).
    @inline(__always)
    static func isLetter(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIILetter(c) }
        if c < 0xC0 { return c == 0xAA || c == 0xB5 || c == 0xBA }
        if c <= 0x24F { return c != 0xD7 && c != 0xF7 }
        // General punctuation, currency and symbol blocks (quotes, dashes, €): common in news.
        if c >= 0x2000 && c <= 0x2BFF { return c == 0x2071 || c == 0x207F || (c >= 0x2090 && c <= 0x209C) }
        return UnicodeProperties.isLetter(c)
    }

    @inline(__always)
    static func isAlphanumeric(_ c: UInt32) -> Bool { isDigit(c) || isLetter(c) }

    @inline(__always)
    static func isUpper(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x41 && c <= 0x5A }
        return UnicodeProperties.isUpper(c)
    }

    @inline(__always)
    static func isLower(_ c: UInt32) -> Bool {
        if c < 0x80 { return c >= 0x61 && c <= 0x7A }
        return UnicodeProperties.isLower(c)
    }

    /// White space, including no-break and the typographic spaces.
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        switch c {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
            0x205F, 0x3000:
            true
        default: false
        }
    }

    /// Quotes and brackets that can close a sentence after its terminator (`.”`, `?)`).
    @inline(__always)
    static func isCloser(_ c: UInt32) -> Bool {
        switch c {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, rightDoubleQuote, rightSingleQuote, 0xBB, 0x203A: true
        default: false
        }
    }

    /// Quotes and brackets that can open a sentence.
    @inline(__always)
    static func isOpener(_ c: UInt32) -> Bool {
        switch c {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B, leftDoubleQuote, leftSingleQuote, 0xAB, 0x2039, 0x201E, 0x201A: true
        default: false
        }
    }

    /// Currency signs, which tokenise apart from the amount (`$`, `£`, `€`, `¥`…).
    @inline(__always)
    static func isCurrency(_ c: UInt32) -> Bool {
        c == 0x24 || (c >= 0xA2 && c <= 0xA5) || (c >= 0x20A0 && c <= 0x20CF)
    }

    /// Apostrophes inside words (`don’t`, `O'Brien`).
    @inline(__always)
    static func isApostrophe(_ c: UInt32) -> Bool { c == 0x27 || c == rightSingleQuote }
}

/// Unicode properties, asked out of line: the standard library's property types have no
/// fixed size on Linux, and a function that inlines a question about them sets up stack
/// space and type metadata on every call, even when it only ever sees ASCII.
enum UnicodeProperties {
    @inline(never)
    static func isLetter(_ c: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(c) else { return false }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.generalCategory == .nonspacingMark
    }

    @inline(never)
    static func isUpper(_ c: UInt32) -> Bool { Unicode.Scalar(c)?.properties.isUppercase ?? false }

    @inline(never)
    static func isLower(_ c: UInt32) -> Bool { Unicode.Scalar(c)?.properties.isLowercase ?? false }
}
