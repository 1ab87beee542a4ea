import CSystem
#if canImport(Glibc)
import Glibc
#endif

/// A child process the coordinator talks to over two pipes, which the child sees as file
/// descriptors ``requestDescriptor`` (it reads) and ``replyDescriptor`` (it writes), and
/// watches through a ``StatusBoard`` the child sees as ``StatusBoard/descriptor``.
///
/// The pipes are the child's only link to the coordinator: its standard output is not used, so
/// nothing a library prints can corrupt the stream, and its standard error is shared with the
/// coordinator for messages that must get out even when the protocol cannot. (Its standard
/// output is the coordinator's standard error too: a REPL session opened on the terminal
/// writes there.)
public final class WorkerProcess {
    /// The descriptor on which a worker reads requests.
    public static let requestDescriptor: Int32 = 3
    /// The descriptor on which a worker writes replies.
    public static let replyDescriptor: Int32 = 4

    /// The child's process id.
    public let pid: pid_t
    /// Writes requests to the child.
    public let requests: FrameWriter
    /// Reads the child's replies.
    public let replies: FrameReader
    /// What the child is doing.
    public let board: StatusBoard

    /// Starts `arguments[0]` with `arguments` (a path, not looked up in `PATH`). Its standard
    /// input is `/dev/null`, unless it `sharesTerminal`: then it is this process's own (a
    /// terminal, for a REPL session the script may open).
    ///
    /// With an `entry` (this program's own worker code) and only one thread in this process,
    /// the child is a fork that runs `entry` with `arguments` after the first two (the program
    /// and its `worker` command), and never starts the program again: that spares each worker
    /// the program's start-up (loading and relocating the shared libraries, the Swift runtime's
    /// first type lookups), some 10 ms of a core. The fork gets the descriptors and signal
    /// dispositions a started program would, and none of this process's other descriptors or
    /// its workers' boards. With more threads (a test process), fork could copy a lock another
    /// thread holds, so the program is started instead.
    ///
    /// A fork shares this process's memory layout and starts with a copy of its heap: pass an
    /// `entry` only while that heap is small and holds nothing of the run (the first workers).
    public init(arguments: [String], sharesTerminal: Bool = false, entry: WorkerEntry? = nil) throws(FrameError) {
        board = try StatusBoard()
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { throw .system("pipe", errno) }
        guard pipe(&fromChild) == 0 else {
            let code = errno
            close(toChild[0]); close(toChild[1])
            throw .system("pipe", code)
        }
        // Close-on-exec, so that a worker started later does not hold this worker's pipes open
        // (the coordinator would never see this one's end of stream). The coordinator starts
        // workers from one thread, so no other spawn can slip in before the flag is set.
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        // The child's descriptors 3, 4 and 5 are made by dup2 from these: none of them may
        // itself be 3, 4 or 5, or one dup2 would overwrite the source of another.
        toChild = toChild.map(Self.aboveChildDescriptors)
        fromChild = fromChild.map(Self.aboveChildDescriptors)
        let boardDescriptor = Self.aboveChildDescriptors(dup(board.fileDescriptor))
        defer { close(boardDescriptor) }
        let descriptors = (toChild[0], fromChild[1], boardDescriptor)
        // A fork that fails (no memory to copy this process's page tables) starts the program.
        let forked = entry.flatMap { entry in
            loupe_is_single_threaded() == 1
                ? Self.fork(running: entry, arguments: arguments, descriptors: descriptors, sharesTerminal: sharesTerminal) : nil
        }
        let (child, failure) = forked.flatMap { $0.1 == 0 ? $0 : nil }
            ?? Self.spawn(arguments, descriptors: descriptors, sharesTerminal: sharesTerminal)
        close(toChild[0])
        close(fromChild[1])
        guard failure == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw .system("starting \(arguments[0])", failure)
        }
        pid = child
        requests = FrameWriter(descriptor: toChild[1])
        replies = FrameReader(descriptor: fromChild[0])
    }

    /// The child's request, reply and board descriptors, before they become 3, 4 and 5.
    private typealias ChildDescriptors = (request: Int32, reply: Int32, board: Int32)

    /// Forks a child that runs `entry`: its pid, or an errno.
    private static func fork(
        running entry: WorkerEntry, arguments: [String], descriptors: ChildDescriptors, sharesTerminal: Bool
    ) -> (pid_t, Int32) {
        // Nothing buffered may be written twice, by this process and by the child.
        fflush(nil)
        let child = loupe_fork_worker(descriptors.request, descriptors.reply, descriptors.board, sharesTerminal ? 1 : 0)
        if child == 0 {
            let status = entry.run(Array(arguments.dropFirst(2)))
            fflush(nil)
            // Not exit: this process's exit handlers are not the child's to run.
            _exit(status)
        }
        return child > 0 ? (child, 0) : (0, errno)
    }

    /// Starts `arguments[0]`: its pid, or an errno.
    private static func spawn(_ arguments: [String], descriptors: ChildDescriptors, sharesTerminal: Bool) -> (pid_t, Int32) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, descriptors.request, requestDescriptor)
        posix_spawn_file_actions_adddup2(&actions, descriptors.reply, replyDescriptor)
        posix_spawn_file_actions_adddup2(&actions, descriptors.board, StatusBoard.descriptor)
        if !sharesTerminal { posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0) }
        posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO)
        // Not only close-on-exec ones: the outputs, the journal and whatever this process
        // inherited without the flag would reach the worker too.
        _ = loupe_spawn_close_from(&actions, StatusBoard.descriptor + 1)
        var child: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let variables = environment.map { strdup($0) } + [nil]
        defer { variables.forEach { free($0) } }
        let status = posix_spawn(&child, arguments[0], &actions, nil, argv, variables)
        return (child, status)
    }

    /// The coordinator's environment, with Swift's crash backtraces off unless asked for: a
    /// crashed worker is reported in one line (its document and signal), not a page of frames.
    private static var environment: [String] {
        var variables: [String] = []
        var index = 0
        while let entry = environ[index] {
            variables.append(String(cString: entry))
            index += 1
        }
        if !variables.contains(where: { $0.hasPrefix("SWIFT_BACKTRACE=") }) { variables.append("SWIFT_BACKTRACE=enable=no") }
        return variables
    }

    /// `descriptor` moved to a number above the child's fixed ones (closing the original),
    /// close-on-exec.
    private static func aboveChildDescriptors(_ descriptor: Int32) -> Int32 {
        guard descriptor <= StatusBoard.descriptor else { return descriptor }
        let moved = fcntl(descriptor, F_DUPFD_CLOEXEC, 10)
        close(descriptor)
        return moved
    }

    /// How a worker ended.
    public enum Ending: Equatable, Sendable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let code): "it exited with status \(code)"
            case .signalled(let signal):
                "it was killed by signal \(signal) (\(String(cString: strsignal(signal))))"
            }
        }
    }

    /// Closes the requests pipe: the worker reads the end of its input and exits.
    public func endRequests() {
        guard requestsOpen else { return }
        close(requests.descriptor)
        requestsOpen = false
    }

    private var requestsOpen = true

    /// Kills the child (if it still runs) and waits for it.
    @discardableResult
    public func stop() -> Ending {
        if ending == nil { kill(pid, SIGKILL) }
        return wait()
    }

    /// Waits for the child to end, then closes the pipes.
    @discardableResult
    public func wait() -> Ending {
        if let ending { return ending }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        endRequests()
        close(replies.descriptor)
        // WIFSIGNALED and WEXITSTATUS are macros, which Swift cannot import.
        let signal = status & 0x7F
        let ending: Ending = signal != 0 ? .signalled(signal) : .exited((status >> 8) & 0xFF)
        self.ending = ending
        return ending
    }

    /// How the child ended, once it has been waited for.
    public private(set) var ending: Ending?

    deinit {
        if ending == nil { stop() }
    }
}

/// The code of `loupe worker`, for workers started by fork alone (``WorkerProcess``).
public struct WorkerEntry: Sendable, Equatable {
    /// Runs a worker with its options (what follows `worker` on its command line) and returns
    /// its exit status.
    public let run: @Sendable ([String]) -> Int32

    /// The entry that runs `run`.
    public init(_ run: @escaping @Sendable ([String]) -> Int32) {
        self.run = run
    }

    /// Always true: a program has one worker entry, so two configurations that differ only
    /// in theirs start the same workers.
    public static func == (lhs: WorkerEntry, rhs: WorkerEntry) -> Bool { true }
}
