import LoupeEngine
import LuaRuntime
import Testing

@Suite struct JSONWriterTests {
    @Test func scalars() {
        #expect(JSONWriter.string(.nil) == "null")
        #expect(JSONWriter.string(true) == "true")
        #expect(JSONWriter.string(-12) == "-12")
        #expect(JSONWriter.string(2.0) == "2.0")
        #expect(JSONWriter.string(0.1) == "0.1")
        #expect(JSONWriter.string(.number(.nan)) == "null")
        #expect(JSONWriter.string(.number(.infinity)) == "null")
    }

    @Test func stringsAreEscaped() {
        #expect(JSONWriter.string("say \"hi\"\n\t\\ \u{1} \u{2028} ✓") == #""say \"hi\"\n\t\\ \u0001 \u2028 ✓""#)
        #expect(JSONWriter.string(.string(LuaString(bytes: [0x61, 0xFF]))) == "\"a\u{FFFD}\"")
    }

    @Test func tablesBecomeArraysOrObjects() {
        #expect(JSONWriter.string(.table(LuaTable(sequence: [1, "two"]))) == #"[1,"two"]"#)
        #expect(JSONWriter.string(.table(LuaTable())) == "{}")
        let row = LuaTable(["speaker": "Sessions", "n": 2, "parts": .table(LuaTable(sequence: [1, 2]))])
        #expect(JSONWriter.string(.table(row)) == #"{"n":2,"parts":[1,2],"speaker":"Sessions"}"#)
        let mixed = LuaTable(sequence: ["a"], fields: [.init(key: "k", value: true)])
        #expect(JSONWriter.string(.table(mixed)) == #"{"1":"a","k":true}"#)
    }
}
