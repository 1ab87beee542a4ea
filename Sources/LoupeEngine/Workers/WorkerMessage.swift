import DocFormats
import LoupeBindings

/// What the coordinator asks of a worker.
public enum WorkerRequest: Equatable, Sendable {
    /// Load the script (its top level runs now) and get ready: the first request a worker gets.
    case setup(WorkerSetup)
    /// Run `document(doc)` on each document of file `index` (at `path`), from record
    /// `firstRecord` on, except the records in `skipping`: a worker that replaces a lost one
    /// goes on with what the lost one left, without the record that stopped it.
    case file(index: Int, path: String, firstRecord: Int, skipping: [Int])
    /// Run `finish(report)` on the merged aggregates (encoded by ``AggregateSet``).
    case finish(aggregates: [UInt8])
}

/// The script and what it is run with: everything a worker needs besides the reading options
/// and limits it was started with.
public struct WorkerSetup: Equatable, Sendable {
    /// The script's path, which names it in messages.
    public var path: String
    /// The script's text, as the coordinator read (and hashed) it.
    public var source: String
    /// The script's own arguments (`loupe run s.lua corpus -- ARGS`), as `loupe.args`.
    public var arguments: [String]
    /// The part of the corpus this run covers.
    public var shard: Shard
    /// The installed plugins `require` finds, and what the script and each plugin may touch.
    public var plugins: PluginRuntime
    /// Whether workers compute each file's SHA-256 as they read it, for the run's manifest.
    public var fingerprints: Bool

    /// A setup for `source`, named `path`.
    public init(
        path: String, source: String, arguments: [String] = [], shard: Shard = .whole, plugins: PluginRuntime = PluginRuntime(),
        fingerprints: Bool = false
    ) {
        self.path = path
        self.source = source
        self.arguments = arguments
        self.shard = shard
        self.plugins = plugins
        self.fingerprints = fingerprints
    }
}

/// What a worker tells the coordinator.
public enum WorkerReply: Equatable, Sendable {
    /// The script loaded; documents may come.
    case ready
    /// The script cannot run at all (it does not compile, fails at its top level, or defines no
    /// `document`); the message says why, with the line.
    case scriptFailed(String)
    /// What became of one document.
    case document(DocumentOutcome)
    /// The current file is done; what reading it gave (nothing if it could not be read).
    case fileDone(FileReading)
    /// A line the script printed.
    case printed(String)
    /// What `finish(report)` produced.
    case finished(FinishOutcome)
}

/// What became of one document.
public struct DocumentOutcome: Equatable, Sendable {
    /// Its record number in its file (0 for a file that holds one document).
    public var record: Int
    /// Its id (empty when it could not be read).
    public var id: String
    /// Its rows and aggregate delta, or why it failed.
    public var result: Result<DocumentProducts, DocumentFailure>

    /// An outcome for record `record`.
    public init(record: Int, id: String, result: Result<DocumentProducts, DocumentFailure>) {
        self.record = record
        self.id = id
        self.result = result
    }
}

/// What a script made of a document: its rows, what it added to the aggregates, and what
/// `document(doc, report)` added to the report.
public struct DocumentProducts: Equatable, Sendable {
    /// The rows it emitted, in order, each with its table's name.
    public var rows: [EmittedRow]
    /// What it added to the aggregates (``AggregateSet`` encoding; empty if nothing).
    public var aggregates: [UInt8]
    /// What it added to the report, in order.
    public var report: [ReportItem]

    /// Products with the given rows, delta and report items.
    public init(rows: [EmittedRow] = [], aggregates: [UInt8] = [], report: [ReportItem] = []) {
        self.rows = rows
        self.aggregates = aggregates
        self.report = report
    }
}

/// Why a document produced nothing.
public struct DocumentFailure: Error, Equatable, Sendable {
    /// Whether it was never read (the file or record is bad) or the script failed on it.
    public enum Kind: UInt8, Sendable {
        /// The file or record could not be read: skipped. (Kinds start at 1: on the pipe, 0
        /// marks a success.)
        case unreadable = 1
        /// The script raised an error or went over a limit.
        case script
        /// The document ran past the deadline and its worker was killed.
        case timeout
        /// Its worker crashed.
        case crash
    }

    /// The kind of failure.
    public var kind: Kind
    /// The message for people: what went wrong, where, and what to do.
    public var message: String

    /// A failure of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// What `finish(report)` produced: its rows and report, or why it failed.
public struct FinishOutcome: Equatable, Sendable {
    /// The rows `finish` emitted.
    public var rows: [EmittedRow]
    /// What it added to the report.
    public var report: [ReportItem]
    /// Why `finish` failed, if it did.
    public var failure: String?

    /// An outcome with `rows`, a report and an optional failure.
    public init(rows: [EmittedRow] = [], report: [ReportItem] = [], failure: String? = nil) {
        self.rows = rows
        self.report = report
        self.failure = failure
    }
}
