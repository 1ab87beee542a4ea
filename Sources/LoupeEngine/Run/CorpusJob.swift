import Foundation
import DocFormats

/// A run from its plan to its files: the rows written to the output, a journal kept while it
/// goes (for `--resume`), the manifest beside the output at the end, and for a shard the part
/// that `loupe merge` combines with the others into what one unsharded run would have written.
public final class CorpusJob {
    /// Where the work comes from.
    public enum Mode: Sendable {
        /// Every file of the plan, from the start.
        case fresh
        /// Go on from the output's journal (an interrupted run of the same plan).
        case resume
        /// Combine finished shard parts, as ``merging(parts:)`` read them (the plan is theirs):
        /// nothing runs but `finish`.
        case merge(files: [Coordinator.FileOutcome])
    }

    /// How the job runs.
    public struct Settings: Sendable {
        /// The run: script, shard, worker options, corpus.
        public var plan: JournalHeader
        /// The output file (`-` for standard output).
        public var output: String
        /// The loupe executable, started as `loupe worker` for each worker.
        public var program: String
        /// The code of `loupe worker` in this program, to start workers by fork alone.
        public var entry: WorkerEntry?
        /// Worker processes.
        public var jobs: Int
        /// Seconds a document may take.
        public var documentTimeout: Double
        /// When failures stop the run.
        public var policy: CorpusRun.FailurePolicy
        /// The report to write (`.md` or `.html`), if any.
        public var report: String?
        /// The plugins the project's lock pins, recorded in the manifest.
        public var plugins: [PluginVersion] = []
        /// Whether the worker shares the terminal, for `loupe.repl{…}`
        /// (``Coordinator/Configuration/isInteractive(jobs:)``).
        public var interactive = false

        /// Settings for a job.
        public init(
            plan: JournalHeader, output: String, program: String, jobs: Int, documentTimeout: Double,
            policy: CorpusRun.FailurePolicy, report: String? = nil
        ) {
            self.report = report
            self.plan = plan
            self.output = output
            self.program = program
            self.jobs = jobs
            self.documentTimeout = documentTimeout
            self.policy = policy
        }
    }

    /// What the job wrote.
    public struct Result: Sendable {
        /// What happened, counted.
        public var summary: CorpusRun.Summary
        /// The output files written (none for standard output).
        public var files: [String]
        /// The manifest, unless the output is standard output.
        public var manifest: String?
        /// The shard's part, for `loupe merge`, when the run was a shard.
        public var part: String?
        /// The report, when one was asked for.
        public var report: String?
    }

    /// Where a shard's part goes: `out.csv` → `out.csv.part`.
    public static func partPath(forOutput output: String) -> String { output + ".part" }

    private let settings: Settings
    private let mode: Mode
    private let started: Coordinator?

    /// A job; `started` is a coordinator made by ``startWorkers(setup:workerOptions:program:jobs:documentTimeout:)``
    /// before the plan was ready, whose workers this job uses if they run the plan's script.
    public init(settings: Settings, mode: Mode, started: Coordinator? = nil) {
        self.settings = settings
        self.mode = mode
        self.started = started
    }

    /// Starts the workers of a run before its plan is made (listing a large corpus takes a
    /// while; the workers load the script meanwhile).
    public static func startWorkers(
        setup: WorkerSetup, workerOptions: [String], program: String, entry: WorkerEntry? = nil, jobs: Int,
        documentTimeout: Double, interactive: Bool = false
    ) -> Coordinator {
        let coordinator = Coordinator(configuration: Coordinator.Configuration(
            workerCommand: [program, "worker"] + workerOptions, jobs: jobs, documentTimeout: documentTimeout, setup: setup,
            interactive: interactive, entry: entry))
        // A failure to start shows again, with its reason, when the run starts them.
        try? coordinator.start()
        return coordinator
    }

    /// The plan of a run over `files`. No file is read here: the workers read each file once,
    /// and fingerprint it as they do when `setup` asks for it (``WorkerSetup/fingerprints``).
    public static func plan(setup: WorkerSetup, workerOptions: [String], files: [String]) -> JournalHeader {
        JournalHeader(setup: setup, workerOptions: workerOptions, files: files)
    }

    /// The plan the parts at `paths` share (unsharded), with their finished files merged in
    /// corpus order. Throws unless they are the N parts of one run, each once.
    public static func merging(parts paths: [String]) throws -> (plan: JournalHeader, files: [Coordinator.FileOutcome]) {
        let parts = try paths.map { path throws(JournalError) in (path, try Journal.read(path: path)) }
        guard let (firstPath, first) = parts.first else { throw JournalError(path: "", reason: "no parts to merge") }
        let plan = first.header.unsharded
        let count = first.header.setup.shard.count
        var seen = Set<Int>()
        for (path, part) in parts {
            guard part.header.unsharded == plan else {
                throw JournalError(path: path, reason: "is a part of another run than \(firstPath) (script, options or corpus differ)")
            }
            let shard = part.header.setup.shard
            guard shard.count == count, seen.insert(shard.index).inserted else {
                throw JournalError(path: path, reason: "is shard \(shard), which does not fit with the other parts")
            }
            guard part.files.count == plan.files.count else {
                throw JournalError(path: path, reason: "is not finished (\(part.files.count) of \(plan.files.count) files)")
            }
        }
        let missing = (1...count).filter { !seen.contains($0) }
        guard missing.isEmpty else {
            throw JournalError(
                path: firstPath,
                reason: "the run has \(count) shards; missing: \(missing.map { "\($0)/\(count)" }.joined(separator: ", "))")
        }
        var files: [Coordinator.FileOutcome] = []
        for index in plan.files.indices {
            // Every part reads every file (a shard takes some of its records), so each part
            // has its fingerprint (empty if it could not read it): they must agree.
            let readings = parts.map { (path: $0.0, reading: $0.1.files[index].reading) }
            if plan.setup.fingerprints, let other = readings.first(where: { $0.reading.sha256 != readings[0].reading.sha256 }) {
                throw JournalError(
                    path: other.path,
                    reason: "read another version of \(plan.files[index]) than \(readings[0].path) did (it changed between "
                        + "the parts' runs); run the parts again over the same corpus")
            }
            files.append(Coordinator.FileOutcome(
                index: index, path: plan.files[index],
                documents: parts.flatMap { $0.1.files[index].documents }.sorted { $0.record < $1.record },
                reading: readings.map(\.reading).max { $0.bytes < $1.bytes } ?? FileReading()))
        }
        return (plan, files)
    }

    /// Runs the job; `terminalSession` hears when a REPL session takes the terminal and
    /// gives it back (``CorpusRun/Sinks/terminalSession``).
    ///
    /// - Throws: ``Coordinator/Stop`` (the script cannot run, workers fail, or an interruption:
    ///   then the journal stays for `--resume`), ``JournalError``, ``OutputError``.
    public func run(
        failure: @escaping (DocumentFailure) -> Void, printed: @escaping (String) -> Void,
        progress: @escaping (Int, CorpusRun.Summary) -> Void, terminalSession: @escaping (Bool) -> Void = { _ in },
        isInterrupted: @escaping () -> Bool
    ) throws -> Result {
        let startTime = Date()
        let plan = settings.plan
        let output = try OutputSet(path: settings.output)
        let toFile = settings.output != OutputSet.standardOutputPath
        var journal: Journal?
        var replay: [Coordinator.FileOutcome] = []
        switch mode {
        case .fresh:
            if toFile { journal = try Journal(creating: Journal.path(forOutput: settings.output), header: plan) }
        case .resume:
            (journal, replay) = try Journal.resume(at: Journal.path(forOutput: settings.output), expecting: plan)
        case .merge(let files):
            replay = files
        }
        var failures: [FailureRecord] = []
        // Each file as it was read, for the manifest: replayed and merged files included.
        var inputs: [FileFingerprint] = []
        let configuration = Coordinator.Configuration(
            workerCommand: [settings.program, "worker"] + plan.workerOptions, jobs: settings.jobs,
            documentTimeout: settings.documentTimeout, setup: plan.setup, interactive: settings.interactive,
            entry: settings.entry)
        let corpusRun = CorpusRun(configuration: configuration, policy: settings.policy)
        let warm = started.flatMap { $0.configuration == configuration ? $0 : nil }
        var sinks = CorpusRun.Sinks(
            row: { row, position in
                try output.write(try Row(emitted: row.fields, table: row.table), document: position)
            },
            failure: { path, id, problem in
                failures.append(FailureRecord(path: path, id: id.isEmpty ? nil : id, reason: problem.message))
                failure(problem)
            },
            printed: printed, progress: progress)
        sinks.terminalSession = terminalSession
        sinks.fileRead = { inputs.append($0.fingerprint) }
        let summary: CorpusRun.Summary
        do {
            summary = try corpusRun.run(
                files: plan.files, sinks: sinks, journal: journal, replay: replay, started: warm, isInterrupted: isInterrupted)
        } catch Coordinator.Stop.interrupted {
            output.abandon()
            throw Coordinator.Stop.interrupted
        } catch {
            output.abandon()
            journal?.remove()
            throw error
        }
        let files = try output.commit()
        var result = Result(summary: summary, files: files)
        // Rows on standard output and no report: there is nothing to describe.
        guard toFile || settings.report != nil else { return result }
        do {
            let manifest = Manifest(
                script: FileFingerprint(
                    path: plan.setup.path, size: Int64(plan.setup.source.utf8.count),
                    sha256: SHA256.hex(of: Array(plan.setup.source.utf8))),
                options: Self.options(plan), plugins: settings.plugins, inputs: inputs, failures: failures,
                summary: RunSummary(
                    documentsRead: summary.documents, documentsSkipped: summary.failures[.unreadable] ?? 0,
                    documentsFailed: summary.failed - (summary.failures[.unreadable] ?? 0), rows: output.rowCounts),
                timing: RunTiming(started: startTime, wallSeconds: Date().timeIntervalSince(startTime)))
            if let report = settings.report, let format = ReportRenderer.Format(path: report) {
                try ReportRenderer.write(summary.report, manifest: manifest, format: format, to: report)
                result.report = report
            }
            guard toFile else { return result }
            let manifestPath = Manifest.path(forOutput: settings.output)
            try manifest.write(to: manifestPath)
            result.manifest = manifestPath
            if plan.setup.shard != .whole, let journal {
                let part = Self.partPath(forOutput: settings.output)
                guard rename(journal.path, part) == 0 else {
                    throw JournalError(path: part, reason: "cannot write the part: \(String(cString: strerror(errno)))")
                }
                result.part = part
            } else {
                journal?.remove()
            }
        }
        return result
    }

    /// The run's options for the manifest: the workers' (`--title first-line` → `title`),
    /// the shard, and the script's own arguments.
    private static func options(_ plan: JournalHeader) -> [String: String] {
        var options: [String: String] = [:]
        var index = 0
        while index + 1 < plan.workerOptions.count {
            options[String(plan.workerOptions[index].drop { $0 == "-" })] = plan.workerOptions[index + 1]
            index += 2
        }
        options["shard"] = plan.setup.shard.description
        options["script-arguments"] = plan.setup.arguments.joined(separator: " ")
        return options
    }
}

