import LuaRuntime

/// The API entries of plugins at run time: `require`, `loupe.fs` and `loupe.exec`. They are
/// part of ``LoupeAPI`` (and so of the reference, `loupe help` and the editor definitions).
enum PluginAPI {
    private static let grants = """
        The main script may touch what `loupe run --allow` grants it (`--allow fs.read=PATH`, \
        `--allow fs.write=PATH`, `--allow exec`); a plugin, its own folder, the corpus, and \
        what the user granted it (at install, or `--allow PLUGIN:fs.read=PATH`). Paths are \
        checked after symbolic links and `..` are resolved. Relative paths start at the \
        plugin's folder (for the main script, at the script's folder).
        """

    /// Global functions.
    static let globals: [LoupeAPI.Function] = [
        .init(name: "require", doc: LuaDoc(
            "Loads a Lua module that an installed plugin provides, once; later calls return the same value.",
            details: """
                Only modules listed in the `[provides] modules` of an installed plugin's \
                `plugin.toml` are found (project `./loupe_plugins/`, user \
                `$XDG_DATA_HOME/loupe/plugins`, bundled `plugins/`), never C modules or files \
                elsewhere. Module `a.b` is the file `a/b.lua` or `a/b/init.lua` of its plugin. \
                Each plugin's modules run in that plugin's own globals, which neither the script \
                nor other plugins can see or change. A table a module returns reaches the \
                script and other plugins read-only (reading, `pairs`, `ipairs` and `#` work; \
                setting a field fails naming the module); the plugin's own modules get the table \
                itself. A module that requires itself through other modules fails with the cycle \
                named.
                """,
            parameters: [.init("name", "string", "the module's name, such as 'quotes' or 'quotes.rules'")],
            results: [.init("any", "what the module returned (true if nothing; a table as a read-only view)")],
            example: #"local quotes = require "quotes""#)),
    ]

    /// Functions of the `loupe` module.
    static let module: [LoupeAPI.Function] = [
        .init(name: "loupe.fs.read", doc: LuaDoc(
            "Reads a whole file as a string, if the caller may read it.",
            details: grants,
            parameters: [.init("path", "string", "the file")],
            results: [.init("string", "its bytes")],
            example: #"local names = loupe.fs.read("data/gazetteer.txt")  -- in the plugin's folder"#)),
        .init(name: "loupe.fs.lines", doc: LuaDoc(
            "Iterates over the lines of a file (without their line ends), if the caller may read it.",
            details: grants,
            parameters: [.init("path", "string", "the file")],
            results: [.init("fun(): string?", "an iterator")],
            example: #"for line in loupe.fs.lines("data/stopwords.txt") do stop[line] = true end"#)),
        .init(name: "loupe.fs.exists", doc: LuaDoc(
            "Whether a file or folder exists, in a place the caller may read.",
            details: grants,
            parameters: [.init("path", "string", "the file or folder")],
            results: [.init("boolean", "")])),
        .init(name: "loupe.fs.list", doc: LuaDoc(
            "The names in a folder the caller may read, sorted.",
            details: grants,
            parameters: [.init("path", "string", "the folder")],
            results: [.init("string[]", "")])),
        .init(name: "loupe.fs.write", doc: LuaDoc(
            "Writes a string to a file (replacing it whole), if the caller was granted `fs.write` for it.",
            details: grants,
            parameters: [.init("path", "string", "the file"), .init("text", "string", "what to write")],
            example: #"loupe.fs.write("/tmp/out/notes.txt", table.concat(lines, "\n"))"#)),
        .init(name: "loupe.exec", doc: LuaDoc(
            "Runs a program and waits for it, if the caller was granted `exec`: its exit status, standard output and standard error.",
            details: "The program is found on PATH; it gets no standard input. " + grants,
            parameters: [.init("argv", "string[]", "the program, then its arguments")],
            results: [.init("integer", "the exit status"), .init("string", "standard output"), .init("string", "standard error")],
            example: #"local status, out = loupe.exec{"git", "rev-parse", "HEAD"}"#)),
    ]
}
