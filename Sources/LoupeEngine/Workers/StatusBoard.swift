import CSystem

#if canImport(Glibc)
import Glibc
#endif

/// What a worker is doing, in a few words of memory it shares with the coordinator.
///
/// The worker updates it as it goes, with plain stores and no system call, so that it can
/// send its results in batches (one write for many small files) while the coordinator still
/// knows, at any moment, which document it is on: to stop it when a document overruns its
/// deadline, and to name that document when the worker dies.
public final class StatusBoard {
    /// The descriptor under which a worker finds its board.
    public static let descriptor: Int32 = 5

    /// What the worker is doing.
    public enum Phase: UInt64, Sendable {
        /// Waiting for work (or loading the script).
        case idle = 0
        /// Reading a file, or between two of its documents.
        case reading
        /// Running `document(doc)` on a record.
        case document
        /// Running `finish(report)`.
        case finishing
        /// In a REPL session that `loupe.repl{…}` opened on the run's terminal, for as long as
        /// a person takes: no deadline counts meanwhile.
        case interactive
    }

    /// A reading of the board.
    public struct Reading: Equatable, Sendable {
        /// Counts every change: unchanged for longer than the deadline means stuck.
        public var steps: UInt64
        /// What the worker was doing.
        public var phase: Phase
        /// The file (corpus position) it was on.
        public var file: Int
        /// The record it was on (or reading from).
        public var record: Int
    }

    private enum Word: Int32 { case steps = 0, phase, file, record, granted }
    private static let words: Int32 = 5

    /// The shared memory's descriptor (the coordinator passes it to the worker).
    public let fileDescriptor: Int32
    private let board: UnsafeMutablePointer<UInt64>

    /// Makes a new board (the coordinator, for a worker it starts).
    public init() throws(FrameError) {
        let fd = loupe_board_create(Self.words)
        guard fd >= 0, let board = loupe_board_map(fd, Self.words) else {
            throw .system("creating a worker's status board", errno)
        }
        fileDescriptor = fd
        self.board = board
    }

    /// The board the coordinator passed (the worker), or `nil` without one.
    public init?(inherited descriptor: Int32) {
        guard let board = loupe_board_map(descriptor, Self.words) else { return nil }
        fileDescriptor = descriptor
        self.board = board
    }

    deinit {
        munmap(board, Int(Self.words) * 8)
        close(fileDescriptor)
    }

    /// Records what the worker does now (the worker).
    public func post(_ phase: Phase, file: Int = 0, record: Int = 0) {
        loupe_board_store(board, Word.file.rawValue, UInt64(max(0, file)))
        loupe_board_store(board, Word.record.rawValue, UInt64(max(0, record)))
        loupe_board_store(board, Word.phase.rawValue, phase.rawValue)
        loupe_board_store(board, Word.steps.rawValue, loupe_board_load(board, Word.steps.rawValue) &+ 1)
    }

    /// Asks for the terminal (the worker, about to open a REPL session): posts
    /// ``Phase/interactive`` where the board stands and waits until the coordinator has
    /// stopped drawing on the terminal and catching Ctrl-C (``grantTerminal(_:)``), so that
    /// nothing it writes lands on the prompt. Returns what was posted before, to post again
    /// when the session ends.
    public func requestTerminal() -> Reading {
        let before = reading
        post(.interactive, file: before.file, record: before.record)
        let steps = loupe_board_load(board, Word.steps.rawValue)
        while loupe_board_load(board, Word.granted.rawValue) != steps { usleep(5_000) }
        return before
    }

    /// Answers ``requestTerminal()`` (the coordinator): the worker whose board reads
    /// `reading` may use the terminal.
    public func grantTerminal(_ reading: Reading) {
        loupe_board_store(board, Word.granted.rawValue, reading.steps)
    }

    /// What the worker last recorded (the coordinator).
    public var reading: Reading {
        Reading(
            steps: loupe_board_load(board, Word.steps.rawValue),
            phase: Phase(rawValue: loupe_board_load(board, Word.phase.rawValue)) ?? .idle,
            file: Int(truncatingIfNeeded: loupe_board_load(board, Word.file.rawValue)),
            record: Int(truncatingIfNeeded: loupe_board_load(board, Word.record.rawValue)))
    }
}
