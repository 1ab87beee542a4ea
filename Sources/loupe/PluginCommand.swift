import ArgumentParser

/// `loupe plugin`: make, share, install and check plugins.
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Make, share, install and check plugins.",
        discussion: """
            A plugin is a folder with a plugin.toml manifest and Lua modules. Plugins are \
            installed in a project (loupe_plugins/ beside the nearest loupe.toml, pinned in \
            loupe.lock with each plugin's exact version, source and the SHA-256 of its files) \
            or for your user ($XDG_DATA_HOME/loupe/plugins, recorded in grants.toml there); \
            Loupe's bundled plugins come last. `require` finds modules in that order.

            Examples:
              loupe plugin new mediaLab/quotes
              loupe plugin pack quotes/ -o quotes-0.1.0.tar.gz
              loupe plugin install quotes-0.1.0.tar.gz
              loupe plugin install               # a cloned project: what loupe.lock pins
              loupe plugin install https://example.org/quotes.git@v1.2.0
              loupe plugin list
              loupe plugin verify
              loupe plugin test quotes/          # the same as: loupe test quotes/

            Exit codes (every plugin command):
              0  success
              1  the command failed: a version conflict, permissions not granted, files that \
            differ from the lock
              2  usage error: a bad argument, or a plugin, source or file that cannot be found or read
            """,
        subcommands: [
            PluginNew.self, PluginInstall.self, PluginList.self, PluginInfo.self, PluginRemove.self, PluginUpdate.self,
            PluginPack.self, PluginVerify.self,
            // `loupe plugin test` is `loupe test`: the same command, listed where plugin authors look.
            TestCommand.self,
        ])
}
