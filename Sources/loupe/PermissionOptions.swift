import ArgumentParser
import Foundation
import LoupeBindings
import LoupeEngine

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
    /// `scriptFolder`, and `corpus` (the corpus arguments) is readable by every caller.
    func plugins(scriptFolder: String, corpus: [String]) -> PluginRuntime {
        let grants = (try? RunGrants(parsing: allow)) ?? RunGrants()
        var runtime = PluginRuntime.discover(folders: PluginLocations.folders(), grants: grants)
        runtime.scriptRoot = URL(fileURLWithPath: scriptFolder).standardizedFileURL.path
        runtime.corpus = PluginRuntime.corpusRoots(corpus)
        return runtime
    }
}
