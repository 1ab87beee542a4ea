import LoupeBindings
import LuaRuntime

/// Tab completion: what may follow the word before the cursor.
///
/// - globals of the session (and Lua's keywords);
/// - keys of tables reached by a dotted path (`string.fo` → `string.format`), read raw;
/// - fields (after `.`) and methods (after `:`) of Loupe's objects, from the API definition
///   (`doc:se` → `doc:sentences`);
/// - module names after `require "` (``moduleNames``);
/// - REPL commands after `:` at the start of the line, and API names after `:help `.
extension ReplSession {
    /// The characters that end a word for completion: a word is what follows the last of
    /// them (`doc:se` in `print(#doc:se`). The line editor must use the same set.
    public static let wordBreakCharacters = " \t\n\"'`@$><=;|&{(+-*/%^#~,[]})"

    /// Modules `require` can load in the session: those its installed plugins provide.
    public var moduleNames: [String] { configuration.plugins.plugins.flatMap(\.modules).uniqueSorted() }

    /// The completions of the word that ends `line` (the text before the cursor), each the
    /// whole word as it would read, sorted.
    public func completions(for line: String) -> [String] {
        let word = String(line.reversed().prefix { !Self.wordBreakCharacters.contains($0) }.reversed())
        let before = line.dropLast(word.count)
        if before.allSatisfy(\.isWhitespace), word.hasPrefix(":") {
            return Self.commands.map { ":" + $0.name }.filter { $0.hasPrefix(word) }
        }
        if before.drop(while: \.isWhitespace).hasPrefix(":help ") || before.drop(while: \.isWhitespace).hasPrefix(":h ") {
            return helpNames.filter { $0.hasPrefix(word) }
        }
        if Self.endsWithRequire(before) {
            return moduleNames.filter { $0.hasPrefix(word) }
        }
        guard let separator = word.lastIndex(where: { $0 == "." || $0 == ":" }) else {
            return (globalNames() + Self.keywords).filter { $0.hasPrefix(word) }.uniqueSorted()
        }
        let base = word[..<separator]
        let partial = word[word.index(after: separator)...]
        let path = base.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: { $0.isEmpty || $0.contains(":") }) else { return [] }
        let names = memberNames(at: path, methods: word[separator] == ":")
        return names.filter { $0.hasPrefix(partial) }.map { base + String(word[separator]) + $0 }.uniqueSorted()
    }

    /// `:help` accepts class names, `Class.member`, `doc:method` and function names.
    var helpNames: [String] {
        APIReference.names + LoupeAPI.classes.flatMap { info in
            info.members.filter { $0.kind == .method }.map { "\(info.name == "Document" ? "doc" : info.name.lowercased()):\($0.name)" }
        }
    }

    /// Whether `text` ends in `require "`, `require '` or `require("`.
    static func endsWithRequire(_ text: Substring) -> Bool {
        var rest = text
        guard let quote = rest.popLast(), quote == "\"" || quote == "'" else { return false }
        func trimmingTrailingSpace(_ s: Substring) -> Substring {
            var s = s
            while s.last?.isWhitespace == true { s.removeLast() }
            return s
        }
        rest = trimmingTrailingSpace(rest)
        if rest.last == "(" { rest = trimmingTrailingSpace(rest.dropLast()) }
        return rest.hasSuffix("require")
    }

    private static let keywords = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    /// The session's global names.
    func globalNames() -> [String] {
        lookUp([])?.keys ?? []
    }

    /// The names that may follow `path` and `.` or `:`: a Loupe object's fields or methods
    /// (from the API definition), or a table's string keys.
    func memberNames(at path: [String], methods: Bool) -> [String] {
        guard let found = lookUp(path) else { return [] }
        if let info = LoupeAPI.classes.first(where: { $0.name == found.typeName }) {
            return info.members.filter { methods ? $0.kind == .method : $0.kind == .field }.map(\.name)
        }
        if found.typeName == "string", methods {
            return (try? environment.sandbox.rawGet("string")).flatMap { value -> [String]? in
                guard case .table(let table) = value else { return nil }
                return table.fields.compactMap { if case .string(let s) = $0.key { s.text } else { nil } }
            } ?? []
        }
        return found.keys
    }

    /// The type name (`__name` for userdata) of the value at `path` from the session's
    /// globals, and its string keys when it is a table. Tables are read raw; Loupe's objects
    /// are indexed (their fields are host functions, never a script's).
    func lookUp(_ path: [String]) -> (typeName: String, keys: [String])? {
        guard let function = completionHelper() else { return nil }
        let arguments = path.map { LuaValue.string(LuaString($0)) }
        return try? environment.state.call(function, arguments: arguments) { results in
            guard results.count >= 1, results.type(1) != .nil else { return nil }
            guard case .table(let keys)? = try? results.value(2) else { return (results.typeName(1), []) }
            return (results.typeName(1), keys.sequence.compactMap { if case .string(let s) = $0 { s.text } else { nil } })
        }
    }

    /// A function that walks a path from the session's globals (its ``scopes``, innermost
    /// first): compiled in the session's environment, but given the state's own `rawget`,
    /// `next`, `type` and `pcall`, so that nothing the session redefined runs.
    private func completionHelper() -> LuaValue? {
        if let lookupFunction { return lookupFunction }
        let source = """
            local rawget, next, type, pcall, select, scopes = ...
            return function(...)
              if select("#", ...) == 0 then
                local keys, n, seen = {}, 0, {}
                for s = 1, #scopes do
                  for key in next, scopes[s] do
                    if type(key) == "string" and not seen[key] then seen[key] = true; n = n + 1; keys[n] = key end
                    if n >= 5000 then break end
                  end
                end
                return scopes[1], keys
              end
              local value
              for s = 1, #scopes do
                value = rawget(scopes[s], (...))
                if value ~= nil then break end
              end
              for i = 2, select("#", ...) do
                local key = select(i, ...)
                if type(value) == "table" then
                  value = rawget(value, key)
                elseif type(value) == "userdata" then
                  local ok, field = pcall(function() return value[key] end)
                  if not ok then return nil end
                  value = field
                else
                  return nil
                end
              end
              local keys, n = {}, 0
              if type(value) == "table" then
                for key in next, value do
                  if type(key) == "string" then n = n + 1; keys[n] = key end
                  if n >= 5000 then break end
                end
              end
              return value, keys
            end
            """
        let lua = environment.state
        do throws(LuaError) {
            let chunk = try lua.load(source, chunkName: "=loupe.completion", environment: globals)
            let trusted = try ["rawget", "next", "type", "pcall", "select"].map { name throws(LuaError) -> LuaValue in
                do throws(LuaCallError) {
                    return try lua.globals.rawGet(name)
                } catch {
                    throw LuaError(kind: .runtime, message: error.text)
                }
            }
            let scopeList = LuaValue.table(LuaTable(sequence: scopes.map { .function($0) }))
            lookupFunction = try lua.call(.function(chunk), arguments: trusted + [scopeList]) { results throws(LuaError) in
                do throws(LuaCallError) { return try results.value(1) } catch { throw LuaError(kind: .runtime, message: error.text) }
            }
        } catch {
            return nil
        }
        return lookupFunction
    }
}

extension Array where Element == String {
    fileprivate func uniqueSorted() -> [String] { Array(Set(self)).sorted() }
}
