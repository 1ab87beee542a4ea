import ArgumentParser
import Foundation
import Plugins

/// `loupe plugin list`: the installed plugins.
struct PluginList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the installed plugins: project, user and bundled.",
        discussion: """
            One line per plugin, in the order require searches them: name, version, where it \
            is installed (project, user, bundled) and its folder. A plugin hidden by one of the \
            same name earlier in the order is not shown; a module that an earlier plugin also \
            provides is named on standard error, since require never reaches it.

            Exit codes: 0 listed; 2 a manifest that cannot be read.

            Examples:
              loupe plugin list
            """)

    func run() throws {
        try PluginCLI.run { () throws(PluginError) in
            let plugins = try PluginCLI.locations.discover()
            if plugins.isEmpty { Diagnostics.error("loupe: no plugins installed") }
            let labels = plugins.map { "\($0.name) \($0.manifest.version)" }
            let width = labels.map(\.count).max() ?? 0
            for (label, plugin) in zip(labels, plugins) {
                print(label.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                    + plugin.location.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + PluginCLI.display(plugin.root))
            }
            // require takes a module from the first plugin that provides it: say when one hides another's.
            var provider: [String: InstalledPlugin] = [:]
            for plugin in plugins {
                for module in plugin.manifest.provides.modules {
                    if let first = provider[module] {
                        Diagnostics.error("loupe: module '\(module)' of \(plugin.name) (\(plugin.location.rawValue)) is hidden: "
                            + "require finds \(first.name)'s (\(first.location.rawValue)) first")
                    } else {
                        provider[module] = plugin
                    }
                }
            }
        }
    }
}

/// `loupe plugin info NAME`: one plugin in detail.
struct PluginInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show an installed plugin: its manifest, where it is, what it was granted.",
        discussion: """
            Exit codes: 0 shown; 2 no such plugin installed.

            Examples:
              loupe plugin info mediaLab/quotes
            """)

    @Argument(help: ArgumentHelp("The plugin's name.", valueName: "name"))
    var name: String

    func run() throws {
        let wanted = try PluginCLI.name(name)
        try PluginCLI.run { () throws(PluginError) in
            let locations = PluginCLI.locations
            guard let plugin = try locations.plugin(named: wanted) else {
                throw PluginError(.notFound, "\(wanted) is not installed",
                    hint: "see what is with `loupe plugin list`")
            }
            let manifest = plugin.manifest
            var lines = ["\(manifest.name) \(manifest.version)"]
            if !manifest.description.isEmpty { lines.append(manifest.description) }
            lines.append("")
            lines.append("installed   \(plugin.location.rawValue): \(PluginCLI.display(plugin.root))")
            if !manifest.authors.isEmpty { lines.append("authors     " + manifest.authors.joined(separator: ", ")) }
            if let license = manifest.license { lines.append("license     \(license)") }
            if let homepage = manifest.homepage { lines.append("homepage    \(homepage)") }
            if let loupe = manifest.loupeRange { lines.append("loupe       \(loupe)") }
            for (dependency, range) in manifest.dependencies.sorted(by: { $0.key < $1.key }) {
                lines.append("depends on  \(dependency) \(range)")
            }
            if !manifest.provides.modules.isEmpty { lines.append("modules     " + manifest.provides.modules.joined(separator: ", ")) }
            if !manifest.provides.annotators.isEmpty {
                lines.append("annotators  " + manifest.provides.annotators.joined(separator: ", "))
            }
            if !manifest.provides.readers.isEmpty { lines.append("readers     " + manifest.provides.readers.joined(separator: ", ")) }
            if !manifest.provides.templates.isEmpty { lines.append("templates   " + manifest.provides.templates.joined(separator: ", ")) }
            if !manifest.provides.commands.isEmpty { lines.append("commands    " + manifest.provides.commands.joined(separator: ", ")) }
            let grants = try PluginGrants.load(locations: locations)
            let requested = manifest.permissions.summaryLines
            lines.append("requests    " + (requested.isEmpty ? "nothing beyond the sandbox" : requested.joined(separator: "; ")))
            let granted = grants.granted(to: plugin).summaryLines
            lines.append("granted     " + (granted.isEmpty ? "nothing beyond the sandbox" : granted.joined(separator: "; ")))
            let lockPath = plugin.location == .project ? locations.lockFile : plugin.location == .user
                ? PluginGrants.userFile(locations) : nil
            if let lockPath, let locked = try LockFile.load(path: lockPath)[wanted] {
                lines.append("source      \(locked.source)" + (locked.commit.map { " (commit \($0))" } ?? ""))
                lines.append("sha256      \(locked.sha256)")
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
