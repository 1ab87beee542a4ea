import LuaRuntime

/// Writes Lua values as compact JSON, byte for byte the same for the same value.
///
/// Tables with only a sequence become arrays, others objects (keys in the snapshot's fixed
/// order; non-string keys written as strings). Integers keep their digits; floats use the
/// shortest form that reads back exactly; NaN and infinities, which JSON cannot hold, become
/// `null`. Invalid UTF-8 in strings is replaced with U+FFFD.
public enum JSONWriter {
    /// The JSON text of `value`.
    public static func string(_ value: LuaValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    static func write(_ value: LuaValue, into out: inout String) {
        switch value {
        case .nil: out += "null"
        case .boolean(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += d.isFinite ? formatDouble(d) : "null"
        case .string(let s): writeString(s.text, into: &out)
        case .table(let table):
            if table.fields.isEmpty, !table.sequence.isEmpty {
                out += "["
                for (i, element) in table.sequence.enumerated() {
                    if i > 0 { out += "," }
                    write(element, into: &out)
                }
                out += "]"
                return
            }
            out += "{"
            var first = true
            for (i, element) in table.sequence.enumerated() {
                if !first { out += "," }
                first = false
                writeString(String(i + 1), into: &out)
                out += ":"
                write(element, into: &out)
            }
            for field in table.fields {
                if !first { out += "," }
                first = false
                writeString(keyText(field.key), into: &out)
                out += ":"
                write(field.value, into: &out)
            }
            out += "}"
        default: writeString("<\(value.typeName)>", into: &out)
        }
    }

    private static func keyText(_ key: LuaValue) -> String {
        switch key {
        case .string(let s): s.text
        case .integer(let i): String(i)
        case .number(let d): formatDouble(d)
        case .boolean(let b): b ? "true" : "false"
        default: "<\(key.typeName)>"
        }
    }

    /// The shortest text that reads back as `d`; floats keep a fraction (`2.0`), as in Lua.
    static func formatDouble(_ d: Double) -> String { "\(d)" }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: copy them whole. (0xE2 starts U+2028 and U+2029.)
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
