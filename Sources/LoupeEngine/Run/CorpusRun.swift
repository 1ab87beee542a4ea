import Aggregates
import LoupeBindings
import LuaRuntime

/// A whole run of a script over a corpus: workers started by a ``Coordinator``, each
/// document's rows handed on in corpus order, failures reported and counted, `finish` run at
/// the end, and a summary.
public final class CorpusRun {
    /// How failures stop a run.
    public struct FailurePolicy: Sendable {
        /// Stop at the first failed document.
        public var failFast = false
        /// Stop once more than this many documents failed; `nil` for no limit.
        public var maxFailures: Int?

        /// A policy.
        public init(failFast: Bool = false, maxFailures: Int? = nil) {
            self.failFast = failFast
            self.maxFailures = maxFailures
        }
    }

    /// What a run did, counted.
    public struct Summary: Equatable, Sendable {
        /// Documents the script ran on without error.
        public var documents = 0
        /// Documents that could not be read (skipped), and those the script failed on, by kind.
        public var failures: [DocumentFailure.Kind: Int] = [:]
        /// Rows written, per output table.
        public var rows: [String: Int] = [:]
        /// Bytes the files gave when read (decompressed).
        public var bytes = 0
        /// Whether the run stopped early (failures, or an interruption).
        public var stoppedEarly = false
        /// What `document(doc, report)` added to the report, in corpus order, then what
        /// `finish(report)` added.
        public var report: [ReportItem] = []

        /// Every failed or skipped document.
        public var failed: Int { failures.values.reduce(0, +) }

        /// An empty summary.
        public init() {}
    }

    /// Receives a run's results, in corpus order.
    public struct Sinks {
        /// Each row with its document's place in the corpus (``CorpusRun/position(_:_:)``;
        /// `Int.max` for the rows of `finish`): documents' rows in corpus order, then `finish`'s.
        public var row: (EmittedRow, Int) throws -> Void
        /// Each failed document: its path and id, and the failure (message with path, reason, traceback).
        public var failure: (_ path: String, _ id: String, DocumentFailure) -> Void
        /// Each line the script printed.
        public var printed: (String) -> Void
        /// After each file: how many files are done, and the summary so far.
        public var progress: (Int, Summary) -> Void
        /// When a REPL session opened by `loupe.repl{…}` takes the terminal (`true`) and gives
        /// it back (`false`); see ``Coordinator/terminalSession``.
        public var terminalSession: (_ open: Bool) -> Void = { _ in }
        /// Each file as its documents are handed on, in corpus order: what reading it gave.
        public var fileRead: (Coordinator.FileOutcome) -> Void = { _ in }

        /// Sinks for a run.
        public init(
            row: @escaping (EmittedRow, Int) throws -> Void,
            failure: @escaping (_ path: String, _ id: String, DocumentFailure) -> Void,
            printed: @escaping (String) -> Void, progress: @escaping (Int, Summary) -> Void = { _, _ in }
        ) {
            self.row = row
            self.failure = failure
            self.printed = printed
            self.progress = progress
        }
    }

    private let configuration: Coordinator.Configuration
    private let policy: FailurePolicy

    /// A run with workers as `configuration` says, stopping as `policy` says.
    public init(configuration: Coordinator.Configuration, policy: FailurePolicy = FailurePolicy()) {
        self.configuration = configuration
        self.policy = policy
    }

    /// Runs the script over `files` and returns what happened.
    ///
    /// - Parameters:
    ///   - journal: where each finished file is recorded, for `--resume`; `nil` for none.
    ///   - replay: the files a journal says are done (a prefix of the corpus): their outcomes
    ///     are handed on as if they had just run, and the workers start after them.
    ///   - started: a coordinator whose workers were started early (``Coordinator/start()``),
    ///     made with this run's configuration.
    /// - Throws: ``Coordinator/Stop`` when the script cannot run at all or workers cannot
    ///   start; what a sink or the journal throws.
    public func run(
        files: [String], sinks: Sinks, journal: Journal? = nil, replay: [Coordinator.FileOutcome] = [],
        started: Coordinator? = nil, isInterrupted: @escaping () -> Bool
    ) throws -> Summary {
        var summary = Summary()
        var omittedReportItems = 0
        var aggregates = AggregateSet()
        let coordinator = started ?? Coordinator(configuration: configuration)
        coordinator.terminalSession = sinks.terminalSession
        defer { coordinator.shutDown() }
        let limit = policy.failFast ? 1 : policy.maxFailures.map { $0 + 1 }
        do {
            let deliver = { (file: Coordinator.FileOutcome) throws in
                // Read, whatever its documents do (a failure among them may stop the run).
                summary.bytes += file.reading.bytes
                sinks.fileRead(file)
                for outcome in file.documents {
                    switch outcome.result {
                    case .success(let products):
                        summary.documents += 1
                        if !products.aggregates.isEmpty {
                            try aggregates.merge(delta: products.aggregates, document: Self.position(file.index, outcome.record))
                        }
                        for row in products.rows {
                            try sinks.row(row, Self.position(file.index, outcome.record))
                            summary.rows[row.table, default: 0] += 1
                        }
                        let room = max(0, Self.maximumDocumentReportItems - summary.report.count)
                        summary.report += products.report.prefix(room)
                        omittedReportItems += max(0, products.report.count - room)
                    case .failure(let failure):
                        summary.failures[failure.kind, default: 0] += 1
                        sinks.failure(file.path, outcome.id, failure)
                        if let limit, summary.failed >= limit { throw EarlyStop() }
                    }
                }
                sinks.progress(file.index + 1, summary)
            }
            for file in replay { try deliver(file) }
            try coordinator.run(files: files, from: replay.count, deliver: { file in
                try journal?.append(file)
                try deliver(file)
            }, delivered: { try journal?.flush() }, printed: sinks.printed, isInterrupted: isInterrupted)
        } catch is EarlyStop {
            summary.stoppedEarly = true
            return summary
        }
        let finish = try coordinator.finish(aggregates: aggregates.encodeState(), printed: sinks.printed, isInterrupted: isInterrupted)
        if omittedReportItems > 0 {
            summary.report.append(.paragraph(
                "\(omittedReportItems) more report items from documents are left out: documents add at most \(Self.maximumDocumentReportItems) to a report."))
        }
        summary.report += finish.report
        for row in finish.rows {
            try sinks.row(row, Int.max)
            summary.rows[row.table, default: 0] += 1
        }
        if let failure = finish.failure {
            summary.failures[.script, default: 0] += 1
            sinks.failure(configuration.setup.path, "", DocumentFailure(.script, failure))
        }
        return summary
    }

    private struct EarlyStop: Error {}

    /// The most report items documents add to a run's report, all together; `finish(report)`
    /// adds its own beyond these.
    public static let maximumDocumentReportItems = 10_000

    /// A document's place in the corpus as one number (file, then record), by which list
    /// aggregates from shards interleave.
    public static func position(_ file: Int, _ record: Int) -> Int {
        file << 32 | record
    }
}
