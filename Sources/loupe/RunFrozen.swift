import Foundation
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
    ///
    /// The manifest records what runs: the checksum of each locked plugin's installed files
    /// (the lock's when they match). A plugin whose files differ from the lock is named on
    /// standard error (without --frozen, the run goes on); one not installed is left out.
    static func lockedPluginVersions() -> [PluginVersion] {
        let locations = Plugins.PluginLocations()
        guard let folder = locations.project else { return [] }
        let locked = (try? FrozenCheck.lockedPlugins(project: locations)) ?? []
        return locked.compactMap { entry -> PluginVersion? in
            let root = (folder as NSString).appendingPathComponent(entry.name.relativeFolder)
            guard let installed = try? PluginManifest.load(folder: root), let sum = try? TreeHash.checksum(ofTreeAt: root) else {
                return nil
            }
            if sum != entry.sha256 || installed.version != entry.version {
                Diagnostics.error("loupe: warning: the installed \(entry.name) differs from loupe.lock; the run manifest records the "
                    + "files that ran (`loupe plugin verify` names them; --frozen refuses to run)")
            }
            return PluginVersion(name: entry.name.description, version: installed.version.description, sha256: sum)
        }
    }
}
