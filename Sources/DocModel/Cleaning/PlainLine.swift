/// Finding where a line ends and whether cleaning would leave it as it is, eight bytes at a
/// time: most lines of news text are "plain" (printable ASCII, one space between words, none
/// at either end), and the cleaner copies those without looking at them byte by byte.
enum PlainLine {
    /// Where the line starting at `start` ends (its "\n", or the end of `body`), and whether it
    /// is plain. An empty line is not.
    static func scan(_ body: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, plain: Bool) {
        var i = start
        var plain = true
        var previousSpace = true  // so that a space opening the line counts as a double one
        while i + 8 <= body.count {
            let word = SWAR.load(body, at: i)
            var spaces = SWAR.bytes(of: word, equalTo: 0x20)
            // Not printable ASCII (a "\n" among them).
            var unprintable = ~SWAR.bytes(of: word, from: 0x20, through: 0x7E) & 0x8080_8080_8080_8080
            var doubleSpaces = spaces & (spaces << 8 | (previousSpace ? 0x80 : 0))
            if unprintable | doubleSpaces == 0 {  // eight plain bytes inside the line
                previousSpace = spaces >> 63 != 0
                i += 8
                continue
            }
            let newlines = SWAR.bytes(of: word, equalTo: 0x0A)
            let length = newlines == 0 ? 8 : SWAR.firstMarked(newlines)  // bytes before the "\n"
            if length < 8 {
                let kept: UInt64 = length == 0 ? 0 : ~0 >> (64 - 8 * length)
                spaces &= kept
                unprintable &= kept
                doubleSpaces &= kept
            }
            if unprintable | doubleSpaces != 0 { plain = false }
            if length > 0 { previousSpace = spaces >> (8 * length - 1) != 0 }
            if length < 8 { return (i + length, plain && !previousSpace) }
            i += 8
        }
        while i < body.count, body[i] != 0x0A {
            let b = body[i]
            if b == 0x20 {
                if previousSpace { plain = false }
                previousSpace = true
            } else {
                if b < 0x20 || b >= 0x7F { plain = false }
                previousSpace = false
            }
            i += 1
        }
        return (i, plain && !previousSpace)
    }
}
