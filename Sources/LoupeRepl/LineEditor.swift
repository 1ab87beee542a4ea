import CEditLine
import Foundation
import LuaRuntime

/// What a line source gives the REPL loop.
public enum LineInput: Equatable {
    /// A line, without its line break.
    case line(String)
    /// Ctrl-C at the prompt: drop what was typed.
    case interrupted
    /// Ctrl-D on an empty line, or the end of standard input.
    case end
}

/// Where the REPL's lines come from.
public protocol LineSource: AnyObject {
    /// The next line; `continuation` says the chunk so far is unfinished (prompt `>>`).
    func next(continuation: Bool) -> LineInput
    /// Records a finished entry in the history (terminal sessions only).
    func remember(_ entry: String)
}

/// Lines from a pipe or a file: no prompt, no editing, no history.
public final class StandardInputLines: LineSource {
    /// Reads standard input.
    public init() {}

    public func next(continuation: Bool) -> LineInput {
        guard let line = readLine(strippingNewline: true) else { return .end }
        return .line(line)
    }

    public func remember(_ entry: String) {}
}

/// Lines typed on a terminal, through libedit: cursor movement, Emacs keys (Ctrl-A/E/K/W),
/// Up/Down history, Ctrl-R search and Tab completion.
public final class LineEditor: LineSource {
    private var history: ReplHistory
    private let prompts: (first: String, more: String)

    /// The completer that the C callback asks (libedit has one completion function per process).
    nonisolated(unsafe) static var completer: ((String) -> [String])?

    /// An editor with `history` loaded and `complete` for Tab (given the text before the
    /// cursor, it returns the completed words).
    public init(history: ReplHistory, prompts: (first: String, more: String) = ("> ", ">> "),
                wordBreakCharacters: String, complete: @escaping (String) -> [String]) {
        self.history = history
        self.prompts = prompts
        LineEditor.completer = complete
        savedTerminal = Self.disableEndOfFileCharacter()
        // Ctrl-C at the prompt (SIGINT) ends readline's wait (see loupe_editline_configure).
        loupe_editline_configure(wordBreakCharacters, completeWord, LuaState.interruptDescriptor)
        reloadHistory()
    }

    deinit {
        if var saved = savedTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    }

    /// The terminal's settings before the REPL changed them.
    private let savedTerminal: termios?

    /// Makes Ctrl-D an ordinary key for the terminal, which libedit then reads as "end of
    /// input on an empty line". Otherwise a Ctrl-D typed while the terminal is between two
    /// prompts (cooked, not yet libedit's raw mode) becomes the line discipline's end-of-file
    /// mark, which vanishes when libedit switches to raw mode: the key would be lost.
    private static func disableEndOfFileCharacter() -> termios? {
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return nil }
        let saved = settings
        withUnsafeMutableBytes(of: &settings.c_cc) { $0[Int(VEOF)] = 0 }  // _POSIX_VDISABLE
        return tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0 ? saved : nil
    }

    public func next(continuation: Bool) -> LineInput {
        // A Ctrl-C typed while the last chunk ran has done its work.
        _ = LuaState.takeInterruptSignals()
        let pointer = readline(continuation ? prompts.more : prompts.first)
        defer { free(pointer) }
        let interrupted = LuaState.takeInterruptSignals()
        guard let pointer, !interrupted else {
            // The next prompt (or the shell's) starts on a line of its own.
            _ = write(STDOUT_FILENO, "\n", 1)
            return interrupted ? .interrupted : .end
        }
        return .line(String(cString: pointer))
    }

    public func remember(_ entry: String) {
        guard history.add(entry) else { return }
        history.save()
        reloadHistory()
    }

    private func reloadHistory() {
        clear_history()
        for entry in history.entries { add_history(entry) }
    }
}

/// libedit's completion callback: the matches for the word before the cursor, in a
/// malloc'd, NULL-terminated array whose first item replaces the word (their common prefix).
private let completeWord: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
    _, _, end in
    loupe_editline_completion_done()
    guard let completer = LineEditor.completer, let buffer = loupe_editline_buffer() else { return nil }
    let length = min(Int(end), strlen(buffer))
    let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
    let candidates = completer(line)
    guard let first = candidates.first else { return nil }
    var common = first
    for candidate in candidates.dropFirst() {
        common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
    }
    let items = [common] + (candidates.count > 1 ? candidates : [])
    let array = malloc((items.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)!
        .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: items.count + 1)
    for (i, item) in items.enumerated() { array[i] = strdup(item) }
    array[items.count] = nil
    return array
}
