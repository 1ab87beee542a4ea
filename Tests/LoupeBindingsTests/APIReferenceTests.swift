import LoupeBindings
import LoupeTestSupport
import LuaRuntime
import Testing

/// The reference, `loupe help` and the editor definitions all come from the API definition.
@Suite struct APIReferenceTests {
    @Test func everyMemberIsDocumented() {
        for info in LoupeAPI.classes {
            #expect(!info.summary.isEmpty, "\(info.name) has a summary")
            for member in info.members {
                #expect(!member.doc.summary.isEmpty, "\(info.name).\(member.name) has a summary")
                if member.kind == .field { #expect(!member.type.isEmpty, "\(info.name).\(member.name) has a type") }
            }
        }
        for function in LoupeAPI.functions + LoupeAPI.callbacks {
            #expect(!function.doc.summary.isEmpty, "\(function.name) has a summary")
        }
    }

    @Test func helpFindsEveryName() {
        for name in APIReference.names {
            #expect(!APIReference.help(name).isEmpty, "help for \(name)")
        }
        #expect(APIReference.help("doc:sentences").first?.hasPrefix("doc:sentences()") == true)
        #expect(APIReference.help("Span.text").first?.hasPrefix("Span.text: string") == true)
        #expect(APIReference.help("nothing-like-this").isEmpty)
    }

    @Test func theReferenceCoversEverything() {
        let markdown = APIReference.markdown(version: "9.9.9")
        for info in LoupeAPI.classes {
            #expect(markdown.contains("## \(info.name)"))
            for member in info.members where member.kind != .metamethod {
                #expect(markdown.contains("`\(member.name)`") || markdown.contains(":\(member.name)("), "\(info.name).\(member.name)")
            }
        }
        #expect(markdown.contains("### `loupe.kwic(doc, pattern, [width])`"))
    }

    /// lua-language-server may not be installable here, so the definitions are checked the
    /// way it reads them: valid Lua, and annotations in its grammar with types it can parse.
    @Test func editorDefinitionsAreValidLuaAndAnnotations() throws {
        let definitions = APIReference.luaDefinitions(version: "9.9.9")
        _ = try LuaState().load(definitions, chunkName: "=loupe.d.lua")
        var classes: Set<String> = []
        for line in definitions.split(separator: "\n") where line.hasPrefix("---@") {
            let body = String(line.dropFirst(4))
            let words = body.split(separator: " ", maxSplits: 2).map(String.init)
            switch words[0] {
            case "meta": #expect(words.count == 2)
            case "class": classes.insert(words[1])
            case "field", "param":
                #expect(words.count >= 3, "\(line)")
                #expect(LuaLSType.startsWithType(words.count > 2 ? words[2] : ""), "type in \(line)")
            case "overload":
                #expect(body.hasPrefix("overload fun("), "\(line)")
                #expect(LuaLSType.isValid(String(body.dropFirst("overload ".count))), "type in \(line)")
            case "return", "type":
                #expect(LuaLSType.startsWithType(String(body.dropFirst(words[0].count + 1))), "type in \(line)")
            case "operator":
                #expect(["len:", "call:", "concat:", "unm:"].contains(words[1]), "\(line)")
                #expect(LuaLSType.startsWithType(words.count > 2 ? words[2] : ""))
            default: Issue.record("unknown annotation: \(line)")
            }
        }
        // Callable module tables are classes too.
        #expect(classes == Set(LoupeAPI.classes.map(\.name)).union(["loupe.stats"]))
        #expect(definitions.contains("---@class loupe.stats\n---@overload fun(name?: string): Stats\nloupe.stats = {}\n"))
        #expect(definitions.contains("function loupe.stats.frequencies(options) end"))
        #expect(!definitions.contains("function loupe.stats(name) end"))
        #expect(APIReference.luarc(definitionsDirectory: "defs").contains(#""workspace.library": ["defs"]"#))
    }
}

/// A small parser for the type expressions lua-language-server accepts (enough for ours).
enum LuaLSType {
    static func isValid(_ text: String) -> Bool {
        var parser = Parser(Array(text.utf8))
        return parser.union() && parser.atEnd
    }

    /// Whether `text` is a type, alone or followed by a space and a description.
    static func startsWithType(_ text: String) -> Bool {
        var parser = Parser(Array(text.utf8))
        return parser.union() && (parser.atEnd || parser.bytes[parser.i] == 32)
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { i == bytes.count }

        mutating func skipSpaces() { while i < bytes.count, bytes[i] == 32 { i += 1 } }
        mutating func eat(_ s: String) -> Bool {
            let saved = i
            skipSpaces()
            let b = Array(s.utf8)
            guard bytes[i...].starts(with: b) else {
                i = saved
                return false
            }
            i += b.count
            return true
        }

        mutating func union() -> Bool {
            guard single() else { return false }
            while eat("|") { guard single() else { return false } }
            return true
        }

        mutating func single() -> Bool {
            skipSpaces()
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: "\"") {  // a string literal type
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
                guard i < bytes.count else { return false }
                i += 1
            } else if eat("fun(") {
                if !eat(")") {
                    repeat {
                        guard name() else { return false }
                        _ = eat("?")  // an optional parameter: fun(name?: string)
                        if eat(":") { guard union() else { return false } }
                    } while eat(",")
                    guard eat(")") else { return false }
                }
                if eat(":") {
                    repeat { guard union() else { return false } } while eat(",")
                }
            } else if eat("(") {  // a parenthesised type: (string|number)[]
                guard union(), eat(")") else { return false }
            } else if eat("{") {
                repeat {
                    guard name(), eat(":"), union() else { return false }
                } while eat(",")
                guard eat("}") else { return false }
            } else {
                guard name() else { return false }
                if eat("<") {
                    repeat { guard union() else { return false } } while eat(",")
                    guard eat(">") else { return false }
                }
            }
            while eat("[]") {}
            _ = eat("?")
            return true
        }

        mutating func name() -> Bool {
            skipSpaces()
            let start = i
            while i < bytes.count, (bytes[i] | 0x20) >= 97 && (bytes[i] | 0x20) <= 122 || bytes[i] == 95
                || (i > start && bytes[i] >= 48 && bytes[i] <= 57) || bytes[i] == 46 && i > start
            {
                i += 1
            }
            if i == start, eat("...") { return true }
            return i > start
        }
    }
}
