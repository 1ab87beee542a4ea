import Foundation

/// A new plugin's starting files, as `loupe plugin new NAME` writes them: a manifest, a
/// module, a spec test and a README.
///
/// ```
/// quotes/
///   plugin.toml          name, version 0.1.0, the module, no permissions
///   quotes.lua           the module (require "quotes")
///   tests/quotes_spec.lua  describe/it/expect, run by `loupe test`
///   README.md
/// ```
public enum PluginScaffold {
    /// Writes a new plugin named `name` into `folder`, which must not exist or be empty.
    /// The module is named after the plugin (`my-plugin` → `my_plugin`).
    ///
    /// - Throws: ``PluginError`` when the name is invalid or the folder is in use.
    @discardableResult
    public static func create(name text: String, in folder: String, loupeVersion: SemanticVersion? = nil) throws(PluginError) -> [String] {
        let name = try PluginName(parsing: text)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder), !existing.isEmpty {
            throw PluginError(.usage, file: folder, "already exists and is not empty",
                hint: "choose another folder with --dir, or remove this one")
        }
        let module = name.name.replacingOccurrences(of: "-", with: "_")
        let loupe = loupeVersion.map { ">=\($0.major).\($0.minor), <\($0.major + 1)" } ?? ">=0.1"
        let files: [(String, String)] = [
            (PluginManifest.fileName, """
                name = \(TOMLWriter.quoted(name.description))
                version = "0.1.0"
                description = "What \(name.name) does, in one line."
                authors = []
                license = "MIT"
                loupe = \(TOMLWriter.quoted(loupe))

                [dependencies]
                # "mediaLab/people" = "^1.2"

                [provides]
                modules = [\(TOMLWriter.quoted(module))]
                annotators = []

                # What the plugin may do beyond reading its own folder and the corpus; the user
                # is asked to grant it at install time.
                [permissions]
                "fs.read" = []
                "fs.write" = []
                exec = false

                """),
            ("\(module).lua", """
                -- \(name): require "\(module)"
                local M = {}

                --- Counts the words of a document's text.
                function M.words(doc)
                  local n = 0
                  for _ in doc.text:gmatch("%S+") do n = n + 1 end
                  return n
                end

                return M

                """),
            ("tests/\(module)_spec.lua", """
                -- Run with `loupe test` in the plugin's folder.
                local \(module) = require "\(module)"

                describe("\(module).words", function()
                  it("counts the words of a document", function()
                    local doc = loupe.document("Three short words.")
                    expect(\(module).words(doc)).to_be(3)
                  end)
                end)

                """),
            ("README.md", """
                # \(name)

                What \(name.name) does, in one paragraph.

                ```lua
                local \(module) = require "\(module)"
                function document(doc)
                  emit{ doc = doc.id, words = \(module).words(doc) }
                end
                ```

                Test it with `loupe test`; share it with `loupe plugin pack`, which writes a
                reproducible `.tar.gz` that `loupe plugin install` takes.

                """),
        ]
        var written: [String] = []
        for (relative, contents) in files {
            let path = (folder as NSString).appendingPathComponent(relative)
            try FileSystem.makeFolder((path as NSString).deletingLastPathComponent)
            try FileSystem.writeAtomically(contents, to: path)
            written.append(path)
        }
        return written
    }
}
