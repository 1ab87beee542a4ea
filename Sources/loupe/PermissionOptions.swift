import ArgumentParser
import Foundation
import LoupeBindings
import LoupeEngine
import Plugins

/// `--allow`: what the script (or one plugin) may touch in this run beyond the corpus.
struct PermissionOptions: ParsableArguments {
    @Option(
        name: .customLong("allow"),
        help: ArgumentHelp(
            "Grant a permission for this run: fs.read=PATH, fs.write=PATH or exec for the script; PLUGIN:fs.read=PATH (and so on) for one plugin. Repeat for more.",
            valueName: "permission"))
    var allow: [String] = []

    func validate() throws {
        do {
            _ = try RunGrants(parsing: allow)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The installed plugins and the grants of this run; the script's relative paths start at
    /// `scriptFolder`, and `corpus` (the corpus arguments) is readable by every caller. With
    /// `frozen`, plugins of the user folder are left out (see ``PluginRuntime/installed(locations:first:grants:frozen:)``).
    /// - Throws: a usage failure (exit 2) naming a plugin manifest or record that cannot be read.
    func plugins(scriptFolder: String, corpus: [String], frozen: Bool = false) throws -> PluginRuntime {
        let grants = (try? RunGrants(parsing: allow)) ?? RunGrants()
        var runtime: PluginRuntime
        do {
            runtime = try PluginRuntime.installed(grants: grants, frozen: frozen)
        } catch {
            Diagnostics.error("loupe: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        runtime.scriptRoot = URL(fileURLWithPath: scriptFolder).standardizedFileURL.path
        runtime.corpus = PluginRuntime.corpusRoots(corpus)
        return runtime
    }
}
