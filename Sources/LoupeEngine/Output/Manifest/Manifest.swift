import Foundation
// Re-exported: run manifests and their users name SHA256 through LoupeEngine.
@_exported import Checksums

/// What a run did and from what, written beside its output as `<output>.manifest.json`, so
/// an analysis can be checked and re-run identically later, resumed, or merged from shards.
///
/// The file is deterministic: keys in a fixed order, maps sorted by key, so two identical
/// runs give byte-identical manifests except in ``timing``, the one section that holds
/// clock readings (start time, wall time); ``rendered(includingTiming:)`` leaves it out for
/// comparisons. Lists keep the order the caller gives, which should be the run's input order.
///
/// ```swift
/// var manifest = Manifest(script: try .of(path: "quotes.lua"))
/// manifest.inputs = try paths.map(FileFingerprint.of(path:))
/// manifest.summary.rows = output.rowCounts
/// try manifest.write(to: Manifest.path(forOutput: "quotes.csv"))
/// ```
public struct Manifest: Equatable, Sendable {
    /// The version of the manifest's layout this Loupe writes (and the newest it reads).
    public static let formatVersion = 1

    /// The Loupe that ran.
    public var loupeVersion: String
    /// The script that ran.
    public var script: FileFingerprint
    /// The run's options as the caller names them (`"jobs": "2"`); written sorted by name.
    public var options: [String: String]
    /// The plugins the script used, in the caller's order.
    public var plugins: [PluginVersion]
    /// Every input file the run read (all of them, unless it stopped early), in corpus order;
    /// one that could not be read has no SHA-256.
    public var inputs: [FileFingerprint]
    /// Every document that failed, in run order.
    public var failures: [FailureRecord]
    /// What happened, counted.
    public var summary: RunSummary
    /// When the run started and how long it took: the only fields that differ between
    /// identical runs.
    public var timing: RunTiming

    /// Makes a manifest for a run of `script`; the rest is filled in as the run goes.
    public init(
        loupeVersion: String = LoupeVersion.current, script: FileFingerprint, options: [String: String] = [:],
        plugins: [PluginVersion] = [], inputs: [FileFingerprint] = [], failures: [FailureRecord] = [],
        summary: RunSummary = RunSummary(), timing: RunTiming = RunTiming()
    ) {
        self.loupeVersion = loupeVersion
        self.script = script
        self.options = options
        self.plugins = plugins
        self.inputs = inputs
        self.failures = failures
        self.summary = summary
        self.timing = timing
    }

    /// Where the manifest of the output at `path` goes: `out.csv` → `out.csv.manifest.json`.
    public static func path(forOutput path: String) -> String { path + ".manifest.json" }
}

/// A file identified by its content: path as given, size in bytes and SHA-256.
public struct FileFingerprint: Equatable, Sendable {
    /// The path, as the run named it.
    public var path: String
    /// The size in bytes (0 for an input that could not be read).
    public var size: Int64
    /// The SHA-256, 64 lowercase hexadecimal digits; empty for an input that could not be
    /// read (`null` in the manifest's JSON).
    public var sha256: String

    /// Makes a fingerprint from known values.
    public init(path: String, size: Int64, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }

    /// Reads the file at `path` (in pieces) and fingerprints it.
    ///
    /// - Throws: ``OutputError`` naming the file when it cannot be read.
    public static func of(path: String) throws(OutputError) -> FileFingerprint {
        do {
            let (sha256, size) = try SHA256.sum(ofFileAt: path)
            return FileFingerprint(path: path, size: size, sha256: sha256)
        } catch {
            throw OutputError(path: path, "cannot open it to compute its SHA-256: \(error.reason) (check that it exists and is readable)")
        }
    }
}

/// A plugin a run used.
public struct PluginVersion: Equatable, Sendable {
    /// The plugin's name.
    public var name: String
    /// Its version.
    public var version: String
    /// The SHA-256 of its files as the lockfile pins it, if known.
    public var sha256: String?

    /// Makes a plugin record.
    public init(name: String, version: String, sha256: String? = nil) {
        self.name = name
        self.version = version
        self.sha256 = sha256
    }
}

/// A document the run could not read or on which the script failed.
public struct FailureRecord: Equatable, Sendable {
    /// The file it came from.
    public var path: String
    /// Its id, when the file holds several documents (a JSON Lines or CSV corpus).
    public var id: String?
    /// Why it failed: the message the run printed.
    public var reason: String

    /// Makes a failure record.
    public init(path: String, id: String? = nil, reason: String) {
        self.path = path
        self.id = id
        self.reason = reason
    }
}

/// What a run did, counted.
public struct RunSummary: Equatable, Sendable {
    /// Documents the script ran on without error.
    public var documentsRead: Int
    /// Documents passed over (already done when resuming, or outside this shard).
    public var documentsSkipped: Int
    /// Documents that could not be read or on which the script failed.
    public var documentsFailed: Int
    /// Rows written, by table (``OutputSet/rowCounts``).
    public var rows: [String: Int]

    /// Makes a summary.
    public init(documentsRead: Int = 0, documentsSkipped: Int = 0, documentsFailed: Int = 0, rows: [String: Int] = [:]) {
        self.documentsRead = documentsRead
        self.documentsSkipped = documentsSkipped
        self.documentsFailed = documentsFailed
        self.rows = rows
    }
}

/// The clock readings of a run, kept apart because they differ between identical runs.
public struct RunTiming: Equatable, Sendable {
    /// When the run started, to the second (UTC in the file: `2025-01-14T09:30:00Z`).
    public var started: Date
    /// How long it took, in seconds.
    public var wallSeconds: Double

    /// Makes a timing record; the start is cut to whole seconds, as the file holds it.
    public init(started: Date = Date(timeIntervalSince1970: 0), wallSeconds: Double = 0) {
        self.started = Date(timeIntervalSince1970: started.timeIntervalSince1970.rounded(.down))
        self.wallSeconds = wallSeconds
    }
}
