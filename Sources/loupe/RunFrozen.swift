import ArgumentParser
import Plugins

extension Run {
    /// `--frozen`: stops before anything runs when the project's plugins differ from its
    /// lock, naming the plugin and the file (exit 1; 2 when there is no project).
    func checkFrozen() throws {
        do {
            try FrozenCheck.verify(project: Plugins.PluginLocations())
        } catch {
            Diagnostics.error("loupe: \(error)")
            throw ExitCode(error.kind == .usage ? ExitStatus.usage : ExitStatus.failure)
        }
    }
}
