import ArgumentParser
import LoupeEngine
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

    /// The plugins the project's `loupe.lock` pins, for the run manifest; none outside a
    /// project. A lock that cannot be read records none here (`--frozen` reports it).
    static func lockedPluginVersions() -> [PluginVersion] {
        let locked = (try? FrozenCheck.lockedPlugins(project: Plugins.PluginLocations())) ?? []
        return locked.map { PluginVersion(name: $0.name.description, version: $0.version.description, sha256: $0.sha256) }
    }
}
