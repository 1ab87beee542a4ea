internal import CLuaShim

/// Writes Lua values in Lua syntax, for people to read: `2`, `"a\0b"`, `{1, 2, x = 1}`.
///
/// Values are read raw: a script's `__tostring`, `__index` or `__pairs` never runs (DESIGN §7).
/// Tables show their sequence first, then the other keys in a fixed order; tables nested
/// deeper than ``maxDepth`` show as `{…}`, a table met again inside itself as `<cycle>`, and
/// entries past ``maxItems`` as `…` with a count. Userdata show their type name (`Span: 0x…`).
public struct LuaFormatter: Sendable {
    /// How deep nested tables are written out.
    public var maxDepth: Int
    /// How many entries of one table are written out.
    public var maxItems: Int
    /// Whether a top-level string is written as a literal (`"a\n"`) or as its raw bytes.
    public var quoteStrings: Bool

    /// A formatter with the given limits.
    public init(maxDepth: Int = 4, maxItems: Int = 50, quoteStrings: Bool = true) {
        self.maxDepth = maxDepth
        self.maxItems = maxItems
        self.quoteStrings = quoteStrings
    }

    func describe(_ L: OpaquePointer, at index: Int32) -> String {
        let index = lua_absindex(L, index)
        if !quoteStrings, lua_type(L, index) == LUA_TSTRING { return rawString(L, at: index) }
        var path: [UnsafeRawPointer] = []
        return describe(L, at: index, depth: 0, path: &path)
    }

    private func describe(
        _ L: OpaquePointer, at index: Int32, depth: Int, path: inout [UnsafeRawPointer]
    ) -> String {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return "nil"
        case LUA_TBOOLEAN: return lua_toboolean(L, index) != 0 ? "true" : "false"
        case LUA_TNUMBER:
            // Lua's own number formatting (integers as such, floats with ".0" or an exponent),
            // applied to a copy so the original slot stays a number.
            lua_pushvalue(L, index)
            defer { loupe_pop(L, 1) }
            return String(cString: loupe_tostring(L, -1))
        case LUA_TSTRING: return Self.quote(rawBytes(L, at: index))
        case LUA_TTABLE: return describeTable(L, at: index, depth: depth, path: &path)
        default: return identity(L, at: index)
        }
    }

    private func describeTable(
        _ L: OpaquePointer, at index: Int32, depth: Int, path: inout [UnsafeRawPointer]
    ) -> String {
        // A read-only view (a module table another plugin returned) shows the table it shows.
        if LuaStack.pushViewTarget(L, of: index) {
            defer { loupe_pop(L, 1) }
            return describeTable(L, at: lua_gettop(L), depth: depth, path: &path)
        }
        let pointer = lua_topointer(L, index)!
        if path.contains(pointer) { return "<cycle>" }
        if depth >= maxDepth { return "{…}" }
        path.append(pointer)
        defer { path.removeLast() }

        var entries: [(key: LuaValue, keyText: String, valueText: String)] = []
        var skipped = 0
        lua_checkstack(L, 4)
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            defer { loupe_pop(L, 1) }
            if entries.count >= maxItems {
                skipped += 1
                continue
            }
            let key = lua_absindex(L, -2)
            let sortKey = scalarKey(L, at: key)
            let keyText = Self.isIdentifier(sortKey)
                ? Self.identifierText(sortKey)
                : "[" + describe(L, at: key, depth: depth + 1, path: &path) + "]"
            entries.append((sortKey, keyText, describe(L, at: lua_absindex(L, -1), depth: depth + 1, path: &path)))
        }
        if entries.isEmpty, skipped == 0 { return "{}" }
        entries.sort { LuaTable.keyPrecedes($0.key, $1.key) }
        var parts: [String] = []
        var expected: Int64 = 1
        for entry in entries {
            if case .integer(expected) = entry.key {
                parts.append(entry.valueText)
                expected += 1
            } else {
                parts.append("\(entry.keyText) = \(entry.valueText)")
            }
        }
        if skipped > 0 { parts.append("…(\(skipped) more)") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// Keys that sort by value (booleans, numbers, strings); others sort last.
    private func scalarKey(_ L: OpaquePointer, at index: Int32) -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            return lua_isinteger(L, index) != 0
                ? .integer(lua_tointegerx(L, index, nil)) : .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING: return .string(LuaString(bytes: rawBytes(L, at: index)))
        default: return .lightUserdata(UInt(bitPattern: lua_topointer(L, index)))
        }
    }

    /// `Span: 0x5581…`, `function: 0x…`: the `__name` of the metatable read raw.
    private func identity(_ L: OpaquePointer, at index: Int32) -> String {
        let address = UInt(bitPattern: lua_topointer(L, index))
        return "\(LuaStack.typeName(L, at: index)): 0x" + String(address, radix: 16)
    }

    private func rawBytes(_ L: OpaquePointer, at index: Int32) -> [UInt8] {
        var length = 0
        let pointer = lua_tolstring(L, index, &length)!
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    private func rawString(_ L: OpaquePointer, at index: Int32) -> String {
        String(decoding: rawBytes(L, at: index), as: UTF8.self)
    }

    private static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
        "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    private static func isIdentifier(_ key: LuaValue) -> Bool {
        guard case .string(let s) = key, let first = s.bytes.first else { return false }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 || b == 95 }
        return isLetter(first) && s.bytes.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) }
            && !keywords.contains(s.text)
    }

    private static func identifierText(_ key: LuaValue) -> String {
        guard case .string(let s) = key else { return "" }
        return s.text
    }

    /// A Lua string literal for `bytes`: printable text as is, control bytes escaped.
    /// When the bytes are not valid UTF-8, bytes above 127 are escaped as `\ddd` too, so the
    /// literal always reads back as the same bytes.
    public static func quote(_ bytes: [UInt8]) -> String {
        let keepHighBytes = String(validating: bytes, as: UTF8.self) != nil
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for (i, b) in bytes.enumerated() {
            switch b {
            case UInt8(ascii: "\""): out += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): out += Array(#"\\"#.utf8)
            case UInt8(ascii: "\n"): out += Array(#"\n"#.utf8)
            case UInt8(ascii: "\t"): out += Array(#"\t"#.utf8)
            case UInt8(ascii: "\r"): out += Array(#"\r"#.utf8)
            case 32..<127: out.append(b)
            case 128...255 where keepHighBytes: out.append(b)
            default:
                // "\1" followed by a digit would read as another byte: write "\001".
                let nextIsDigit = i + 1 < bytes.count && bytes[i + 1] >= 48 && bytes[i + 1] <= 57
                let digits = String(b)
                let padded = nextIsDigit ? String(repeating: "0", count: 3 - digits.count) + digits : digits
                out += Array(("\\" + padded).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
