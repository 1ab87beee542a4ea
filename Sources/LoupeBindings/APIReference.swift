import Foundation
import LuaRuntime

/// Renders ``LoupeAPI``: the Markdown reference (`loupe docs`), one entry for `loupe help`,
/// and lua-language-server definitions (`loupe types`).
public enum APIReference {
    // MARK: - Markdown

    /// The whole reference, in Markdown.
    public static func markdown(version: String) -> String {
        var out = """
            # Loupe Lua API reference

            Generated from Loupe's API definition by `loupe docs` (Loupe \(version)); do not edit by hand.

            A script is a Lua file that defines `document(doc)`; Loupe calls it once per document. \
            Scripts run in a sandbox with Lua's `string`, `table`, `math`, `utf8` and `coroutine` \
            libraries and `os.time`, `os.date`, `os.clock` and `os.difftime`. Positions (`start`, \
            `stop`) are 1-based byte positions in `doc.text`, inclusive, as `string.sub` takes them. \
            `require` loads modules of installed plugins, each plugin in globals of its own; files \
            are reached through `loupe.fs` and programs through `loupe.exec`, within what the \
            user granted (`io`, `os.execute` and `package.loadlib` say so when called).

            ## Callbacks


            """
        for function in LoupeAPI.callbacks { out += functionSection(function.name, function.doc) }
        out += "## Global functions\n\n"
        for function in LoupeAPI.globals { out += functionSection(function.name, function.doc) }
        out += "## The `loupe` module\n\n"
        for function in LoupeAPI.module {
            out += function.isValue
                ? "### `\(function.name)`\n\n\(function.doc.summary)\n\n"
                : functionSection(function.name, function.doc)
        }
        for info in LoupeAPI.classes {
            out += "## \(info.name)\n\n\(info.summary)\n\n"
            let fields = info.members.filter { $0.kind == .field }
            if !fields.isEmpty {
                out += "| field | type | |\n| --- | --- | --- |\n"
                for field in fields {
                    let summary = field.doc.summary + (field.doc.details.isEmpty ? "" : " " + field.doc.details)
                    out += "| `\(field.name)` | `\(field.type)` | \(escapeTable(summary))\(field.writable ? " (assignable)" : "") |\n"
                }
                out += "\n"
            }
            for method in info.members where method.kind == .method {
                out += functionSection("\(info.name.lowercasedFirst):\(method.name)", method.doc, level: "###")
            }
            let metamethods = info.members.filter { $0.kind == .metamethod }
            if !metamethods.isEmpty {
                out += "Operators: " + metamethods.map { "`\($0.name)` — \($0.doc.summary)" }.joined(separator: "; ") + "\n\n"
            }
        }
        return out
    }

    private static func functionSection(_ name: String, _ doc: LuaDoc, level: String = "###") -> String {
        var out = "\(level) `\(signature(name, doc))`\n\n\(doc.summary)\n\n"
        if !doc.details.isEmpty { out += doc.details + "\n\n" }
        if !doc.parameters.isEmpty {
            for p in doc.parameters {
                out += "- `\(p.name)` (`\(p.type)`\(p.optional ? ", optional" : "")): \(p.summary)\n"
            }
            out += "\n"
        }
        let results = doc.results.filter { !$0.type.isEmpty }
        if !results.isEmpty {
            out += "Returns " + results.map { "`\($0.type)`" + ($0.summary.isEmpty ? "" : " (\($0.summary))") }
                .joined(separator: ", ") + ".\n\n"
        }
        if let example = doc.example { out += "```lua\n\(example)\n```\n\n" }
        return out
    }

    private static func signature(_ name: String, _ doc: LuaDoc) -> String {
        let parameters = doc.parameters.map { $0.optional ? "[\($0.name)]" : $0.name }.joined(separator: ", ")
        return "\(name)(\(parameters))"
    }

    private static func escapeTable(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: - Help

    /// The entries whose name matches `query`: `Span.text`, `text`, `doc:sentences`,
    /// `sentences`, `Span`, `loupe.kwic`, `emit`.
    public static func help(_ query: String) -> [String] {
        let wanted = query.split(whereSeparator: { $0 == "." || $0 == ":" }).map(String.init)
        var entries: [String] = []
        for function in LoupeAPI.callbacks + LoupeAPI.functions
        where function.name == query || function.name.split(separator: ".").last.map(String.init) == query {
            entries.append(plainEntry(signature(function.name, function.doc), function.doc))
        }
        for info in LoupeAPI.classes {
            let className = info.name
            if wanted.count == 1, wanted[0].lowercased() == className.lowercased() {
                var text = "\(className): \(info.summary)\n"
                for member in info.members {
                    text += "  \(member.kind == .method ? ":" : ".")\(member.name)  \(member.doc.summary)\n"
                }
                entries.append(text)
                continue
            }
            let memberName = wanted.last ?? query
            let classMatches = wanted.count == 1 || wanted[0].lowercased() == className.lowercased()
                || (wanted[0] == "doc" && className == "Document")
            guard classMatches else { continue }
            for member in info.members where member.name == memberName {
                let title = member.kind == .field
                    ? "\(className).\(member.name): \(member.type)"
                    : signature("\(className.lowercasedFirst):\(member.name)", member.doc)
                entries.append(plainEntry(title, member.doc))
            }
        }
        return entries
    }

    private static func plainEntry(_ title: String, _ doc: LuaDoc) -> String {
        var out = "\(title)\n  \(doc.summary)\n"
        if !doc.details.isEmpty { out += "  \(doc.details)\n" }
        for p in doc.parameters { out += "  \(p.name) (\(p.type)\(p.optional ? ", optional" : "")): \(p.summary)\n" }
        for r in doc.results where !r.type.isEmpty { out += "  returns \(r.type)\(r.summary.isEmpty ? "" : ": " + r.summary)\n" }
        if let example = doc.example { out += "  example:\n" + example.split(separator: "\n").map { "    \($0)\n" }.joined() }
        return out
    }

    /// What to say when `help(name)` found nothing: the names that contain it, if any.
    public static func unknownNameMessage(_ name: String) -> String {
        let close = names.filter { $0.lowercased().contains(name.lowercased()) }.prefix(8)
        return "no API entry named '\(name)'"
            + (close.isEmpty ? "; see `loupe docs` for the whole reference" : "; did you mean: \(close.joined(separator: ", "))?")
    }

    /// Every name `loupe help` knows, for suggestions and completion.
    public static var names: [String] {
        LoupeAPI.callbacks.map(\.name) + LoupeAPI.functions.map(\.name)
            + LoupeAPI.classes.flatMap { info in [info.name] + info.members.map { "\(info.name).\($0.name)" } }
    }

    // MARK: - Editor definitions

    /// A lua-language-server definition file (`---@meta`) for the whole API.
    public static func luaDefinitions(version: String) -> String {
        var out = "---@meta loupe\n-- Loupe \(version) Lua API, generated by `loupe types`; do not edit by hand.\n\n"
        for info in LoupeAPI.classes {
            out += "---\(info.summary)\n---@class \(info.name)\n"
            for field in info.members where field.kind == .field {
                out += "---@field \(field.name) \(field.type) \(field.doc.summary)\n"
            }
            for operation in info.members where operation.kind == .metamethod {
                if let name = operatorNames[operation.name], let type = operation.doc.results.first?.type {
                    out += "---@operator \(name): \(type)\n"
                }
            }
            out += "local \(info.name) = {}\n\n"
            for method in info.members where method.kind == .method {
                out += functionStub("\(info.name):\(method.name)", method.doc)
            }
        }
        for function in LoupeAPI.globals { out += functionStub(function.name, function.doc) }
        out += "---Loupe's own functions.\nloupe = {}\n\n"
        // Tables inside the module (`loupe.fs`) are declared before their functions.
        var tables: [String] = []
        for function in LoupeAPI.module {
            let parts = function.name.split(separator: ".").dropLast()
            for depth in stride(from: 2, through: parts.count, by: 1) {
                let name = parts.prefix(depth).joined(separator: ".")
                if !tables.contains(name) { tables.append(name) }
            }
        }
        // A table that is also a function (`loupe.stats`) is a class with an overload, so that
        // editors accept both the call and the fields; its function stub is left out.
        var callableTables: Set<String> = []
        for table in tables {
            guard let function = LoupeAPI.module.first(where: { $0.name == table && !$0.isValue }) else {
                out += "\(table) = {}\n\n"
                continue
            }
            callableTables.insert(table)
            out += "---\(function.doc.summary)\n---@class \(table)\n---@overload \(functionType(function.doc))\n\(table) = {}\n\n"
        }
        for function in LoupeAPI.module where !callableTables.contains(function.name) {
            out += function.isValue
                ? "---\(function.doc.summary)\n---@type \(function.doc.results.first?.type ?? "any")\n\(function.name) = nil\n\n"
                : functionStub(function.name, function.doc)
        }
        return out
    }

    /// lua-language-server's names for the metamethods it understands.
    private static let operatorNames = ["__len": "len", "__call": "call", "__concat": "concat", "__unm": "unm"]

    /// `fun(name?: string): Stats`: a function's type, for `---@overload`.
    private static func functionType(_ doc: LuaDoc) -> String {
        let parameters = doc.parameters.map { "\($0.name)\($0.optional ? "?" : ""): \($0.type)" }.joined(separator: ", ")
        let results = doc.results.filter { !$0.type.isEmpty }.map(\.type).joined(separator: ", ")
        return "fun(\(parameters))" + (results.isEmpty ? "" : ": " + results)
    }

    private static func functionStub(_ name: String, _ doc: LuaDoc) -> String {
        var out = "---\(doc.summary)\n"
        for p in doc.parameters {
            let pname = p.name == "..." ? "..." : p.name + (p.optional ? "?" : "")
            out += "---@param \(pname) \(p.type) \(p.summary)\n"
        }
        for r in doc.results where !r.type.isEmpty { out += "---@return \(r.type)\(r.summary.isEmpty ? "" : " # " + r.summary)\n" }
        let parameters = doc.parameters.map(\.name).joined(separator: ", ")
        return out + "function \(name)(\(parameters)) end\n\n"
    }

    /// A `.luarc.json` that points lua-language-server at the definitions in `directory`.
    public static func luarc(definitionsDirectory directory: String) -> String {
        """
        {
          "runtime.version": "Lua 5.4",
          "workspace.library": [\(jsonString(directory))],
          "diagnostics.globals": ["document", "finish", "emit", "loupe"],
          "runtime.builtin": { "io": "disable", "debug": "disable", "package": "disable" }
        }

        """
    }

    private static func jsonString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension String {
    /// The name scripts give an instance: `doc` for a Document, `span`, `layer`.
    fileprivate var lowercasedFirst: String { self == "Document" ? "doc" : prefix(1).lowercased() + dropFirst() }
}
