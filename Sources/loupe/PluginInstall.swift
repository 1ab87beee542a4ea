import ArgumentParser
import Foundation
import Plugins

/// `loupe plugin install SOURCE`: install a plugin and its dependencies.
struct PluginInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install a plugin from a folder, an archive or a git repository, with its dependencies.",
        discussion: """
            SOURCE is a plugin folder, a .tar.gz/.tgz/.zip archive (as `loupe plugin pack` \
            makes), or a git repository: a URL, or a local path to a repository (bare or not). \
            After a last @ come a tag (@v1.2.0), a version (@1.2.0: the tag v1.2.0 or 1.2.0) or \
            a range (@^1.2); without one, the highest version tag is taken.

            Dependencies are resolved to the highest versions that satisfy every range; a \
            conflict is reported with the plugins that caused it. Inside a project (a \
            loupe.toml here or above) plugins go to loupe_plugins/, the plugin is added to \
            loupe.toml's [plugins] and everything is pinned in loupe.lock; with --user, or \
            outside a project, they go to the user folder.

            Permissions a plugin requests beyond the sandbox (reading or writing more paths, \
            starting programs) are shown and must be granted: answer y on a terminal, or pass \
            --yes. Without a terminal and without --yes, nothing is installed.

            Without SOURCE, installs exactly what loupe.lock pins (each plugin at its locked \
            version, from its recorded source, refusing files whose checksum differs from the \
            lock): run it after copying or cloning a project. Without a lock yet, it installs \
            what loupe.toml's [plugins] wants and writes the lock.

            Exit codes: 0 installed; 1 a version conflict, permissions not granted, or a source \
            that now differs from the lock; 2 a \
            source, plugin or tag that cannot be found, or a malformed manifest.

            Examples:
              loupe plugin install                # what loupe.lock pins, on a fresh clone
              loupe plugin install ../quotes
              loupe plugin install mediaLab-quotes-1.2.0.tar.gz
              loupe plugin install https://example.org/quotes.git@v1.2.0
              loupe plugin install /srv/git/people.git@^1.4 --yes
              loupe plugin install --user ~/src/dates
            """)

    @Argument(help: ArgumentHelp(
        "A plugin folder, archive or git repository, with an optional @tag, @version or @range (default: what the lock pins).",
        valueName: "source"))
    var source: String?

    @Flag(help: "Grant the permissions the plugins request without asking.")
    var yes = false

    @Flag(help: "Install in your user folder rather than the project's.")
    var user = false

    func run() throws {
        try PluginCLI.run { () throws(PluginError) in
            let store = PluginCLI.store(yes: yes)
            let scope = PluginCLI.scope(user: user, locations: store.locations)
            guard let source else {
                // No source: install what the lock pins (a fresh copy of a project).
                let lockPath = try store.lockPath(scope)
                let lockName = PluginCLI.display(lockPath)
                let hadLock = FileManager.default.fileExists(atPath: lockPath)
                let changes = try store.restore(scope: scope)
                for change in changes { Diagnostics.error("loupe: \(change)") }
                if !hadLock && !changes.isEmpty {
                    Diagnostics.error("loupe: wrote \(lockName)")  // No lock yet: what loupe.toml wants, resolved.
                } else {
                    Diagnostics.error(changes.isEmpty
                        ? "loupe: nothing to do: every plugin \(lockName) pins is installed" : "loupe: installed as \(lockName) pins")
                }
                return
            }
            let argument = try SourceArgument(parsing: source)
            if scope == .user && !user {
                Diagnostics.error("loupe: no loupe.toml here or above: installing in your user folder \(store.locations.user)")
            }
            let changes = try store.install(argument, scope: scope)
            for change in changes { Diagnostics.error("loupe: \(change)") }
            if changes.isEmpty { Diagnostics.error("loupe: nothing to do: already installed") }
            Diagnostics.error("loupe: wrote \(PluginCLI.display(try store.lockPath(scope)))")
        }
    }
}
