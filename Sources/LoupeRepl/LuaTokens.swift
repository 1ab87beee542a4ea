/// A rough Lua tokenizer: enough to find keywords and names outside strings and comments
/// (for ``SessionLocals``), never to check syntax: Lua's own parser does that.
struct LuaTokens {
    /// A name or keyword, with its byte range in the source; other tokens are `symbol`s.
    struct Token: Equatable {
        enum Kind { case name, symbol }
        var kind: Kind
        var text: String
        var range: Range<Int>
    }

    /// The names, keywords and symbols of `source`, skipping strings, numbers and comments.
    static func scan(_ source: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = source.count
        func isNameStart(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 || b == 95 || b >= 0x80 }
        func isNameByte(_ b: UInt8) -> Bool { isNameStart(b) || (b >= 48 && b <= 57) }
        /// The level of a long bracket `[==[` at `at`, or nil.
        func longBracket(_ at: Int) -> Int? {
            guard at < n, source[at] == UInt8(ascii: "[") else { return nil }
            var j = at + 1
            while j < n, source[j] == UInt8(ascii: "=") { j += 1 }
            return j < n && source[j] == UInt8(ascii: "[") ? j - at - 1 : nil
        }
        /// Skips past the `]==]` closing a long bracket of `level` opened at `at`.
        func skipLong(_ at: Int, level: Int) -> Int {
            let close = [UInt8(ascii: "]")] + Array(repeating: UInt8(ascii: "="), count: level) + [UInt8(ascii: "]")]
            var j = at + level + 2
            while j + close.count <= n {
                if source[j] == close[0], Array(source[j..<(j + close.count)]) == close { return j + close.count }
                j += 1
            }
            return n
        }
        while i < n {
            let b = source[i]
            if b == UInt8(ascii: "-"), i + 1 < n, source[i + 1] == UInt8(ascii: "-") {
                if let level = longBracket(i + 2) {
                    i = skipLong(i + 2, level: level)
                } else {
                    while i < n, source[i] != UInt8(ascii: "\n") { i += 1 }
                }
            } else if let level = longBracket(i) {
                i = skipLong(i, level: level)
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                i += 1
                while i < n, source[i] != b, source[i] != UInt8(ascii: "\n") {
                    i += source[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i += 1
            } else if isNameStart(b) {
                let start = i
                while i < n, isNameByte(source[i]) { i += 1 }
                tokens.append(Token(kind: .name, text: String(decoding: source[start..<i], as: UTF8.self), range: start..<i))
            } else if b >= 48 && b <= 57 {
                while i < n, isNameByte(source[i]) || source[i] == UInt8(ascii: ".") { i += 1 }
            } else if b == 32 || b == 9 || b == 10 || b == 13 {
                i += 1
            } else {
                tokens.append(Token(kind: .symbol, text: String(UnicodeScalar(b)), range: i..<(i + 1)))
                i += 1
            }
        }
        return tokens
    }
}
