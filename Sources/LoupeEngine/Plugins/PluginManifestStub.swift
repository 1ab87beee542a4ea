import Foundation

/// The few fields of a `plugin.toml` the runtime needs — the name, `[provides] modules` and
/// `[permissions]` — read without running any code.
///
/// A stand-in until the store's `Plugins` module (the full manifest model, with versions,
/// dependencies and validation) is merged: it reads the TOML subset manifests use (tables,
/// quoted and bare keys, strings, booleans, arrays of strings over several lines, comments)
/// and ignores the rest.
struct PluginManifestStub: Equatable {
    /// `name`, with its namespace (`mediaLab/quotes`).
    var name: String
    /// `[provides] modules`.
    var modules: [String] = []
    /// `[permissions]`: what the plugin asks for (granted only by the user).
    var requested = PluginRuntimeRequest()

    /// The permissions a manifest asks for.
    struct PluginRuntimeRequest: Equatable {
        var read: [String] = []
        var write: [String] = []
        var exec = false
    }

    /// Reads `plugin.toml` in `folder`; `nil` when there is none or it has no name.
    static func read(folder: String) -> PluginManifestStub? {
        guard let data = FileManager.default.contents(atPath: folder + "/plugin.toml") else { return nil }
        return parse(String(decoding: data, as: UTF8.self), fallbackName: (folder as NSString).lastPathComponent)
    }

    /// The fields of manifest `text`; a manifest without `name` is named `fallbackName`.
    static func parse(_ text: String, fallbackName: String) -> PluginManifestStub {
        var fields = PluginManifestStub(name: fallbackName)
        var table = ""
        var pending: (key: String, text: String)?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if var open = pending {
                open.text += " " + line
                if line.contains("]") {
                    fields.set(table: table, key: open.key, value: open.text)
                    pending = nil
                } else {
                    pending = open
                }
                continue
            }
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                table = unquote(String(line.dropFirst().prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = unquote(line[..<equals].trimmingCharacters(in: .whitespaces))
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("[") && !value.contains("]") {
                pending = (key, value)
            } else {
                fields.set(table: table, key: key, value: value)
            }
        }
        return fields
    }

    private mutating func set(table: String, key: String, value: String) {
        switch (table, key) {
        case ("", "name"): name = PluginManifestStub.unquote(value)
        case ("provides", "modules"): modules = PluginManifestStub.strings(value)
        case ("permissions", "fs.read"): requested.read = PluginManifestStub.strings(value)
        case ("permissions", "fs.write"): requested.write = PluginManifestStub.strings(value)
        case ("permissions", "exec"): requested.exec = value == "true"
        default: break
        }
    }

    /// The strings of a one-line array `["a", "b"]`.
    private static func strings(_ value: String) -> [String] {
        var out: [String] = []
        var current: String?
        var escaped = false
        for character in value {
            if var text = current {
                if escaped {
                    text.append(character)
                    escaped = false
                    current = text
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    out.append(text)
                    current = nil
                } else {
                    text.append(character)
                    current = text
                }
            } else if character == "\"" {
                current = ""
            }
        }
        return out
    }

    private static func unquote(_ text: String) -> String {
        var text = text
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }

    /// `line` without a `#` comment outside strings.
    private static func stripComment(_ line: String) -> String {
        var inString = false
        for (offset, character) in line.enumerated() {
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { return String(line.prefix(offset)) }
        }
        return line
    }
}
