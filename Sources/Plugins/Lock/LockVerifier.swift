import Foundation

/// Compares installed plugins with a lock: version, and the checksum of every file.
///
/// When a plugin's checksum differs, the listing kept at install (`.loupe-tree`) names the
/// files that changed, appeared or went; if that record was tampered with too, the finding
/// says only that the plugin's files differ.
public enum LockVerifier {
    /// One difference between the lock and the disk.
    public struct Finding: Hashable, Sendable, CustomStringConvertible {
        /// The plugin.
        public var plugin: PluginName
        /// The file concerned (absolute), when one can be named.
        public var file: String?
        /// What differs.
        public var problem: String

        /// `file: problem` or `plugin: problem`.
        public var description: String { "\(file ?? plugin.description): \(problem)" }

        /// As an error, for the checks that stop at the first difference.
        public var error: PluginError {
            PluginError(.integrity, file: file, "\(file == nil ? "\(plugin): " : "")\(problem)", hint: Self.hint)
        }

        /// What to do about any finding, said once after the list of them.
        public static let hint =
            "reinstall what the lock pins with `loupe plugin install` (no source), "
            + "delete the folders of plugins it does not pin, or undo the changes"
    }

    /// Plugins installed under `folder` that `lock` (named `lockName` in messages) does not pin.
    public static func strays(lock: LockFile, folder: String, lockName: String = PluginLocations.lockFileName) -> [Finding] {
        let installed = (try? PluginLocations.plugins(in: folder, kind: .project)) ?? []
        return installed.filter { lock[$0.name] == nil }.map {
            Finding(plugin: $0.name, file: $0.root, problem: "\($0.name) is installed but not in \(lockName)")
        }
    }

    /// The differences between `lock`'s entries (those named `only`, or all) and the
    /// plugins installed under `folder`.
    public static func check(lock: LockFile, folder: String, only: PluginName? = nil) -> [Finding] {
        var findings: [Finding] = []
        for entry in lock.plugins where only == nil || entry.name == only {
            let root = (folder as NSString).appendingPathComponent(entry.name.relativeFolder)
            let manifest: PluginManifest
            do { manifest = try PluginManifest.load(folder: root) } catch {
                let missing = !FileManager.default.fileExists(atPath: root)
                findings.append(Finding(plugin: entry.name, file: missing ? root : error.file,
                    problem: missing ? "\(entry.name) \(entry.version) is locked but not installed" : error.problem))
                continue
            }
            if manifest.version != entry.version {
                findings.append(Finding(plugin: entry.name, file: (root as NSString).appendingPathComponent(PluginManifest.fileName),
                    problem: "version \(manifest.version) is installed, but the lock says \(entry.version)"))
                continue
            }
            let current: [TreeHash.Entry]
            do { current = try TreeHash.entries(of: root) } catch {
                findings.append(Finding(plugin: entry.name, file: error.file, problem: error.problem))
                continue
            }
            guard TreeHash.checksum(of: current) != entry.sha256 else { continue }
            let recordPath = (root as NSString).appendingPathComponent(TreeHash.recordFileName)
            if let data = FileManager.default.contents(atPath: recordPath),
                let recorded = TreeHash.parse(listing: String(decoding: data, as: UTF8.self)),
                TreeHash.checksum(of: recorded) == entry.sha256
            {
                for line in TreeHash.differences(from: recorded, to: current) {
                    let parts = line.split(separator: " ", maxSplits: 1)
                    let what = parts[0] == "changed" ? "changed" : parts[0] == "added" ? "was added" : "was removed"
                    findings.append(Finding(plugin: entry.name, file: (root as NSString).appendingPathComponent(String(parts[1])),
                        problem: "\(what) since \(entry.name) \(entry.version) was installed (the lock pins its files' checksum)"))
                }
            } else {
                findings.append(Finding(plugin: entry.name, file: root,
                    problem: "the files of \(entry.name) \(entry.version) differ from the lock (sha256 \(entry.sha256))"))
            }
        }
        return findings
    }
}
