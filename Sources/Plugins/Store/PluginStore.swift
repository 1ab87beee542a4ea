import Foundation

/// Installs, updates and removes plugins in the project's or the user's plugin folder, and
/// keeps the lock (`loupe.lock`, or `grants.toml` in the user folder) and the project's
/// `loupe.toml` in step with what is on disk.
///
/// Every change resolves the whole set of wanted plugins again (highest versions that
/// satisfy every range, preferring what the lock has unless updating), fetches what changed
/// into a staging folder, asks for the permissions the new plugins request, and only then
/// moves them into place and writes the lock.
///
/// ```swift
/// let store = PluginStore(locations: PluginLocations(), loupeVersion: SemanticVersion("0.1.0"),
///                         confirmGrants: { requests in true })
/// let changes = try store.install(SourceArgument(parsing: "../quotes.git@v1.2.0"), scope: .project)
/// ```
public final class PluginStore {
    /// Where a command installs: the project (`loupe_plugins/`, `loupe.lock`) or the user
    /// folder (`grants.toml`).
    public enum Scope: String, Sendable {
        /// The project of the nearest `loupe.toml`.
        case project
        /// The user's plugin folder.
        case user
    }

    /// Permissions a plugin about to be installed requests and has not been granted yet.
    public struct GrantRequest: Sendable {
        /// The plugin.
        public var name: PluginName
        /// The version to be installed.
        public var version: SemanticVersion
        /// What it asks for.
        public var permissions: PluginPermissions
    }

    /// What a command did to one plugin.
    public struct Change: Hashable, Sendable, CustomStringConvertible {
        /// The plugin.
        public var name: PluginName
        /// The version before, if it was installed.
        public var from: SemanticVersion?
        /// The version after; nil when removed.
        public var to: SemanticVersion?

        /// `installed quotes 1.2.0`, `updated quotes 1.2.0 → 1.3.0`, `removed quotes 1.2.0`.
        public var description: String {
            switch (from, to) {
            case (nil, let to?): "installed \(name) \(to)"
            case (let from?, let to?) where from == to: "reinstalled \(name) \(to)"
            case (let from?, let to?): "updated \(name) \(from) → \(to)"
            case (let from?, nil): "removed \(name) \(from)"
            default: "\(name) unchanged"
            }
        }
    }

    /// The plugin folders.
    public let locations: PluginLocations
    /// The running Loupe's version, checked against manifests' `loupe` ranges (nil: unchecked).
    public let loupeVersion: SemanticVersion?
    /// Asked once per command with every plugin whose permissions need granting; returns
    /// whether they are granted, or throws to refuse with its own message.
    public var confirmGrants: ([GrantRequest]) throws(PluginError) -> Bool

    /// Makes a store.
    public init(
        locations: PluginLocations, loupeVersion: SemanticVersion?,
        confirmGrants: @escaping ([GrantRequest]) throws(PluginError) -> Bool
    ) {
        self.locations = locations
        self.loupeVersion = loupeVersion
        self.confirmGrants = confirmGrants
    }

    // MARK: - Where

    /// The folder plugins of `scope` are installed in.
    public func folder(_ scope: Scope) throws(PluginError) -> String {
        switch scope {
        case .user: return locations.user
        case .project:
            guard let project = locations.project else { throw Self.noProject }
            return project
        }
    }

    /// The lock of `scope`: `loupe.lock`, or the user folder's `grants.toml`.
    public func lockPath(_ scope: Scope) throws(PluginError) -> String {
        switch scope {
        case .user: return PluginGrants.userFile(locations)
        case .project:
            guard let lock = locations.lockFile else { throw Self.noProject }
            return lock
        }
    }

    /// The folder plugin `name` is installed at in `scope`.
    public func installFolder(_ name: PluginName, _ scope: Scope) throws(PluginError) -> String {
        (try folder(scope) as NSString).appendingPathComponent(name.relativeFolder)
    }

    static let noProject = PluginError(.usage, "no loupe.toml here or in any folder above",
        hint: "create one (it may be empty) at your project's root, or use --user")

    // MARK: - Commands

    /// Installs what `argument` names, with its dependencies, and records it as wanted.
    public func install(_ argument: SourceArgument, scope: Scope) throws(PluginError) -> [Change] {
        let held = try FolderLock(try folder(scope))
        defer { withExtendedLifetime(held) {} }
        let catalog = try SourceCatalog()
        defer { catalog.close() }
        var (roots, sources, lock) = try wanted(scope)
        var source = argument.source
        var resolveRange = VersionRange.any
        var recordSource = source
        if let pin = argument.pin {
            (source, resolveRange) = try choose(pin: pin, in: source, catalog: catalog)
            // A tag that is not a version stays pinned in loupe.toml; a version is a choice.
            if case .git(let url, let ref?) = source, SemanticVersion(tag: ref) == nil { recordSource = .git(url, ref: ref) }
        }
        guard let name = try catalog.candidates(source).first?.name else {
            throw PluginError(.notFound, file: source.description, "offers no version of any plugin",
                hint: "tag a version (git tag v0.1.0) or check the source")
        }
        roots.removeAll { $0.name == name }
        roots.append(ProjectFile.Requirement(name: name, range: resolveRange, source: source))
        sources[name] = source
        var preferred = Dictionary(lock.plugins.map { ($0.name, $0.version) }, uniquingKeysWith: { a, _ in a })
        preferred[name] = nil
        let resolved = try resolve(roots, sources: sources, preferred: preferred, catalog: catalog, scope: scope)
        let version = resolved[name]!.version
        let recordRange = argument.pin.flatMap { try? VersionRange(parsing: $0) }.flatMap {
            SemanticVersion($0.description.trimmingCharacters(in: CharacterSet(charactersIn: "=v"))) == nil ? $0 : nil
        } ?? (try? VersionRange(parsing: "^\(version)")) ?? .any
        let wantedRoot = ProjectFile.Requirement(name: name, range: recordRange, source: recordSource)
        roots.removeAll { $0.name == name }
        roots.append(wantedRoot)
        return try apply(resolved, roots: roots, lock: &lock, scope: scope, catalog: catalog)
    }

    /// Installs exactly what the lock pins, as on a fresh copy of a project: every locked
    /// plugin at its locked version, from its recorded source, with the checksum the lock
    /// records. Plugins already installed as locked are left alone.
    ///
    /// - Throws: ``PluginError`` (`.integrity`) when a source no longer offers a locked
    ///   version, or offers it with other files than the lock pins.
    public func restore(scope: Scope) throws(PluginError) -> [Change] {
        let held = try FolderLock(try folder(scope))
        defer { withExtendedLifetime(held) {} }
        let catalog = try SourceCatalog()
        defer { catalog.close() }
        var (roots, sources, lock) = try wanted(scope)
        let lockName = (try lockPath(scope) as NSString).lastPathComponent
        let preferred = Dictionary(lock.plugins.map { ($0.name, $0.version) }, uniquingKeysWith: { a, _ in a })
        let resolved = try resolve(roots, sources: sources, preferred: preferred, catalog: catalog, scope: scope)
        for entry in lock.plugins {
            guard let candidate = resolved[entry.name], candidate.version == entry.version else {
                throw PluginError(.integrity, file: entry.source.description,
                    "\(lockName) pins \(entry.name) \(entry.version), but "
                        + (resolved[entry.name].map { "the wanted ranges now resolve to \($0.version)" } ?? "it is no longer wanted"),
                    hint: "run `loupe plugin update` to resolve again and rewrite \(lockName)")
            }
        }
        return try apply(resolved, roots: roots, lock: &lock, scope: scope, catalog: catalog, strict: true)
    }

    /// Resolves the wanted plugins again to the highest versions their ranges allow (all of
    /// them, or only `name`), and installs what changed.
    public func update(_ name: PluginName?, scope: Scope) throws(PluginError) -> [Change] {
        let held = try FolderLock(try folder(scope))
        defer { withExtendedLifetime(held) {} }
        let catalog = try SourceCatalog()
        defer { catalog.close() }
        var (roots, sources, lock) = try wanted(scope)
        if let name, lock[name] == nil { throw notInstalled(name, scope, lock) }
        var preferred: [PluginName: SemanticVersion] = [:]
        if let name {
            preferred = Dictionary(lock.plugins.map { ($0.name, $0.version) }, uniquingKeysWith: { a, _ in a })
            preferred[name] = nil
        }
        let resolved = try resolve(roots, sources: sources, preferred: preferred, catalog: catalog, scope: scope)
        return try apply(resolved, roots: roots, lock: &lock, scope: scope, catalog: catalog)
    }

    /// Removes plugin `name` and the dependencies nothing else needs.
    ///
    /// - Throws: ``PluginError`` when it is not installed, or another plugin needs it.
    public func remove(_ name: PluginName, scope: Scope) throws(PluginError) -> [Change] {
        let held = try FolderLock(try folder(scope))
        defer { withExtendedLifetime(held) {} }
        var (roots, _, lock) = try wanted(scope)
        guard lock[name] != nil else { throw notInstalled(name, scope, lock) }
        let dependents = lock.plugins.filter { $0.dependencies.contains(name) }.map(\.name.description)
        if !dependents.isEmpty {
            throw PluginError(.usage, "\(name) is needed by \(dependents.joined(separator: ", "))",
                hint: "remove \(dependents.count == 1 ? "that plugin" : "those plugins") first")
        }
        roots.removeAll { $0.name == name }
        // Keep what the remaining wanted plugins reach through the lock's dependencies.
        var reachable: Set<PluginName> = []
        var queue = roots.map(\.name)
        while let next = queue.popLast() {
            guard !reachable.contains(next), let entry = lock[next] else { continue }
            reachable.insert(next)
            queue += entry.dependencies
        }
        var changes: [Change] = []
        for entry in lock.plugins where !reachable.contains(entry.name) {
            try FileSystem.remove(try installFolder(entry.name, scope))
            try removeEmptyNamespace(entry.name, scope)
            lock.remove(entry.name)
            changes.append(Change(name: entry.name, from: entry.version, to: nil))
        }
        try save(lock: lock, roots: roots, scope: scope)
        return changes
    }

    // MARK: - Steps

    /// The wanted plugins (from `loupe.toml`, or the user lock's `requested` entries), the
    /// sources known for every plugin, and the current lock.
    func wanted(_ scope: Scope) throws(PluginError) -> ([ProjectFile.Requirement], [PluginName: PluginSource], LockFile) {
        let lock = try LockFile.load(path: try lockPath(scope))
        var sources: [PluginName: PluginSource] = [:]
        for entry in lock.plugins { sources[entry.name] = Self.unpinned(entry.source) }
        var roots: [ProjectFile.Requirement]
        switch scope {
        case .project:
            roots = try ProjectFile.load(path: locations.projectFile!).requirements
        case .user:
            roots = lock.plugins.compactMap { entry in
                entry.requested.map { ProjectFile.Requirement(name: entry.name, range: $0, source: Self.unpinned(entry.source)) }
            }
        }
        for root in roots { if let source = root.source { sources[root.name] = source } }
        // A wanted plugin with no source of its own may already be installed somewhere.
        for root in roots where sources[root.name] == nil {
            if let installed = try? locations.plugin(named: root.name) { sources[root.name] = .folder(installed.root) }
        }
        return (roots, sources, lock)
    }

    /// A locked source as re-resolution uses it: a git tag that names a version was chosen
    /// by version, so every version tag is offered again; any other tag stays pinned.
    static func unpinned(_ source: PluginSource) -> PluginSource {
        if case .git(let url, let ref?) = source, SemanticVersion(tag: ref) != nil { return .git(url, ref: nil) }
        return source
    }

    /// The source and range an `@pin` selects.
    func choose(pin: String, in source: PluginSource, catalog: SourceCatalog) throws(PluginError) -> (PluginSource, VersionRange) {
        let asVersion = SemanticVersion(tag: pin)
        switch source {
        case .git(let url, _):
            let tags = try catalog.tags(url)
            if tags.contains(pin) { return (.git(url, ref: pin), .any) }
            if let asVersion, let tag = tags.first(where: { SemanticVersion(tag: $0) == asVersion }) {
                return (.git(url, ref: tag), .any)
            }
            if asVersion == nil, let range = try? VersionRange(parsing: pin) { return (source, range) }
            throw PluginError(.notFound, file: url, "has no tag \(pin)",
                hint: tags.isEmpty ? "it has no tags" : "its tags: " + tags.joined(separator: ", "))
        case .folder, .archive:
            let range: VersionRange
            if let asVersion { range = VersionRange(exactly: asVersion) } else { range = try VersionRange(parsing: pin) }
            if let offered = try catalog.candidates(source).first, !range.contains(offered.version) {
                throw PluginError(.usage, file: source.description, "holds \(offered.name) \(offered.version), not \(pin)",
                    hint: "leave out @\(pin) to install the version it holds")
            }
            return (source, range)
        }
    }

    private func resolve(
        _ roots: [ProjectFile.Requirement], sources: [PluginName: PluginSource], preferred: [PluginName: SemanticVersion],
        catalog: SourceCatalog, scope: Scope
    ) throws(PluginError) -> [PluginName: Candidate] {
        var resolver = Resolver(catalog: catalog, loupeVersion: loupeVersion, sources: sources)
        resolver.preferred = preferred
        let who = scope == .project ? "the project" : "your user folder"
        return try resolver.resolve(roots.map { Resolver.Requirement(name: $0.name, range: $0.range, by: who) })
    }

    /// Stages what changed, asks for grants, moves plugins into place, removes orphans and
    /// writes the lock and `loupe.toml`.
    /// With `strict`, a plugin fetched at its locked version must have the locked checksum.
    private func apply(
        _ resolved: [PluginName: Candidate], roots: [ProjectFile.Requirement], lock: inout LockFile, scope: Scope,
        catalog: SourceCatalog, strict: Bool = false
    ) throws(PluginError) -> [Change] {
        let folder = try folder(scope)
        try FileSystem.makeFolder(folder)
        let staging = (folder as NSString).appendingPathComponent(".loupe-staging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: staging) }
        var staged: [(candidate: Candidate, path: String, sha256: String, entries: [TreeHash.Entry])] = []
        var kept: [PluginName: LockedPlugin] = [:]
        for name in resolved.keys.sorted() {
            let candidate = resolved[name]!
            if let old = lock[name], old.version == candidate.version, Self.unpinned(old.source) == Self.unpinned(candidate.source),
                let sum = try? TreeHash.checksum(ofTreeAt: try installFolder(name, scope)), sum == old.sha256
            {
                kept[name] = old
                continue
            }
            let path = (staging as NSString).appendingPathComponent(name.relativeFolder)
            try catalog.materialize(candidate, into: path)
            let manifest = try PluginManifest.load(folder: path)
            guard manifest.name == candidate.name, manifest.version == candidate.version else {
                throw PluginError(.invalidFile, file: candidate.source.description,
                    "offered \(candidate.name) \(candidate.version) but holds \(manifest.name) \(manifest.version)")
            }
            do { try manifest.checkModuleFiles(in: path) } catch {
                // Named in the source, not in the staging folder that is about to go.
                var error = error
                error.file = candidate.source.description
                throw error
            }
            let entries = try TreeHash.entries(of: path)
            let sum = TreeHash.checksum(of: entries)
            if strict, let old = lock[name], old.version == candidate.version, old.sha256 != sum {
                throw PluginError(.integrity, file: candidate.source.description,
                    "now holds \(name) \(candidate.version) with other files than the lock pins (sha256 \(sum), locked \(old.sha256)); nothing was installed",
                    hint: "ask where the change comes from; to accept it, run `loupe plugin update \(name)`")
            }
            staged.append((candidate, path, sum, entries))
        }
        // Ask once for everything new that goes beyond what was granted before.
        let requests = staged.compactMap { item -> GrantRequest? in
            let asked = item.candidate.manifest.permissions
            let before = lock[item.candidate.name]?.granted ?? .none
            return asked.isEmpty || before.covers(asked)
                ? nil : GrantRequest(name: item.candidate.name, version: item.candidate.version, permissions: asked)
        }
        if !requests.isEmpty, try !confirmGrants(requests) {
            throw PluginError(.permission, "nothing was installed: the permissions were not granted",
                hint: "install again and answer y to grant them")
        }
        var changes: [Change] = []
        var newLock = LockFile()
        let rootRanges = Dictionary(roots.map { ($0.name, $0.range) }, uniquingKeysWith: { a, _ in a })
        for item in staged {
            let name = item.candidate.name
            let destination = try installFolder(name, scope)
            try FileSystem.remove(destination)
            try FileSystem.makeFolder((destination as NSString).deletingLastPathComponent)
            guard rename(item.path, destination) == 0 else {
                throw PluginError(.system, file: destination, "cannot move the plugin into place")
            }
            try FileSystem.writeAtomically(TreeHash.listing(item.entries),
                to: (destination as NSString).appendingPathComponent(TreeHash.recordFileName))
            changes.append(Change(name: name, from: lock[name]?.version, to: item.candidate.version))
            newLock.set(LockedPlugin(
                name: name, version: item.candidate.version, source: item.candidate.source, commit: item.candidate.commit,
                sha256: item.sha256, dependencies: item.candidate.manifest.dependencies.keys.sorted(),
                granted: item.candidate.manifest.permissions, requested: scope == .user ? rootRanges[name] : nil))
        }
        for (name, var entry) in kept {
            entry.requested = scope == .user ? rootRanges[name] : nil
            newLock.set(entry)
        }
        for entry in lock.plugins where resolved[entry.name] == nil {
            try FileSystem.remove(try installFolder(entry.name, scope))
            try removeEmptyNamespace(entry.name, scope)
            changes.append(Change(name: entry.name, from: entry.version, to: nil))
        }
        lock = newLock
        try save(lock: lock, roots: roots, scope: scope)
        return changes.sorted { $0.name < $1.name }
    }

    private func save(lock: LockFile, roots: [ProjectFile.Requirement], scope: Scope) throws(PluginError) {
        switch scope {
        case .project:
            try lock.write(to: try lockPath(.project))
            var project = try ProjectFile.load(path: locations.projectFile!)
            project.requirements = roots
            try project.save()
        case .user:
            try lock.write(to: try lockPath(.user),
                header: "grants.toml: the plugins installed in this folder and the permissions granted to them, written by `loupe plugin`. Do not edit.")
        }
    }

    private func removeEmptyNamespace(_ name: PluginName, _ scope: Scope) throws(PluginError) {
        guard let namespace = name.namespace else { return }
        let path = (try folder(scope) as NSString).appendingPathComponent(namespace)
        if (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true { try FileSystem.remove(path) }
    }

    /// The error for a plugin that `scope`'s lock does not have, listing what it has.
    public func notInstalledError(_ name: PluginName, _ scope: Scope, _ lock: LockFile) -> PluginError {
        notInstalled(name, scope, lock)
    }

    func notInstalled(_ name: PluginName, _ scope: Scope, _ lock: LockFile) -> PluginError {
        let installed = lock.plugins.map(\.name.description)
        return PluginError(.notFound, "\(name) is not installed in the \(scope.rawValue) folder",
            hint: installed.isEmpty ? "nothing is installed there" : "installed: " + installed.joined(separator: ", "))
    }
}
