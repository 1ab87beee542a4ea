import ArgumentParser
import Foundation
import LoupeEngine
import Plugins

/// `loupe plugin new NAME`: scaffold a plugin.
struct PluginNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a new plugin: a manifest, a module, a spec test and a README.",
        discussion: """
            Writes plugin.toml (version 0.1.0, the module, no permissions), NAME.lua, \
            tests/NAME_spec.lua (describe/it/expect, run by `loupe test`) and README.md into \
            a new folder: ./NAME (without the namespace), or --dir.

            Exit codes: 0 written; 2 a bad name, or the folder exists and is not empty.

            Examples:
              loupe plugin new quotes
              loupe plugin new mediaLab/quotes --dir plugins/quotes
            """)

    @Argument(help: ArgumentHelp("The plugin's name: NAME or NAMESPACE/NAME.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The folder to write (default: ./NAME).", valueName: "dir"))
    var dir: String?

    func run() throws {
        let parsed = try PluginCLI.name(name)
        let folder = dir ?? parsed.name
        try PluginCLI.run { () throws(PluginError) in
            let files = try PluginScaffold.create(name: name, in: folder, loupeVersion: PluginCLI.loupeVersion)
            for file in files { print(file) }
            Diagnostics.error("loupe: made plugin \(parsed) in \(folder)/; try `loupe test \(folder)`")
        }
    }
}
