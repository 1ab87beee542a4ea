import ArgumentParser
import Foundation
import LoupeBindings
import LoupeEngine

/// `loupe docs`: the Lua API reference in Markdown.
struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write the Lua API reference (Markdown).",
        discussion: """
            The reference is generated from the same definitions as `loupe help` and the editor \
            definitions of `loupe types`, so it always matches this version of Loupe.

            Examples:
              loupe docs | less
              loupe docs -o docs/api.md
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let text = APIReference.markdown(version: LoupeVersion.current)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            throw usageFailure("cannot write '\(output)': \(error.localizedDescription)")
        }
    }
}

/// `loupe types`: lua-language-server definitions, so editors complete and check scripts.
struct Types: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "Write editor definitions of the Lua API (lua-language-server) and a .luarc.json.",
        discussion: """
            Writes DIR/loupe.d.lua (---@meta definitions of Document, Span, Layer, emit and \
            the loupe module) and, unless --no-luarc is given, a .luarc.json in the current \
            folder pointing lua-language-server at DIR. Editors with the Lua extension then \
            complete `doc:` and check scripts.

            Examples:
              loupe types .loupe-types
              loupe types --no-luarc ~/lua-defs
            """)

    @Argument(help: ArgumentHelp("The folder to write the definitions into (made if needed).", valueName: "dir"))
    var directory: String

    @Flag(help: "Do not write .luarc.json.")
    var noLuarc = false

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(APIReference.luaDefinitions(version: LoupeVersion.current), to: directory + "/loupe.d.lua")
            if !noLuarc {
                try AtomicFile.write(APIReference.luarc(definitionsDirectory: directory), to: ".luarc.json")
            }
        } catch {
            throw usageFailure("cannot write the definitions into '\(directory)': \(error.localizedDescription)")
        }
        Diagnostics.error("loupe: wrote \(directory)/loupe.d.lua" + (noLuarc ? "" : " and .luarc.json"))
    }
}

/// `loupe help NAME`: one entry of the Lua API reference (or a command's help).
enum APIHelp {
    /// Prints the entries for `name`; returns false when there are none.
    static func print(_ name: String) -> Bool {
        let entries = APIReference.help(name)
        guard !entries.isEmpty else {
            Diagnostics.error("loupe: " + APIReference.unknownNameMessage(name))
            return false
        }
        Swift.print(entries.joined(separator: "\n"), terminator: "")
        return true
    }
}

/// Writing files so that an interruption never leaves a half-written one: a temporary file
/// in the same folder, renamed into place.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try Data(text.utf8).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
