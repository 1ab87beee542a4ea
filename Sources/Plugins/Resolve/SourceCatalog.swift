import Foundation

/// The versions each source offers, read once per command and kept in a scratch folder:
/// a folder offers one version, an archive one, a git repository one per version tag
/// (`v1.2.0` or `1.2.0`), or just the tag or commit the user named.
final class SourceCatalog {
    private let scratch: String
    private var mirrors: [String: GitMirror] = [:]
    private var extracted: [String: String] = [:]
    private var cache: [PluginSource: [Candidate]] = [:]

    /// A catalog working in a new scratch folder, removed by ``close()``.
    init() throws(PluginError) {
        scratch = try FileSystem.temporaryFolder("sources")
    }

    /// Removes the scratch folder.
    func close() { try? FileManager.default.removeItem(atPath: scratch) }

    /// The versions `source` offers.
    func candidates(_ source: PluginSource) throws(PluginError) -> [Candidate] {
        if let known = cache[source] { return known }
        let found: [Candidate]
        switch source {
        case .folder(let path):
            found = [Candidate(manifest: Self.anchored(try PluginManifest.load(folder: path), at: path), source: source, folder: path)]
        case .archive(let path):
            let root = try extract(path)
            let manifest = Self.anchored(try PluginManifest.load(folder: root), at: (path as NSString).deletingLastPathComponent)
            found = [Candidate(manifest: manifest, source: source, folder: root)]
        case .git(let url, let ref):
            let local = url.hasPrefix("/")
            found = try gitCandidates(url: url, ref: ref).map { candidate in
                var candidate = candidate
                if local { candidate.manifest = Self.anchored(candidate.manifest, at: url) }
                return candidate
            }
        }
        cache[source] = found
        return found
    }

    /// `manifest` with the relative paths of its dependencies' sources read from `base`: a
    /// plugin folder's `path = "../people"` is its sibling, and so is a local repository's
    /// `git = "../people.git"`; an archive's are beside the archive.
    static func anchored(_ manifest: PluginManifest, at base: String) -> PluginManifest {
        var manifest = manifest
        manifest.dependencySources = manifest.dependencySources.mapValues { ProjectFile.anchored($0, at: base) }
        return manifest
    }

    /// Puts the files of `candidate` in `destination` (which must not exist).
    func materialize(_ candidate: Candidate, into destination: String) throws(PluginError) {
        switch candidate.source {
        case .folder, .archive:
            try FileSystem.copyTree(from: candidate.folder!, to: destination)
        case .git(let url, let ref):
            try mirror(url).export(candidate.commit ?? ref ?? "HEAD", into: destination)
        }
    }

    /// The tags of the git repository at `url`.
    func tags(_ url: String) throws(PluginError) -> [String] {
        try mirror(url).tags()
    }

    private func extract(_ path: String) throws(PluginError) -> String {
        if let done = extracted[path] { return done }
        guard FileManager.default.fileExists(atPath: path) else {
            throw PluginError(.notFound, file: path, "no such archive")
        }
        let folder = (scratch as NSString).appendingPathComponent("archive-\(UUID().uuidString)")
        try PluginArchive.extract(path, into: folder)
        // A pack holds one folder (`name-1.2.0/`); a hand-made archive may hold the files directly.
        var root = folder
        let entries = PluginLocations.sortedEntries(folder)
        if !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(PluginManifest.fileName)),
            entries.count == 1
        {
            root = (folder as NSString).appendingPathComponent(entries[0])
        }
        guard FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(PluginManifest.fileName)) else {
            throw PluginError(.invalidFile, file: path, "this archive holds no plugin.toml at its top",
                hint: "make archives with `loupe plugin pack`")
        }
        extracted[path] = root
        return root
    }

    private func mirror(_ url: String) throws(PluginError) -> GitMirror {
        if let known = mirrors[url] { return known }
        let made = try GitMirror(url: url, scratch: scratch)
        mirrors[url] = made
        return made
    }

    private func gitCandidates(url: String, ref: String?) throws(PluginError) -> [Candidate] {
        let repository = try mirror(url)
        var refs: [String]
        if let ref {
            refs = [ref]
        } else {
            refs = try repository.tags().filter { SemanticVersion(tag: $0) != nil }
            if refs.isEmpty { refs = ["HEAD"] }  // An untagged repository offers what it has.
        }
        var candidates: [Candidate] = []
        for ref in refs {
            let commit = try repository.commit(ref)
            guard let text = repository.file(PluginManifest.fileName, at: commit) else {
                if refs.count == 1 {
                    throw PluginError(.notFound, file: "\(url)@\(ref)", "holds no plugin.toml at its top",
                        hint: "a plugin's repository has its manifest at the root")
                }
                continue
            }
            let manifest = try PluginManifest.parse(text, file: "\(url)@\(ref):\(PluginManifest.fileName)")
            // A version tag must agree with the manifest; a tag that does not is passed over.
            if ref != "HEAD", let tagged = SemanticVersion(tag: ref), tagged != manifest.version, refs.count > 1 { continue }
            candidates.append(Candidate(
                manifest: manifest, source: .git(url, ref: ref == "HEAD" ? commit : ref), commit: commit))
        }
        return candidates
    }
}
