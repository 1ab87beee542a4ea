/// One worker as the coordinator sees it.
final class WorkerSlot {
    enum State {
        /// Loading the script; ready when it says so.
        case starting
        /// Running documents (``assigned``), or waiting for some.
        case ready
        /// Running `finish(report)`.
        case finishing
    }

    /// A file to run, from a given record on, without some records.
    struct Work {
        var file: Int
        var firstRecord = 0
        var skipping: [Int] = []
    }

    let process: WorkerProcess
    var state = State.starting
    /// The files sent to the worker and not done yet, the current one first.
    var assigned: [Work] = []
    /// The board's step count when last looked at, and when it last changed.
    var lastSteps: UInt64 = 0
    var lastProgress = monotonicNanoseconds()
    var finishOutcome: FinishOutcome?
    /// Whether the worker has the terminal for a REPL session (``StatusBoard/Phase/interactive``).
    var holdsTerminal = false

    init(process: WorkerProcess) {
        self.process = process
    }

    /// Whether the worker is doing something that must end in time.
    var isBusy: Bool {
        switch state {
        case .starting, .finishing: true
        case .ready: !assigned.isEmpty
        }
    }
}
