@testable import DocFormats
import Testing

/// The byte-level JSON parser: RFC 8259 grammar, member order, integers vs floats, escapes,
/// and errors that say where and what.
@Suite struct JSONParserTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
            var parser = JSONParser(buffer)
            return try parser.parseDocument()
        }
    }

    private func syntaxError(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func objectsKeepTheirMemberOrder() throws {
        let value = try parse(#"{"zeta": 1, "alpha": 2, "mid": 3}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["zeta", "alpha", "mid"])
    }

    @Test func scalarsAndNesting() throws {
        #expect(try parse(" [true, false, null, \"x\", [], {}] ") == .array([
            .boolean(true), .boolean(false), .null, .string("x"), .array([]), .object([]),
        ]))
    }

    @Test func integersAreToldFromOtherNumbers() throws {
        #expect(try parse("42") == .integer(42))
        #expect(try parse("-0") == .integer(0))
        #expect(try parse("-9223372036854775808") == .integer(.min))
        #expect(try parse("9223372036854775807") == .integer(.max))
        #expect(try parse("9223372036854775808") == .number(9223372036854775808))
        #expect(try parse("1.5") == .number(1.5))
        #expect(try parse("2e3") == .number(2000))
        #expect(try parse("-1.25E-2") == .number(-0.0125))
        #expect(try parse("10.0") == .number(10))
    }

    @Test func malformedNumbersAreRefused() {
        for bad in ["01", "-", "1.", ".5", "1e", "+1", "1e+", "0x10", "NaN", "-Infinity"] {
            #expect(syntaxError(bad) != nil, "\(bad) should not parse")
        }
    }

    @Test func escapesAreResolved() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\r\b\f""#) == .string("a\"b\\c/d\n\t\r\u{8}\u{C}"))
        #expect(try parse(#""caf\u00e9 \u20AC""#) == .string("café €"))
        // A surrogate pair is one code point.
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        // Raw UTF-8 passes through.
        #expect(try parse("\"naïve 😀\"") == .string("naïve 😀"))
        #expect(try parse(#""naïve \"quoted\" 😀 run\u0021 and tail""#) == .string("naïve \"quoted\" 😀 run! and tail"))
    }

    @Test func unpairedSurrogatesBecomeReplacementCharacters() throws {
        let bytes = Array(#"["\ud800x", "\udc00"]"#.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
            var parser = JSONParser(buffer)
            #expect(try parser.parseDocument() == .array([.string("\u{FFFD}x"), .string("\u{FFFD}")]))
            #expect(parser.sawInvalidText)
        }
    }

    @Test func invalidUTF8IsReplacedAndNoted() throws {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]  // "a\xFFb"
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
            var parser = JSONParser(buffer)
            #expect(try parser.parseDocument() == .string("a\u{FFFD}b"))
            #expect(parser.sawInvalidText)
        }
    }

    @Test func errorsSayWhereAndWhat() {
        let truncated = syntaxError(#"{"a": 1"#)
        #expect(truncated?.offset == 7)
        #expect(truncated?.message.contains("unexpected end of text") == true)

        let missingColon = syntaxError(#"{"a" 1}"#)
        #expect(missingColon?.offset == 5)
        #expect(missingColon?.message == "expected ':' after the object key \"a\"")

        let trailingComma = syntaxError("[1, 2,]")
        #expect(trailingComma?.offset == 6)
        #expect(trailingComma?.message == "unexpected ']' where a value was expected")

        #expect(syntaxError("{'a': 1}")?.message == "expected a string key in an object, found '''")
        #expect(syntaxError("[1 2]")?.message == "expected ',' or ']' after an array element, found '2'")
        #expect(syntaxError("{} x")?.message == "unexpected 'x' after the JSON value")
        #expect(syntaxError("tru")?.message == "unexpected end of text in 'true'")
        #expect(syntaxError("nul!")?.message == "expected 'null'")
        #expect(syntaxError(#""a\qb""#)?.message == "invalid escape '\\q' in a string")
        #expect(syntaxError(#""\u12G4""#)?.message == "invalid \\u escape: 'G' is not a hexadecimal digit")
        #expect(syntaxError("\"a\nb\"")?.message == "a line break inside a string (write it as \\n)")
        #expect(syntaxError(#""never closed"#)?.message == "a string opened here is never closed")
        #expect(syntaxError(#""never closed"#)?.offset == 0)
        #expect(syntaxError("")?.message == "unexpected end of text where a value was expected")
    }

    @Test func nestingIsLimited() throws {
        let deep = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(syntaxError(deep) == nil)
        let tooDeep = String(repeating: "[", count: JSONParser.maxDepth + 1)
            + String(repeating: "]", count: JSONParser.maxDepth + 1)
        #expect(syntaxError(tooDeep)?.message == "nesting deeper than \(JSONParser.maxDepth) levels")
        // A hostile file (a million brackets) fails cleanly instead of overflowing the stack.
        #expect(syntaxError(String(repeating: "[", count: 1_000_000)) != nil)
    }
}
