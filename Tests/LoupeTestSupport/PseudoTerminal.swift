import CPseudoTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `loupe` running on a pseudo-terminal, driven like a person at a keyboard: keys are sent,
/// and ``expect(_:timeout:)`` waits for text to appear. Timeouts only guard against a hang;
/// tests wait for prompts and output, never for time to pass.
///
/// ```swift
/// let repl = try PseudoTerminal(["repl", "examples/articles/"])
/// try repl.expect("> ")
/// repl.send("1 + 1\r")
/// try repl.expect("2")
/// ```
public final class PseudoTerminal {
    /// Everything the program wrote so far.
    public private(set) var transcript = ""
    private var bytes: [UInt8] = []
    /// Where the next ``expect(_:timeout:)`` starts looking (bytes of ``transcript``).
    private var cursor = 0
    private let master: Int32
    private let pid: pid_t
    private var exitStatus: Int32?

    /// The failure of an expectation, with what the program wrote.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts `loupe arguments` in `directory`, in a session of its own whose controlling
    /// terminal is a new pseudo-terminal (so Ctrl-C sends SIGINT), with `environment` added
    /// to this process's and TERM=xterm.
    public init(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String] = [:]) throws {
        let executable = loupeExecutable.path
        var variables = ProcessInfo.processInfo.environment
        variables["TERM"] = "xterm"
        variables["NO_COLOR"] = nil
        variables.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var fd: Int32 = -1
        let child = loupe_spawn_on_pty(executable, argv, envp, directory.path, 100, 40, &fd)
        guard child > 0 else {
            throw Failure(description: "cannot start \(executable) on a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        master = fd
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `keys` (`"\r"` is Enter, `"\t"` Tab, `"\u{3}"` Ctrl-C, `"\u{4}"` Ctrl-D,
    /// `"\u{1B}[A"` Up).
    public func send(_ keys: String) {
        var keys = keys
        keys.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(master, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Waits until `text` appears in the output after the previous match, and moves past it;
    /// returns the output from the previous match to the end of this one.
    @discardableResult
    public func expect(_ text: String, timeout: Double = 30) throws -> String {
        let wanted = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = find(wanted) {
                let seen = String(decoding: bytes[cursor..<range.upperBound], as: UTF8.self)
                cursor = range.upperBound
                return seen
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readMore(waiting: remaining) else {
                let before = String(decoding: bytes[max(0, cursor - 300)..<cursor], as: UTF8.self)
                throw Failure(description: "expected \(text.debugDescription) (program \(processState)); "
                    + "before the last match the program wrote \(before.debugDescription), after it:\n"
                    + String(decoding: bytes[cursor...], as: UTF8.self).debugDescription)
            }
        }
    }

    /// Waits for the program to end (reading what it still writes) and returns its exit status.
    public func waitForExit(timeout: Double = 30) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                return exitStatus!
            }
            _ = readMore(waiting: 0.05)
        }
        var status: Int32 = 0
        let waited = waitpid(pid, &status, WNOHANG)
        throw Failure(description: "the program did not exit (waitpid \(waited), errno \(errno), \(processState)); it wrote:\n"
            + transcript.debugDescription)
    }

    /// What the kernel says the program is doing (run state, and the kernel function it waits
    /// in), for messages about a program that did not answer.
    private var processState: String {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "gone"
        let wchan = (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? "?"
        return "/proc stat: \(stat.trimmingCharacters(in: .whitespacesAndNewlines)), waiting in: \(wchan)"
    }

    private func find(_ wanted: [UInt8]) -> Range<Int>? {
        guard bytes.count - cursor >= wanted.count else { return nil }
        var start = cursor
        while start + wanted.count <= bytes.count {
            if bytes[start..<(start + wanted.count)].elementsEqual(wanted) { return start..<(start + wanted.count) }
            start += 1
        }
        return nil
    }

    /// Reads what is there, waiting up to `seconds`; false at the end of output.
    private func readMore(waiting seconds: Double) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(1, min(seconds, 1) * 1000)))
        guard ready > 0 else { return ready == 0 || errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &buffer, buffer.count)
        guard n > 0 else { return false }
        bytes += buffer[..<n]
        transcript = String(decoding: bytes, as: UTF8.self)
        return true
    }
}

extension PseudoTerminal {
    /// Starts an endless loop at a Lua prompt, waits until it runs (its own output, not the
    /// echo of the line), presses Ctrl-C, and waits for the error and the prompt back. Where it
    /// stops depends on when the key arrives: in the loop, or still in `print`.
    public func interruptAnEndlessLoop() throws {
        send("print('loop' .. 'ing') while true do end\r")
        try expect("looping")
        send("\u{3}")
        try expect(": interrupted")
        try expect("> ")
    }
}
