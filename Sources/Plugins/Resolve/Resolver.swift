/// Picks one version of every plugin needed: the highest that satisfies every range, with
/// backtracking over the versions each source offers when a choice leads to a conflict.
///
/// A conflict is reported with the chain that caused it:
///
///     mediaLab/quotes 1.2.0 needs mediaLab/people ^2.0, but the project needs mediaLab/people ~1.4 (available: 1.4.2, 2.1.0)
struct Resolver {
    /// A range some plugin (or the project) asks of another.
    struct Requirement {
        var name: PluginName
        var range: VersionRange
        /// Who asks: `the project`, or `mediaLab/quotes 1.2.0`.
        var by: String
    }

    let catalog: SourceCatalog
    /// Candidates outside their `loupe` range are passed over.
    let loupeVersion: SemanticVersion?
    /// Where each plugin comes from, as known before resolving (more come from manifests).
    var sources: [PluginName: PluginSource]
    /// Versions to try first when they fit (what the lock has), so installing one plugin does
    /// not upgrade the others; `update` leaves this empty.
    var preferred: [PluginName: SemanticVersion] = [:]

    private var failure: PluginError?

    init(catalog: SourceCatalog, loupeVersion: SemanticVersion?, sources: [PluginName: PluginSource]) {
        self.catalog = catalog
        self.loupeVersion = loupeVersion
        self.sources = sources
    }

    /// The chosen candidate of every plugin reachable from `roots`.
    mutating func resolve(_ roots: [Requirement]) throws(PluginError) -> [PluginName: Candidate] {
        var constraints: [PluginName: [Requirement]] = [:]
        for root in roots { constraints[root.name, default: []].append(root) }
        failure = nil
        if let found = try search(chosen: [:], constraints: constraints, sources: sources, pending: roots.map(\.name)) {
            return found
        }
        throw failure ?? PluginError(.conflict, "no set of plugin versions satisfies every range")
    }

    private mutating func search(
        chosen: [PluginName: Candidate], constraints: [PluginName: [Requirement]], sources: [PluginName: PluginSource],
        pending: [PluginName]
    ) throws(PluginError) -> [PluginName: Candidate]? {
        guard let name = pending.first(where: { chosen[$0] == nil }) else { return chosen }
        let requirements = constraints[name] ?? []
        guard let source = sources[name] else {
            let who = requirements.map(\.by).joined(separator: " and ")
            throw PluginError(.notFound, "no source is known for \(name), which \(who) needs",
                hint: "install it first (`loupe plugin install SOURCE`), or give its source in the dependency: "
                    + "{ version = \"…\", git = \"…\" }")
        }
        let offered = try catalog.candidates(source)
        if let stranger = offered.first(where: { $0.name != name }) {
            throw PluginError(.invalidFile, file: source.description,
                "holds plugin \(stranger.name), not \(name)", hint: "check the source given for \(name)")
        }
        let available = offered.map(\.version).sorted()
        var fitting = offered.filter { candidate in requirements.allSatisfy { $0.range.contains(candidate.version) } }
        if let loupeVersion {
            let supported = fitting.filter { $0.manifest.supportsLoupe(loupeVersion) }
            if supported.isEmpty, let newest = fitting.max(by: { $0.version < $1.version }) {
                record(PluginError(.conflict, "\(name) \(newest.version) works with Loupe \(newest.manifest.loupeRange!), "
                    + "but this is Loupe \(loupeVersion)", hint: "use another Loupe, or another version of \(name)"))
            }
            fitting = supported
        }
        if fitting.isEmpty {
            record(conflict(name, requirements, available: available))
            return nil
        }
        fitting.sort { $0.version > $1.version }
        if let wanted = preferred[name], let index = fitting.firstIndex(where: { $0.version == wanted }) {
            fitting.insert(fitting.remove(at: index), at: 0)
        }
        candidates: for candidate in fitting {
            var nextConstraints = constraints
            var nextSources = sources
            var next = pending
            let by = "\(name) \(candidate.version)"
            for (dependency, range) in candidate.manifest.dependencies.sorted(by: { $0.key < $1.key }) {
                let requirement = Requirement(name: dependency, range: range, by: by)
                if let picked = chosen[dependency], !range.contains(picked.version) {
                    record(conflict(dependency, (constraints[dependency] ?? []) + [requirement],
                        available: (try? catalog.candidates(sources[dependency]!).map(\.version).sorted()) ?? []))
                    continue candidates
                }
                nextConstraints[dependency, default: []].append(requirement)
                if nextSources[dependency] == nil, let given = candidate.manifest.dependencySources[dependency] {
                    nextSources[dependency] = given
                }
                next.append(dependency)
            }
            var nextChosen = chosen
            nextChosen[name] = candidate
            if let found = try search(chosen: nextChosen, constraints: nextConstraints, sources: nextSources, pending: next) {
                return found
            }
        }
        return nil
    }

    /// Keeps the first failure: the one closest to the top of the search.
    private mutating func record(_ error: PluginError) {
        if failure == nil { failure = error }
    }

    /// `B needs X r2, but A needs X r1 (available: …)`, naming the newest requirement and one
    /// that leaves nothing together with it.
    private func conflict(_ name: PluginName, _ requirements: [Requirement], available: [SemanticVersion]) -> PluginError {
        let list = available.isEmpty ? "none" : available.map(\.description).joined(separator: ", ")
        guard let newest = requirements.last else {
            return PluginError(.conflict, "nothing needs \(name)")
        }
        let others = requirements.dropLast()
        if let clash = others.first(where: { other in
            !available.contains { newest.range.contains($0) && other.range.contains($0) }
        }) {
            return PluginError(.conflict,
                "\(newest.by) needs \(name) \(newest.range), but \(clash.by) needs \(name) \(clash.range) (available: \(list))")
        }
        return PluginError(.conflict, "\(newest.by) needs \(name) \(newest.range), but no version fits (available: \(list))",
            hint: "ask for a range that includes an available version")
    }
}
