import Foundation

extension Manifest {
    /// The manifest's text (see the type's documentation for what is deterministic).
    ///
    /// - Parameter includingTiming: false leaves out ``timing``, the one section that differs
    ///   between identical runs, for comparing runs.
    public func rendered(includingTiming: Bool = true) -> String {
        var members: [(String, ManifestJSON)] = [
            ("manifest_version", .integer(Int64(Manifest.formatVersion))),
            ("loupe_version", .string(loupeVersion)),
            ("script", script.json),
            ("options", ManifestJSON.sorted(options) { .string($0) }),
            ("plugins", .array(plugins.map(\.json))),
            ("inputs", .array(inputs.map(\.json))),
            ("failures", .array(failures.map(\.json))),
            ("summary", summary.json),
        ]
        if includingTiming { members.append(("timing", timing.json)) }
        return ManifestJSON.object(members).rendered()
    }

    /// Writes the manifest to `path` atomically: complete on disk before it replaces the
    /// previous one.
    ///
    /// - Throws: ``OutputError`` naming the file.
    public func write(to path: String) throws(OutputError) {
        try StagedFile.write(rendered(), to: path)
    }

    /// Reads the manifest at `path`.
    ///
    /// - Throws: ``OutputError`` naming the file and saying what is wrong: unreadable, not
    ///   JSON, written by a newer Loupe, or a member missing or of the wrong kind.
    public static func read(from path: String) throws(OutputError) -> Manifest {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw OutputError(path: path, "cannot read the manifest (\(error.localizedDescription))")
        }
        let json: ManifestJSON
        do {
            json = try ManifestJSON.parse(bytes)
        } catch {
            throw OutputError(path: path, "not a Loupe manifest: the file is not valid JSON")
        }
        do {
            return try Manifest(json: json)
        } catch {
            throw OutputError(
                path: path, "not a Loupe manifest: '\(error.key)' should be \(error.expected); was the file edited?")
        }
    }

    private init(json: ManifestJSON) throws(ManifestShapeError) {
        let top = try ManifestFields(json)
        let version = try top.integer("manifest_version")
        guard version <= Manifest.formatVersion else {
            throw ManifestShapeError(
                key: "manifest_version", expected: "at most \(Manifest.formatVersion) (it was written by a newer Loupe)")
        }
        self.init(
            loupeVersion: try top.string("loupe_version"),
            script: try FileFingerprint(try top.object("script")),
            options: try top.map("options") { (fields, key) throws(ManifestShapeError) in try fields.string(key) },
            plugins: try top.objects("plugins").map { (fields) throws(ManifestShapeError) in try PluginVersion(fields) },
            inputs: try top.objects("inputs").map { (fields) throws(ManifestShapeError) in try FileFingerprint(fields) },
            failures: try top.objects("failures").map { (fields) throws(ManifestShapeError) in try FailureRecord(fields) },
            summary: try RunSummary(try top.object("summary")),
            timing: try RunTiming(try top.object("timing")))
    }
}

// Each record's members, written and read in one place.

extension FileFingerprint {
    /// A file that could not be read has no SHA-256: `null`.
    var json: ManifestJSON {
        .object([("path", .string(path)), ("size", .integer(size)), ("sha256", sha256.isEmpty ? .null : .string(sha256))])
    }

    init(_ fields: ManifestFields) throws(ManifestShapeError) {
        self.init(path: try fields.string("path"), size: try fields.integer("size"), sha256: try fields.optionalString("sha256") ?? "")
    }
}

extension PluginVersion {
    var json: ManifestJSON {
        var members: [(String, ManifestJSON)] = [("name", .string(name)), ("version", .string(version))]
        if let sha256 { members.append(("sha256", .string(sha256))) }
        return .object(members)
    }

    init(_ fields: ManifestFields) throws(ManifestShapeError) {
        self.init(
            name: try fields.string("name"), version: try fields.string("version"),
            sha256: try fields.optionalString("sha256"))
    }
}

extension FailureRecord {
    var json: ManifestJSON {
        var members: [(String, ManifestJSON)] = [("path", .string(path))]
        if let id { members.append(("id", .string(id))) }
        members.append(("reason", .string(reason)))
        return .object(members)
    }

    init(_ fields: ManifestFields) throws(ManifestShapeError) {
        self.init(path: try fields.string("path"), id: try fields.optionalString("id"), reason: try fields.string("reason"))
    }
}

extension RunSummary {
    var json: ManifestJSON {
        .object([
            ("documents_read", .integer(Int64(documentsRead))),
            ("documents_skipped", .integer(Int64(documentsSkipped))),
            ("documents_failed", .integer(Int64(documentsFailed))),
            ("rows", ManifestJSON.sorted(rows) { .integer(Int64($0)) }),
        ])
    }

    init(_ fields: ManifestFields) throws(ManifestShapeError) {
        self.init(
            documentsRead: Int(try fields.integer("documents_read")),
            documentsSkipped: Int(try fields.integer("documents_skipped")),
            documentsFailed: Int(try fields.integer("documents_failed")),
            rows: try fields.map("rows") { (fields, key) throws(ManifestShapeError) in Int(try fields.integer(key)) })
    }
}

extension RunTiming {
    var json: ManifestJSON {
        .object([("started", .string(Self.format(started))), ("wall_seconds", .real(wallSeconds))])
    }

    init(_ fields: ManifestFields) throws(ManifestShapeError) {
        guard let started = Self.parse(try fields.string("started")) else {
            throw ManifestShapeError(key: "timing.started", expected: "a UTC time such as 2025-01-14T09:30:00Z")
        }
        self.init(started: started, wallSeconds: try fields.real("wall_seconds"))
    }

    private static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    private static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
