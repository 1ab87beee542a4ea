/// Keeps a REPL line's top-level locals for the lines after it.
///
/// Each chunk Lua compiles is its own function, so `local x = 1` typed at the prompt would be
/// gone on the next line (as in `lua`). The REPL therefore rewrites top-level `local`
/// declarations into assignments to the session's globals before compiling:
///
/// | typed | compiled |
/// | --- | --- |
/// | `local x, y = 1, 2` | `x, y = 1, 2` |
/// | `local x` | `x = nil` |
/// | `local n <const> = 3` | `n = 3` |
/// | `local function f() … end` | `function f() … end` |
///
/// Locals inside functions and blocks (`do`, `if`, loops) are left alone: they stay local.
enum SessionLocals {
    /// `source` with its top-level `local` declarations made session variables.
    static func rewrite(_ source: String) -> String {
        let bytes = Array(source.utf8)
        let tokens = LuaTokens.scan(bytes)
        var edits: [(range: Range<Int>, replacement: String)] = []
        var depth = 0
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            guard token.kind == .name else {
                i += 1
                continue
            }
            switch token.text {
            case "function", "do", "if", "repeat": depth += 1
            case "end", "until": depth = max(0, depth - 1)
            case "local" where depth == 0:
                if i + 1 < tokens.count, tokens[i + 1].text == "function" {
                    // `local function f`: the body is a block; `function` is counted next.
                    edits.append((token.range, ""))
                    break
                }
                // local NAME [<attrib>] {, NAME [<attrib>]} [= ...]
                edits.append((token.range, ""))
                var j = i + 1
                var lastEnd = token.range.upperBound
                while j < tokens.count, tokens[j].kind == .name {
                    lastEnd = tokens[j].range.upperBound
                    j += 1
                    if j + 2 < tokens.count, tokens[j].text == "<", tokens[j + 1].kind == .name, tokens[j + 2].text == ">" {
                        edits.append((tokens[j].range.lowerBound..<tokens[j + 2].range.upperBound, ""))
                        j += 3
                    }
                    guard j < tokens.count, tokens[j].text == "," else { break }
                    j += 1
                }
                if !(j < tokens.count && tokens[j].text == "=" && !(j + 1 < tokens.count && tokens[j + 1].text == "=")) {
                    edits.append((lastEnd..<lastEnd, " = nil"))
                }
                i = j
                continue
            default: break
            }
            i += 1
        }
        guard !edits.isEmpty else { return source }
        var out = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            out.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
