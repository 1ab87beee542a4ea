import ArgumentParser
import DocFormats
import DocModel
import Foundation
import LoupeBindings
import LoupeEngine
import LuaRuntime

/// `loupe run`: run a script over a corpus in worker processes and write its rows.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script's document(doc) over a corpus and write its rows.",
        discussion: """
            The script is a Lua file that defines document(doc); Loupe calls it once per \
            document, then finish() once if the script defines it. Every row the script \
            passes to emit{...} is written in corpus order: to -o FILE as CSV, JSON Lines or \
            SQLite (by the extension; emit("name", {...}) writes to FILE's table 'name'), with \
            FILE.manifest.json beside it (versions, options, the SHA-256 of the script and \
            of every input, failures, counts); without -o, as JSON lines on standard output. \
            `require "name"` loads modules of installed plugins (project loupe_plugins/, \
            user $XDG_DATA_HOME/loupe/plugins, bundled plugins/). Scripts and plugins read the \
            corpus, plugins their own folder too; anything else (loupe.fs.read, loupe.fs.write, \
            loupe.exec) needs a grant: --allow fs.read=PATH for the script, --allow \
            PLUGIN:fs.read=PATH for one plugin. The script's print() goes to standard error, with failures, the progress bar (on a \
            terminal) and the final summary. `loupe docs` describes everything doc offers.

            The corpus is files, folders (read recursively, in path order) and glob patterns \
            ('corpus/**/*.txt'). Text (.txt, .md), HTML, JSON, JSON Lines, CSV and TSV files are \
            read, each optionally gzip-compressed (.gz); a JSON, JSON Lines, CSV or TSV file \
            holds one document per record. Arguments after `--` go to the script as loupe.args.

            Documents run in --jobs worker processes, each a sandbox of its own; the output is \
            the same, byte for byte, whatever their number. A document that cannot be read, on \
            which the script fails, that runs past --doc-timeout or that crashes its worker is \
            reported with its path, the script's line and a traceback; its rows are dropped and \
            the other documents still run. With --jobs 1 on a terminal, `loupe.repl{doc = doc}` in \
            the script opens a REPL there, in the script's state; Ctrl-D goes on with the run.

            Nothing is lost to an interruption: output files appear only when complete, and \
            FILE.journal records every finished file, so after Ctrl-C (or a crash, or kill -9) \
            the same command with --resume goes on where the run stopped, to the same bytes. \
            --shard K/N runs a deterministic part of the corpus and keeps FILE.part; \
            `loupe merge` combines the N parts into the output of one whole run.

            With --frozen, the run refuses to start when an installed plugin differs from \
            the project's loupe.lock (a version, or any file's checksum), naming each file, \
            and `require` finds only the project's plugins and the bundled ones: plugins in \
            your user folder are not pinned by the lock, so a frozen run does not use them.

            Exit codes: 0 every document done; 1 some document failed or was skipped, or the \
            script cannot run; 2 usage error (including a journal or part that does not fit); \
            130 interrupted (Ctrl-C).

            Examples:
              loupe run scripts/word-count.lua examples/articles/
              loupe run -o counts.csv scripts/word-count.lua 'examples/articles/*.txt'
              loupe run -o quotes.sqlite --jobs 4 --title first-line my-script.lua ../shared/corpus/bbc
              loupe run -o quotes.sqlite --jobs 4 --title first-line my-script.lua ../shared/corpus/bbc --resume
              loupe run --text-field body --id-field url -o out.jsonl my-script.lua articles.jsonl.gz
              loupe run --doc-timeout 5 --max-failures 10 --max-instructions 50m my-script.lua corpus/
              loupe run --fail-fast --verbose my-script.lua corpus/
              loupe run -o quotes.csv --report quotes.html who-is-quoted.lua corpus/
              loupe run --shard 2/4 -o parts/part-2.csv my-script.lua corpus/   # then: loupe merge
              loupe run -q scripts/concordance.lua corpus/ -- "zero tolerance" 60
              loupe run --allow fs.read=~/gazetteers --allow quotes:exec tag-places.lua corpus/
            """
    )

    @Argument(help: "The Lua script that defines document(doc).")
    var script: String

    @Argument(help: "The corpus: files, folders and glob patterns; after --, arguments for the script (loupe.args).")
    var files: [String] = []

    @Flag(help: "Refuse to run unless the project's plugins are exactly what loupe.lock pins (versions and file checksums).")
    var frozen = false

    @OptionGroup(title: "Running") var running: RunningOptions
    @OptionGroup(title: "Running") var share: CorpusShareOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Limits") var limitOptions: LimitOptions
    @OptionGroup(title: "Permissions") var permissions: PermissionOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to run the script on.") }
    }

    func run() throws {
        if frozen { try checkFrozen() }
        let source: String
        do {
            source = try PlainTextReader().read(path: script).text
        } catch {
            throw usageFailure("cannot read script '\(script)': \(error.reason)")
        }
        let corpus = CorpusArguments.expand(files)
        let plugins = try permissions.plugins(
            scriptFolder: (script as NSString).deletingLastPathComponent, corpus: corpus, frozen: frozen)
        // A run written to a file (or with a report) has a manifest, which fingerprints every
        // file; the workers do it as they read them. A run to standard output keeps none.
        let setup = WorkerSetup(
            path: script, source: source, arguments: CorpusArguments.scriptArguments, shard: share.shard, plugins: plugins,
            fingerprints: running.output != OutputSet.standardOutputPath || running.report != nil)
        // The workers load the script while the corpus is listed.
        let workers = share.resume ? nil : CorpusJob.startWorkers(
            setup: setup, workerOptions: workerOptions, program: Self.executablePath, entry: WorkerCommand.entry, jobs: running.jobs,
            documentTimeout: running.documentTimeout, interactive: Coordinator.Configuration.isInteractive(jobs: running.jobs))
        let paths: [String]
        do {
            paths = try CorpusPaths.list(corpus)
        } catch {
            throw usageFailure(error.description)
        }
        if share.resume && running.output == OutputSet.standardOutputPath {
            throw usageFailure("--resume needs the output file of the interrupted run: add -o FILE")
        }
        let plan = CorpusJob.plan(setup: setup, workerOptions: workerOptions, files: paths)
        try running.execute(
            plan: plan, mode: share.resume ? .resume : .fresh, documentTimeout: running.documentTimeout, started: workers)
    }

    /// The options of `loupe worker` that make it read and run as this command says.
    private var workerOptions: [String] {
        // The address-space cap backs up Lua's own memory cap for what Lua does not count
        // (documents, layers, buffers): the Lua cap plus room for the program and its documents.
        let addressSpace = limitOptions.maxMemory.value > 0 ? limitOptions.maxMemory.value + 2 << 30 + 8 * reading.maxDocBytes.value : nil
        return WorkerOptions(
            format: reading.formatOptions, limits: limitOptions.limits, documentTimeout: running.documentTimeout,
            addressSpace: addressSpace
        ).arguments
    }

    /// This program's own path, to start workers with.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// How `loupe run` and `loupe merge` run: workers, deadlines, failures, outputs, feedback.
struct RunningOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Worker processes to run at once (default: the number of cores).", valueName: "n"))
    var jobs: Int = RunningOptions.cores

    /// Read once: ArgumentParser makes these options several times while it parses, and each
    /// count reads the cgroup files.
    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("doc-timeout"), help: ArgumentHelp(
        "Seconds one document may take before its worker is stopped and the document fails.", valueName: "seconds"))
    var documentTimeout: Double = 30

    @Flag(name: .customLong("fail-fast"), help: "Stop at the first document that fails.")
    var failFast = false

    @Option(name: .customLong("max-failures"), help: ArgumentHelp("Stop once more than this many documents failed.", valueName: "n"))
    var maxFailures: Int?

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Write the rows to this file, as CSV, JSON Lines or SQLite by its extension (.csv, .jsonl, .sqlite), with a manifest beside it; '-' is standard output (JSON Lines).",
        valueName: "file"))
    var output: String = OutputSet.standardOutputPath

    @Option(help: ArgumentHelp(
        "Write the run's report to this file: Markdown (.md) or one self-contained HTML page (.html), with what finish(report) adds, the run's summary and its provenance.",
        valueName: "file"))
    var report: String?

    @Flag(name: .shortAndLong, help: "Print no progress and no summary, only failures.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also name each file as it is done.")
    var verbose = false

    func validate() throws {
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs takes a number from 1 to 256, not \(jobs).") }
        guard documentTimeout > 0 else { throw ValidationError("--doc-timeout takes a number of seconds above 0.") }
        if let report, ReportRenderer.Format(path: report) == nil {
            throw ValidationError("--report takes a .md or .html file, not '\(report)'.")
        }
        if let maxFailures, maxFailures < 0 { throw ValidationError("--max-failures takes 0 or more.") }
    }
}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public var defaultValueDescription: String { description }
}

/// What only `loupe run` does with a corpus: run a share of it, or go on with an interrupted run.
struct CorpusShareOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Run only part K of N of the corpus (a deterministic share, for running a corpus as N jobs).", valueName: "K/N"))
    var shard: Shard = .whole

    @Flag(help: "Go on with the interrupted run that was writing -o FILE, from its journal.")
    var resume = false
}
