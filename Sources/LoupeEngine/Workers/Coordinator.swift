import DocFormats
#if canImport(Glibc)
import Glibc
#endif

/// Runs a script over a corpus in worker processes and hands back what each file produced,
/// in corpus order.
///
/// No script code runs here: workers load the script and run `document(doc)`; the coordinator
/// streams files out, gathers outcomes, keeps a deadline on every document and replaces a
/// worker that overruns it or crashes. The document it was on fails; the rest of its file
/// goes to the new worker, so a pattern bomb or a crash costs one document, never the run.
public final class Coordinator {
    /// How the coordinator runs.
    public struct Configuration: Equatable, Sendable {
        /// The command that starts a worker (`[path to loupe, "worker", options…]`).
        public var workerCommand: [String]
        /// How many workers run at once.
        public var jobs: Int
        /// Seconds one document (or the script's top level, or `finish`) may take.
        public var documentTimeout: Double
        /// The script and its arguments.
        public var setup: WorkerSetup
        /// Whether the worker shares the run's terminal, so that `loupe.repl{…}` can open a
        /// REPL session on it (``isInteractive(jobs:)``).
        public var interactive: Bool
        /// The worker's code in this program, to start workers by fork alone
        /// (``WorkerProcess/init(arguments:sharesTerminal:entry:)``); without it, each worker
        /// starts `workerCommand`.
        public var entry: WorkerEntry?

        /// A configuration; `jobs` is at least 1.
        public init(
            workerCommand: [String], jobs: Int, documentTimeout: Double, setup: WorkerSetup, interactive: Bool = false,
            entry: WorkerEntry? = nil
        ) {
            self.workerCommand = workerCommand
            self.entry = entry
            self.jobs = max(1, jobs)
            self.documentTimeout = documentTimeout
            self.setup = setup
            self.interactive = interactive
        }

        /// Whether a run of `jobs` workers is interactive: one worker, with standard input and
        /// standard error on a terminal, and the run in the terminal's foreground (a person is
        /// there to answer a prompt, and no other worker competes for the keyboard).
        public static func isInteractive(jobs: Int) -> Bool {
            jobs == 1 && isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 && tcgetpgrp(STDIN_FILENO) == getpgrp()
        }
    }

    /// What one file produced: an outcome per document, in record order.
    public struct FileOutcome: Sendable {
        /// The file's position in the corpus, from 0.
        public var index: Int
        /// Its path.
        public var path: String
        /// Its documents' outcomes (those of this run's shard), in record order.
        public var documents: [DocumentOutcome]
        /// What reading it gave: its size, its SHA-256 when the run takes fingerprints, and
        /// its bytes decompressed (nothing when it could not be read).
        public var reading: FileReading

        /// The outcome of file `index`, at `path`.
        public init(index: Int, path: String, documents: [DocumentOutcome], reading: FileReading) {
            self.index = index
            self.path = path
            self.documents = documents
            self.reading = reading
        }

        /// The file's fingerprint, for a manifest.
        public var fingerprint: FileFingerprint {
            FileFingerprint(path: path, size: reading.size, sha256: reading.sha256)
        }
    }

    /// Why a run stopped before its end.
    public enum Stop: Error, Equatable, CustomStringConvertible {
        /// The script cannot run (message from the worker).
        case script(String)
        /// Workers fail to start or keep crashing outside any document.
        case workers(String)
        /// The caller asked to stop (Ctrl-C).
        case interrupted

        public var description: String {
            switch self {
            case .script(let message), .workers(let message): message
            case .interrupted: "interrupted"
            }
        }
    }

    /// How it runs.
    public let configuration: Configuration
    private var slots: [WorkerSlot] = []
    /// Work waiting for a worker: files, or the rest of a file whose worker was replaced.
    private var queue: [WorkerSlot.Work] = []
    private var nextFile = 0
    private var files: [String] = []
    /// Outcomes of files in progress (kept across a worker's replacement).
    private var partial: [Int: [DocumentOutcome]] = [:]
    /// Files done but not yet handed back, because an earlier one is still running.
    private var done: [Int: FileOutcome] = [:]
    private var nextToDeliver = 0
    /// Workers that died before becoming ready, in a row: past a few the run stops.
    private var failedStarts = 0

    /// Called with `true` when a worker takes the terminal for a REPL session, and with
    /// `false` when it gives it back: meanwhile the caller draws nothing on the terminal and
    /// leaves Ctrl-C to the session (the whole foreground process group gets it).
    public var terminalSession: (_ open: Bool) -> Void = { _ in }

    /// Files done ahead of the first unfinished one are held in memory; past this many, no new
    /// file starts until the slow one is done, so memory stays bounded on any corpus. Room for
    /// every worker's pipeline twice over, so that no worker waits for lack of files.
    private var reorderWindow: Int { max(1024, 2 * configuration.jobs * Self.pipelineDepth) }

    /// A coordinator; workers start with ``start()`` or the first ``run(files:from:deliver:delivered:printed:isInterrupted:)``.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    deinit {
        for slot in slots { slot.process.stop() }
    }

    /// Starts the workers now, so that they load the script while the caller still prepares
    /// the run (lists the corpus). ``run(files:from:deliver:delivered:printed:isInterrupted:)``
    /// starts them otherwise.
    public func start() throws {
        while slots.count < configuration.jobs { slots.append(try startWorker(forking: true)) }
    }

    /// Runs `document(doc)` over `files` from file `first` on, calling `deliver` once per file
    /// in corpus order.
    ///
    /// - Parameters:
    ///   - deliver: receives each file's outcomes in order; what it throws stops the run.
    ///   - delivered: called after each turn's files were delivered, before waiting for the
    ///     workers again; what it throws stops the run.
    ///   - printed: receives the script's printed lines as they come.
    ///   - isInterrupted: polled between events; `true` stops the run (``Stop/interrupted``).
    public func run(
        files: [String], from first: Int = 0, deliver: (FileOutcome) throws -> Void, delivered: () throws -> Void = {},
        printed: (String) -> Void, isInterrupted: () -> Bool
    ) throws {
        self.files = files
        nextFile = first
        nextToDeliver = first
        let wanted = min(configuration.jobs, max(1, files.count - first))
        while slots.count < wanted { slots.append(try startWorker()) }
        while nextToDeliver < files.count {
            if isInterrupted() { throw Stop.interrupted }
            assignWork()
            try waitForEvents(printed: printed)
            while let outcome = done.removeValue(forKey: nextToDeliver) {
                try deliver(outcome)
                nextToDeliver += 1
            }
            try delivered()
            // Every worker idle, nothing left to hand out, and the next file still not done:
            // that file was lost (a bug), and waiting would wait for ever. Say so instead.
            if nextToDeliver < files.count, queue.isEmpty, nextFile >= files.count || nextFile - nextToDeliver >= reorderWindow,
                slots.allSatisfy({ !$0.isBusy }), done[nextToDeliver] == nil
            {
                throw Stop.workers("internal error: \(files[nextToDeliver]) was sent to a worker and never came back; please report it")
            }
        }
    }

    /// Runs `finish(report)` on the merged aggregates in one worker.
    public func finish(aggregates: [UInt8], printed: (String) -> Void, isInterrupted: () -> Bool) throws -> FinishOutcome {
        if slots.isEmpty { slots.append(try startWorker()) }
        let slot = slots[0]
        while case .starting = slot.state {
            if isInterrupted() { throw Stop.interrupted }
            try waitForEvents(printed: printed)
        }
        slot.finishOutcome = nil
        try send(.finish(aggregates: aggregates), to: slot)
        slot.state = .finishing
        slot.lastProgress = monotonicNanoseconds()
        while slot.finishOutcome == nil {
            if isInterrupted() { throw Stop.interrupted }
            try waitForEvents(printed: printed)
        }
        return slot.finishOutcome!
    }

    /// Ends every worker: an idle one is told by the end of its requests and exits; one still
    /// busy (after an interruption or an early stop) is killed, since what it does is abandoned.
    public func shutDown() {
        for slot in slots {
            giveBackTerminal(slot)
            let process = slot.process
            if case .ready = slot.state, slot.assigned.isEmpty {
                process.endRequests()
                process.wait()
            } else {
                process.stop()
            }
        }
        slots.removeAll()
    }

    // MARK: - Workers

    /// Starts a worker, by fork alone when `forking` and the configuration has the worker's
    /// code: only the first workers, forked before the run holds anything (a replacement
    /// forked late would start with the rows and aggregates gathered so far, count them
    /// against its address-space limit, and share the layout of the worker it replaces).
    private func startWorker(forking: Bool = false) throws -> WorkerSlot {
        let process: WorkerProcess
        do {
            process = try WorkerProcess(
                arguments: configuration.workerCommand + (configuration.interactive ? WorkerOptions.terminalArguments : []),
                sharesTerminal: configuration.interactive, entry: forking ? configuration.entry : nil)
        } catch {
            throw Stop.workers("cannot start a worker: \(error)")
        }
        let slot = WorkerSlot(process: process)
        try send(.setup(configuration.setup), to: slot)
        return slot
    }

    private func send(_ request: WorkerRequest, to slot: WorkerSlot) throws {
        do {
            try slot.process.requests.write(request.frame)
        } catch {
            // The worker is gone; its end of stream, read next, says how.
        }
    }

    /// Files a worker holds at once: the next ones wait in its pipe while it runs the current
    /// one, so that it never idles for a round trip to the coordinator, and answers several
    /// small files in one write (``ReplyBuffer/filesPerWrite``). The deeper the pipeline, the
    /// less often the coordinator wakes up and takes a core from a worker (128 rather than 64
    /// halved its context switches on a corpus of small files).
    static let pipelineDepth = 128

    private func assignWork() {
        // Near the end of the corpus, each worker holds at most its share of the files left,
        // so that the workers run out of work together rather than one finishing a long
        // queue while the others wait.
        let share = (files.count - nextToDeliver + slots.count - 1) / max(slots.count, 1)
        let depth = min(Self.pipelineDepth, max(share, 1))
        for slot in slots {
            guard case .ready = slot.state else { continue }
            var requests: [Frame] = []
            while slot.assigned.count < depth {
                let work: WorkerSlot.Work
                if !queue.isEmpty {
                    work = queue.removeFirst()
                } else if nextFile < files.count, nextFile - nextToDeliver < reorderWindow {
                    work = WorkerSlot.Work(file: nextFile)
                    nextFile += 1
                } else {
                    break
                }
                if slot.assigned.isEmpty { slot.lastProgress = monotonicNanoseconds() }
                slot.assigned.append(work)
                if partial[work.file] == nil { partial[work.file] = [] }
                requests.append(WorkerRequest.file(
                    index: work.file, path: files[work.file], firstRecord: work.firstRecord, skipping: work.skipping).frame)
            }
            if !requests.isEmpty { try? slot.process.requests.write(requests) }
        }
    }

    /// Waits until a worker says something or a deadline passes, and handles it.
    private func waitForEvents(printed: (String) -> Void) throws {
        var descriptors = slots.map { pollfd(fd: $0.process.replies.descriptor, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), Self.checkInterval)
        if ready < 0 && errno != EINTR { throw Stop.workers("poll failed: \(String(cString: strerror(errno)))") }
        for (slot, descriptor) in zip(slots, descriptors) where descriptor.revents != 0 {
            try read(from: slot, printed: printed)
        }
        try checkDeadlines()
    }

    /// Milliseconds between looks at the workers' boards, when nothing else happens.
    private static let checkInterval: Int32 = 100

    /// Stops each worker whose board has not moved for longer than the deadline. A worker in
    /// a REPL session gets the terminal, and no deadline counts until the session ends.
    private func checkDeadlines() throws {
        let now = monotonicNanoseconds()
        let limit = UInt64(max(0.001, configuration.documentTimeout) * 1e9)
        for slot in slots where slot.isBusy {
            let reading = slot.process.board.reading
            if reading.phase == .interactive {
                if !slot.holdsTerminal {
                    slot.holdsTerminal = true
                    terminalSession(true)
                }
                slot.process.board.grantTerminal(reading)
                slot.lastProgress = now
                continue
            }
            giveBackTerminal(slot)
            let steps = reading.steps
            if steps != slot.lastSteps {
                slot.lastSteps = steps
                slot.lastProgress = now
            } else if now - slot.lastProgress > limit {
                slot.process.stop()
                try replace(slot, because: .timeout)
            }
        }
    }

    /// Ends the terminal session of `slot`'s worker, if it had one.
    private func giveBackTerminal(_ slot: WorkerSlot) {
        guard slot.holdsTerminal else { return }
        slot.holdsTerminal = false
        terminalSession(false)
    }

    private func read(from slot: WorkerSlot, printed: (String) -> Void) throws {
        let process = slot.process
        do {
            try process.replies.fill()
            while let frame = try process.replies.bufferedFrame() {
                try handle(try WorkerReply(frame: frame), from: slot, printed: printed)
            }
        } catch let error as FrameError {
            // End of stream or garbage: the worker is finished either way.
            let ending = process.stop()
            if case .closed = error {
                if case .exited(0) = ending, !slot.isBusy { return }
                try replace(slot, because: .crash(ending))
            } else {
                try replace(slot, because: .garbled(error))
            }
        }
    }

    private func handle(_ reply: WorkerReply, from slot: WorkerSlot, printed: (String) -> Void) throws {
        switch reply {
        case .ready:
            failedStarts = 0
            slot.state = .ready
        case .scriptFailed(let message):
            throw Stop.script(message)
        case .document(let outcome):
            if let work = slot.assigned.first { partial[work.file, default: []].append(outcome) }
        case .fileDone(let reading):
            if !slot.assigned.isEmpty { complete(slot.assigned.removeFirst().file, reading: reading) }
        case .printed(let line):
            printed(line)
        case .finished(let outcome):
            slot.finishOutcome = outcome
            slot.state = .ready
        }
    }

    private func complete(_ file: Int, reading: FileReading) {
        // Records come in order, except a failure recorded here for a lost worker's document,
        // which comes before the records the replacement ran again.
        var documents = partial.removeValue(forKey: file) ?? []
        if documents.count > 1 {
            documents = documents.enumerated()
                .sorted { ($0.element.record, $0.offset) < ($1.element.record, $1.offset) }.map(\.element)
        }
        done[file] = FileOutcome(index: file, path: files[file], documents: documents, reading: reading)
    }

    /// Why a worker is being replaced.
    fileprivate enum Loss {
        case timeout
        case crash(WorkerProcess.Ending)
        /// It wrote something that is not a message (a bug in Loupe, or memory corrupted).
        case garbled(FrameError)

        var description: String {
            switch self {
            case .timeout: "it ran past the deadline"
            case .crash(let ending): "its worker crashed (\(ending))"
            case .garbled(let error): "its worker was stopped because it sent garbage (\(error))"
            }
        }
    }

    /// Fails what the lost worker was doing, queues again the work it had not answered for,
    /// and starts another worker.
    private func replace(_ slot: WorkerSlot, because loss: Loss) throws {
        giveBackTerminal(slot)
        let seconds = configuration.documentTimeout
        let limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        let board = slot.process.board.reading
        switch slot.state {
        case .starting:
            failedStarts += 1
            if case .timeout = loss {
                throw Stop.script("\(configuration.setup.path): the script's top level ran past the \(limit) s deadline (--doc-timeout)")
            }
            if failedStarts >= 3 {
                throw Stop.workers("workers keep stopping while loading the script: \(loss.description)")
            }
        case .finishing:
            let reason = if case .timeout = loss {
                "finish(report) ran past the \(limit) s deadline (--doc-timeout); raise it for long reports"
            } else {
                "finish(report) failed: \(loss.description)"
            }
            slot.finishOutcome = FinishOutcome(failure: reason)
        case .ready:
            var requeued: [WorkerSlot.Work] = []
            for work in slot.assigned {
                // Answers it gathered but never sent are lost with it: what is missing runs again.
                let answered = (partial[work.file] ?? []).map(\.record).filter {
                    $0 >= work.firstRecord && !work.skipping.contains($0)
                }
                var rest = WorkerSlot.Work(
                    file: work.file, firstRecord: max(work.firstRecord, (answered.max() ?? -1) + 1), skipping: [])
                rest.skipping = work.skipping.filter { $0 >= rest.firstRecord }
                guard work.file == board.file, board.phase != .idle else {
                    requeued.append(rest)
                    continue
                }
                // A REPL session is open inside the document's call.
                let inDocument = board.phase == .document || board.phase == .interactive
                let culprit = inDocument ? board.record : rest.firstRecord
                let reason = if case .timeout = loss {
                    "ran past the \(limit) s deadline (--doc-timeout), so its worker was stopped; "
                        + "look for a pattern that backtracks or a loop without end, or raise --doc-timeout"
                } else {
                    loss.description
                }
                let name = DocumentNames.name(path: files[work.file], id: "", record: culprit == 0 ? nil : culprit)
                partial[work.file, default: []].append(DocumentOutcome(
                    record: culprit, id: "",
                    result: .failure(DocumentFailure(loss.kind, "\(name): \(reason)"))))
                if inDocument {
                    rest.skipping.append(culprit)
                    requeued.append(rest)
                } else {
                    // It stopped while reading the file: reading it again would do the same.
                    // The manifest still gets what the file is, looked at here.
                    let fingerprinted = configuration.setup.fingerprints
                    complete(work.file, reading: fingerprinted ? FileInput.fingerprint(path: files[work.file]) : FileReading())
                }
            }
            queue.insert(contentsOf: requeued, at: 0)
        }
        let index = slots.firstIndex { $0 === slot }!
        slots[index] = try startWorker()
    }
}

extension Coordinator.Loss {
    var kind: DocumentFailure.Kind {
        if case .timeout = self { return .timeout }
        return .crash
    }
}

/// A monotonic clock in nanoseconds, unaffected by changes to the wall clock.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
