#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turning a page's bytes into UTF-8 text: the byte-order mark or the charset the page
/// declares (`<meta charset>`, `<meta http-equiv="Content-Type">`), else UTF-8.
enum PageDecoding {
    /// How far into the page a charset declaration is looked for.
    static let declarationWindow = 32 * 1024

    /// The page as UTF-8 text and any warnings about its decoding.
    static func decode(_ bytes: [UInt8], path: String) -> (text: String, warnings: [String]) {
        var body = bytes[...]
        var charset: String
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = bytes.dropFirst(3)
            charset = "utf-8"
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            charset = "utf-16le"
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            charset = "utf-16be"
        } else {
            charset = declaredCharset(bytes) ?? "utf-8"
        }
        // Browsers read these labels as windows-1252 (WHATWG Encoding), and so do pages.
        if ["iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1", "cp1252", "l1"].contains(charset) {
            charset = "windows-1252"
        }
        if charset == "utf-8" || charset == "utf8" || charset == "unicode-1-1-utf-8" {
            return utf8(body)
        }
        if charset == "windows-1252" { return (windows1252(body), []) }
        if let text = transcode(body, from: charset) { return (text, []) }
        let (text, warnings) = utf8(body)
        return (text, ["the page declares charset '\(charset)', which Loupe cannot decode; read it as UTF-8"] + warnings)
    }

    /// The bytes as UTF-8, invalid sequences replaced by U+FFFD with a warning.
    private static func utf8(_ bytes: ArraySlice<UInt8>) -> (String, [String]) {
        if let valid = String(validating: bytes, as: UTF8.self) { return (valid, []) }
        return (String(decoding: bytes, as: UTF8.self), [
            "invalid UTF-8 replaced with U+FFFD; declare the page's charset or re-encode it as UTF-8",
        ])
    }

    /// The charset named by the first `<meta>` that declares one, lower-cased.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let window = Array(bytes.prefix(declarationWindow).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        let meta = Array("<meta".utf8), key = Array("charset".utf8)
        var i = 0
        while let start = find(meta, in: window, from: i) {
            var end = start + meta.count
            while end < window.count, window[end] != 0x3E { end += 1 }  // '>'
            var k = start
            while let at = find(key, in: window, from: k), at < end {
                var j = at + key.count
                while j < end, window[j] == 0x20 || window[j] == 0x09 || window[j] == 0x0A || window[j] == 0x0D { j += 1 }
                if j < end, window[j] == 0x3D {  // '='
                    j += 1
                    while j < end, window[j] == 0x20 || window[j] == 0x22 || window[j] == 0x27 { j += 1 }
                    var stop = j
                    while stop < end, isLabelByte(window[stop]) { stop += 1 }
                    if stop > j { return String(decoding: window[j..<stop], as: UTF8.self) }
                }
                k = at + key.count
            }
            i = end
        }
        return nil
    }

    private static func isLabelByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// windows-1252's bytes 0x80–0x9F; the undefined five map to themselves (as browsers do).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Decodes windows-1252 (and so ISO-8859-1 and ASCII pages).
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            let value = b >= 0x80 && b <= 0x9F ? windows1252High[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Converts `bytes` from `charset` with iconv; `nil` if iconv does not know it or the
    /// bytes are not in it.
    static func transcode(_ bytes: ArraySlice<UInt8>, from charset: String) -> String? {
        let converter = iconv_open("UTF-8", charset)
        guard Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output[..<produced], as: UTF8.self)
    }
}
