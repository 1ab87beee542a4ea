import CSystem
import DocFormats
import DocModel
import LoupeBindings
import LuaRuntime

#if canImport(Glibc)
import Glibc
#endif

/// The life of a worker process: it loads the script, then runs it on the files the
/// coordinator sends, one reply per step, until its requests end.
///
/// The worker ends itself when the coordinator dies (so no orphan spins on), ignores Ctrl-C
/// (the coordinator decides what stops), writes no core dumps, and is held to an address-space
/// and a CPU-time limit, so that even what escapes Lua's own budgets cannot take the machine.
public enum WorkerLoop {
    /// OS limits of a worker.
    public struct ProcessLimits: Sendable {
        /// Bytes of address space (`RLIMIT_AS`); `nil` for none.
        public var addressSpace: Int?
        /// Seconds of CPU time one document may add (`RLIMIT_CPU`, moved before each one).
        public var cpuSecondsPerDocument: Int

        /// Limits for a worker.
        public init(addressSpace: Int?, cpuSecondsPerDocument: Int) {
            self.addressSpace = addressSpace
            self.cpuSecondsPerDocument = cpuSecondsPerDocument
        }
    }

    /// Runs the worker on its pipes; returns the process's exit status.
    ///
    /// With `session` (a worker that shares the run's terminal), `loupe.repl{…}` opens a REPL
    /// session on the terminal: the worker asks the coordinator for the terminal through the
    /// board (no deadline counts meanwhile), lifts the CPU-time limit while a person takes
    /// their time, and sends the script's `print` straight to the terminal. The session lets
    /// Ctrl-C interrupt its Lua code; afterwards the worker ignores Ctrl-C again, renews the
    /// CPU-time limit and posts where it was.
    public static func run(
        options: FormatOptions, limits: LuaLimits, processLimits: ProcessLimits, session: ScriptRunner.Session? = nil
    ) -> Int32 {
        confine(processLimits)
        guard let board = StatusBoard(inherited: StatusBoard.descriptor) else {
            writeError("loupe worker: no status board; workers are started by loupe run\n")
            return 2
        }
        var allowance = CPUAllowance(seconds: processLimits.cpuSecondsPerDocument)
        let requests = FrameReader(descriptor: WorkerProcess.requestDescriptor)
        let replies = ReplyBuffer(FrameWriter(descriptor: WorkerProcess.replyDescriptor))
        // While a session is open, what the script prints goes straight to the terminal.
        var sessionOpen = false
        let onTerminal = session.map { open in
            { (environment: ScriptEnvironment, scope: LuaReference, bindings: LuaTable) in
                let before = board.requestTerminal()
                allowance.suspend()
                sessionOpen = true
                open(environment, scope, bindings)
                sessionOpen = false
                signal(SIGINT, SIG_IGN)
                _ = LuaState.takeInterruptSignals()
                allowance.renew()
                board.post(before.phase, file: before.file, record: before.record)
            }
        }
        do {
            guard case .setup(let setup) = try WorkerRequest(frame: try requests.next()) else {
                throw FrameError.corrupt("the first request is not the setup")
            }
            let runner: ScriptRunner
            do {
                runner = try ScriptRunner(setup: setup, limits: limits, print: { line in
                    if sessionOpen { writeError(line + "\n") } else { replies.add(.printed(line)) }
                }, session: onTerminal)
            } catch {
                replies.add(.scriptFailed(error.description))
                try replies.flush()
                return 1
            }
            replies.add(.ready)
            while true {
                // Results wait while more work is at hand: one write then carries many small
                // files. The status board tells the coordinator where the worker is meanwhile.
                guard let request = try nextRequest(requests, flushing: replies) else { return 0 }
                switch request {
                case .setup:
                    throw FrameError.corrupt("a second setup")
                case .file(let index, let path, let firstRecord, let skipping):
                    board.post(.reading, file: index, record: firstRecord)
                    var reading = FileReading()
                    let loaded = DocumentLoader.load(path: path, options: options, hashing: setup.fingerprints, reading: &reading)
                    for (record, result) in loaded.enumerated()
                    where record >= firstRecord && !skipping.contains(record)
                        && setup.shard.contains(file: index, record: record)
                    {
                        board.post(.document, file: index, record: record)
                        allowance.renew()
                        let outcome: DocumentOutcome
                        switch result {
                        case .success(let document):
                            crashIfAsked(document)
                            outcome = DocumentOutcome(record: record, id: document.id, result: runner.run(document))
                        case .failure(let error):
                            outcome = DocumentOutcome(
                                record: record, id: "", result: .failure(DocumentFailure(.unreadable, error.description)))
                        }
                        replies.add(.document(outcome))
                        board.post(.reading, file: index, record: record + 1)
                        if replies.isDue { try replies.flush() }
                    }
                    replies.add(.fileDone(reading))
                    board.post(.idle)
                    if replies.isDue { try replies.flush() }
                case .finish(let aggregates):
                    board.post(.finishing)
                    allowance.renew()
                    replies.add(.finished(runner.finish(aggregates: aggregates)))
                    board.post(.idle)
                    try replies.flush()
                }
            }
        } catch {
            try? replies.flush()
            writeError("loupe worker: \(error)\n")
            return 1
        }
    }

    /// The next request, or `nil` when the coordinator closed the pipe between requests.
    /// Before waiting for one, the replies gathered so far go out.
    private static func nextRequest(_ requests: FrameReader, flushing replies: ReplyBuffer) throws(FrameError) -> WorkerRequest? {
        while true {
            if let frame = try requests.bufferedFrame() { return try WorkerRequest(frame: frame) }
            try replies.flush()
            do {
                try requests.fill()
            } catch {
                if error == .closed(cleanly: true) { return nil }
                throw error
            }
        }
    }

    /// The CPU-time limit, kept one document's allowance ahead of what the process has used.
    ///
    /// Only the soft limit moves (an unprivileged process cannot raise a hard limit it has
    /// lowered), and at most once a second of wall time: a single-threaded process cannot use
    /// more CPU time than that meanwhile, so the headroom never falls below the allowance
    /// less a second, and most documents cost no system call.
    struct CPUAllowance {
        let seconds: Int
        private var renewed: UInt64 = 0

        init(seconds: Int) {
            self.seconds = seconds
        }

        /// Lifts the soft limit to the hard one (a REPL session, where a person may take
        /// their time and run what they like, Ctrl-C at hand); the next ``renew()`` puts it back.
        mutating func suspend() {
            var limit = rlimit()
            getrlimit(Int32(RLIMIT_CPU.rawValue), &limit)
            limit.rlim_cur = limit.rlim_max
            setrlimit(Int32(RLIMIT_CPU.rawValue), &limit)
            renewed = 0
        }

        mutating func renew() {
            let now = monotonicNanoseconds()
            guard renewed == 0 || now - renewed >= 1_000_000_000 else { return }
            renewed = now
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let used = Int(usage.ru_utime.tv_sec) + Int(usage.ru_stime.tv_sec) + 1
            var limit = rlimit()
            getrlimit(Int32(RLIMIT_CPU.rawValue), &limit)
            limit.rlim_cur = min(rlim_t(used + seconds + 1), limit.rlim_max)
            setrlimit(Int32(RLIMIT_CPU.rawValue), &limit)
        }
    }

    private static func confine(_ limits: ProcessLimits) {
        // Die with the coordinator: a worker caught in a pattern bomb would not notice the
        // closed pipe. If the coordinator is already gone, go now.
        _ = loupe_die_with_parent()
        if getppid() == 1 { exit(1) }
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        setLimit(RLIMIT_CORE, 0)
        if let bytes = limits.addressSpace { setLimit(RLIMIT_AS, rlim_t(bytes)) }
    }

    /// Moves the CPU-time limit to what this process has used plus one document's allowance.
    private static func setLimit(_ resource: __rlimit_resource, _ soft: rlim_t, hard: rlim_t? = nil) {
        var limit = rlimit(rlim_cur: soft, rlim_max: hard ?? soft)
        _ = setrlimit(Int32(resource.rawValue), &limit)
    }

    /// What tests need to prove that a crash fails one document only and that an interrupted
    /// run resumes: a document whose text contains the value of the environment variable
    /// `LOUPE_TEST_CRASH` makes the worker crash with SIGSEGV; one containing the value of
    /// `LOUPE_TEST_HANG` makes it say so on standard error and hang. Scripts cannot set
    /// environment variables; a user never has these set.
    private static func crashIfAsked(_ document: Document) {
        if let marker = testCrashMarker, document.text.contains(marker) {
            // The default action, not Swift's backtracer (which would resume after a raised signal).
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        }
        if let marker = testHangMarker, document.text.contains(marker) {
            writeError("loupe worker: LOUPE_TEST_HANG reached in \(document.path)\n")
            while true { sleep(60) }
        }
    }

    // Read once: the environment does not change, and documents are many.
    private static let testCrashMarker = environmentValue("LOUPE_TEST_CRASH")
    private static let testHangMarker = environmentValue("LOUPE_TEST_HANG")

    private static func environmentValue(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }

    private static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

/// Replies gathered until the worker is about to wait, has gathered a lot, or has finished
/// a few files.
final class ReplyBuffer {
    private let writer: FrameWriter
    private var frames: [Frame] = []
    private var bytes = 0
    private var filesDone = 0

    /// Finished files whose replies are sent at once. A file's reply frees its place in the
    /// worker's pipeline; sent while a good part of the pipeline is still queued, it lets the
    /// coordinator refill the pipe before the worker runs dry. (Holding them all until the
    /// worker is about to wait made it stop for a round trip every pipeline's worth of files.)
    static let filesPerWrite = Coordinator.pipelineDepth / 4

    init(_ writer: FrameWriter) {
        self.writer = writer
    }

    func add(_ reply: WorkerReply) {
        let frame = reply.frame
        bytes += frame.payload.count + 5
        frames.append(frame)
        if case .fileDone = reply { filesDone += 1 }
    }

    /// Whether to send what is gathered now: a few files' worth, or much data (the
    /// coordinator streams rows out as they come; a worker holding megabytes would only delay
    /// that).
    var isDue: Bool { filesDone >= Self.filesPerWrite || bytes >= 1 << 20 }

    func flush() throws(FrameError) {
        guard !frames.isEmpty else { return }
        defer {
            frames.removeAll(keepingCapacity: true)
            bytes = 0
            filesDone = 0
        }
        try writer.write(frames)
    }
}
