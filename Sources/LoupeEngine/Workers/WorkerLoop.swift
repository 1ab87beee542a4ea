import CSystem
import DocFormats
import DocModel
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
    public static func run(options: FormatOptions, limits: LuaLimits, processLimits: ProcessLimits) -> Int32 {
        confine(processLimits)
        let requests = FrameReader(descriptor: WorkerProcess.requestDescriptor)
        let replies = FrameWriter(descriptor: WorkerProcess.replyDescriptor)
        do {
            guard case .setup(let setup) = try WorkerRequest(frame: try requests.next()) else {
                throw FrameError.corrupt("the first request is not the setup")
            }
            let runner: ScriptRunner
            do {
                runner = try ScriptRunner(setup: setup, limits: limits) { line in
                    try? replies.write(WorkerReply.printed(line).frame)
                }
            } catch {
                try replies.write(WorkerReply.scriptFailed(error.description).frame)
                return 1
            }
            try replies.write(WorkerReply.ready.frame)
            while true {
                guard let request = try nextRequest(requests) else { return 0 }
                switch request {
                case .setup:
                    throw FrameError.corrupt("a second setup")
                case .file(let index, let path, let firstRecord):
                    let loaded = DocumentLoader.load(path: path, options: options)
                    // A file of one document needs no `begin`: the coordinator knows what its
                    // worker is on. Its outcome and the end of the file then go in one write.
                    let announces = loaded.count > 1
                    var pending: [Frame] = []
                    for (record, result) in loaded.enumerated()
                    where record >= firstRecord && setup.shard.contains(file: index, record: record) {
                        if announces {
                            try replies.write(pending + [WorkerReply.begin(record: record, id: (try? result.get().id) ?? "").frame])
                            pending.removeAll()
                        }
                        allowCPU(processLimits)
                        let outcome: DocumentOutcome
                        switch result {
                        case .success(let document):
                            crashIfAsked(document)
                            outcome = DocumentOutcome(record: record, id: document.id, result: runner.run(document))
                        case .failure(let error):
                            outcome = DocumentOutcome(
                                record: record, id: "", result: .failure(DocumentFailure(.unreadable, error.description)))
                        }
                        pending.append(WorkerReply.document(outcome).frame)
                    }
                    try replies.write(pending + [WorkerReply.fileDone.frame])
                case .finish(let aggregates):
                    allowCPU(processLimits)
                    try replies.write(WorkerReply.finished(runner.finish(aggregates: aggregates)).frame)
                }
            }
        } catch {
            writeError("loupe worker: \(error)\n")
            return 1
        }
    }

    /// The next request, or `nil` when the coordinator closed the pipe between requests.
    private static func nextRequest(_ requests: FrameReader) throws(FrameError) -> WorkerRequest? {
        let frame: Frame
        do {
            frame = try requests.next()
        } catch {
            if error == .closed(cleanly: true) { return nil }
            throw error
        }
        return try WorkerRequest(frame: frame)
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
    private static func allowCPU(_ limits: ProcessLimits) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let used = Int(usage.ru_utime.tv_sec) + Int(usage.ru_stime.tv_sec) + 1
        setLimit(RLIMIT_CPU, rlim_t(used + limits.cpuSecondsPerDocument), hard: rlim_t(used + limits.cpuSecondsPerDocument + 5))
    }

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
        if let marker = environmentValue("LOUPE_TEST_CRASH"), document.text.contains(marker) {
            // The default action, not Swift's backtracer (which would resume after a raised signal).
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        }
        if let marker = environmentValue("LOUPE_TEST_HANG"), document.text.contains(marker) {
            writeError("loupe worker: LOUPE_TEST_HANG reached in \(document.path)\n")
            while true { sleep(60) }
        }
    }

    private static func environmentValue(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }

    private static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
