import ArgumentParser
import LoupeEngine
import Plugins

extension Run {
    /// `--frozen`: stops before anything runs when the project's plugins differ from its
    /// lock, naming the plugin and the file (exit 1; 2 when there is no project).
    ///
    /// Files that differ are listed as `loupe plugin verify` lists them. User plugins are not
    /// used in a frozen run (``PermissionOptions/plugins(scriptFolder:corpus:frozen:)``): the
    /// lock pins only the project's, and bundled ones come with the Loupe version the run
    /// manifest records.
    func checkFrozen() throws {
        let locations = Plugins.PluginLocations()
        let findings: [LockVerifier.Finding]
        do {
            findings = try FrozenCheck.findings(project: locations)
        } catch {
            Diagnostics.error("loupe: \(error)")
            throw ExitCode(error.kind == .usage ? ExitStatus.usage : ExitStatus.failure)
        }
        guard findings.isEmpty else {
            PluginCLI.report(findings, lockName: PluginCLI.display(locations.lockFile ?? Plugins.PluginLocations.lockFileName))
            Diagnostics.error("loupe: --frozen: nothing was run")
            throw ExitCode(ExitStatus.failure)
        }
    }

    /// The plugins the project's `loupe.lock` pins, for the run manifest; none outside a
    /// project. A lock that cannot be read records none here (`--frozen` reports it).
    static func lockedPluginVersions() -> [PluginVersion] {
        let locked = (try? FrozenCheck.lockedPlugins(project: Plugins.PluginLocations())) ?? []
        return locked.map { PluginVersion(name: $0.name.description, version: $0.version.description, sha256: $0.sha256) }
    }
}
