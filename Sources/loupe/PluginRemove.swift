import ArgumentParser
import Foundation
import Plugins

/// `loupe plugin remove NAME`: uninstall a plugin.
struct PluginRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an installed plugin, and the dependencies nothing else needs.",
        discussion: """
            In a project, the plugin also leaves loupe.toml's [plugins] and loupe.lock. A \
            plugin that another installed plugin needs is not removed.

            Exit codes: 0 removed; 2 not installed, or needed by another plugin.

            Examples:
              loupe plugin remove mediaLab/quotes
              loupe plugin remove --user dates
            """)

    @Argument(help: ArgumentHelp("The plugin's name.", valueName: "name"))
    var name: String

    @Flag(help: "Remove it from your user folder rather than the project's.")
    var user = false

    func run() throws {
        let wanted = try PluginCLI.name(name)
        try PluginCLI.run { () throws(PluginError) in
            let store = PluginCLI.store(yes: false)
            for change in try store.remove(wanted, scope: PluginCLI.scope(user: user, locations: store.locations)) {
                Diagnostics.error("loupe: \(change)")
            }
        }
    }
}

/// `loupe plugin update [NAME]`: move to the newest versions the ranges allow.
struct PluginUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Update plugins to the highest versions their ranges allow, from their recorded sources.",
        discussion: """
            Resolves every wanted plugin again (loupe.toml's [plugins], or what was installed in \
            the user folder) against the versions its source offers now, and installs what \
            changed; with NAME, only that plugin moves (and what it needs). New permissions are \
            asked for as by install.

            Exit codes: 0 updated (or nothing to do); 1 a version conflict, or permissions not \
            granted; 2 not installed, or a source that cannot be read.

            Examples:
              loupe plugin update
              loupe plugin update mediaLab/people --yes
            """)

    @Argument(help: ArgumentHelp("The plugin to update (default: all).", valueName: "name"))
    var name: String?

    @Flag(help: "Grant the permissions new versions request without asking.")
    var yes = false

    @Flag(help: "Update your user folder rather than the project's.")
    var user = false

    func run() throws {
        let wanted = try name.map { (text) throws(ExitCode) in try PluginCLI.name(text) }
        try PluginCLI.run { () throws(PluginError) in
            let store = PluginCLI.store(yes: yes)
            let changes = try store.update(wanted, scope: PluginCLI.scope(user: user, locations: store.locations))
            for change in changes { Diagnostics.error("loupe: \(change)") }
            if changes.isEmpty { Diagnostics.error("loupe: every plugin is up to date") }
        }
    }
}
