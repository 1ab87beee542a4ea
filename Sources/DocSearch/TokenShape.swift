import DocModel

/// Token shapes, as spaCy writes them: upper-case letters become `X`, other letters `x`,
/// digits `d`, anything else stays; a run of the same shape character stops growing after
/// four ("Washington" → "Xxxxx", "U.S." → "X.X.", "1,500" → "d,ddd", "COVID-19" → "XXXX-dd").
/// Tokens of 100 code points or more have the shape "LONG".
public enum TokenShape {
    /// The shape of `token`.
    public static func of(_ token: String) -> String {
        var out: [UInt8] = []
        let utf8 = Array(token.utf8)
        utf8.withUnsafeBufferPointer { append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the shape of `token` (valid UTF-8) to `out`.
    /// - Complexity: O(n) in the token's length; no allocation beyond `out`'s growth.
    static func append(_ token: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if Utf8.codePoints(in: token, from: 0, to: token.count) >= 100 {
            out.append(contentsOf: "LONG".utf8)
            return
        }
        var last: UInt32 = 0xFFFF_FFFF
        var run = 0
        var i = 0
        while i < token.count {
            let (c, length) = Utf8.decode(token, at: i)
            let shape = shapeCharacter(c)
            if shape == last { run += 1 } else { run = 0; last = shape }
            if run < 4 {
                if shape == c {
                    out.append(contentsOf: token[i..<(i + length)])
                } else {
                    out.append(UInt8(shape))
                }
            }
            i += length
        }
    }

    /// `X`, `x`, `d`, or the code point itself.
    @inline(__always)
    private static func shapeCharacter(_ c: UInt32) -> UInt32 {
        if c < 0x80 {
            if c >= 0x41 && c <= 0x5A { return 0x58 }  // X
            if c >= 0x61 && c <= 0x7A { return 0x78 }  // x
            if c >= 0x30 && c <= 0x39 { return 0x64 }  // d
            return c
        }
        guard let properties = Unicode.Scalar(c)?.properties else { return c }
        if properties.isAlphabetic { return properties.isUppercase ? 0x58 : 0x78 }
        if properties.numericType == .decimal { return 0x64 }
        return c
    }
}
