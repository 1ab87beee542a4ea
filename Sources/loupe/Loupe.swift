import ArgumentParser
import LoupeEngine

#if canImport(Glibc)
import Glibc
#endif

/// The `loupe` command: run analysis scripts over documents, and try Lua.
struct Loupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Run Lua analysis scripts over corpora of documents.",
        discussion: """
            Loupe reads documents, hands each one to a Lua script's document(doc) function and \
            writes the rows the script emits. Scripts run in a sandbox: they cannot touch your \
            files or run programs, and runaway code is stopped by an instruction budget and a \
            memory cap.

            Examples:
              loupe lua '1 + 1'
              loupe repl examples/articles/  # a Lua prompt with doc and corpus
              loupe run scripts/word-count.lua examples/articles/*.txt
              loupe test plugins/           # the tests of every bundled plugin
              loupe eval pred.jsonl --gold gold/ --match overlap   # precision, recall, F1
              loupe help Span.text          # one entry of the Lua API
              loupe docs -o docs/api.md     # the whole Lua API reference
              loupe plugin install ../quotes  # install a plugin (see loupe plugin --help)

            Exit codes (every command):
              0  success
              1  a script or a document failed (with run, the other documents still ran)
              2  usage error: a bad option or argument, or a file that cannot be read
            """,
        version: LoupeVersion.current,
        subcommands: [LuaCommand.self, EvalCommand.self, Repl.self, Run.self, TestCommand.self, Merge.self, Docs.self, Types.self, PluginCommand.self]
    )
}

/// Entry point: runs the command and maps every usage error to exit code 2.
@main
enum LoupeMain {
    static func main() {
        // `loupe help NAME` shows an API entry, unless NAME is a command (then its usage).
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "worker" { exit(WorkerCommand.run(Array(arguments.dropFirst()))) }
        if arguments.count == 2, arguments[0] == "help",
            !Loupe.configuration.subcommands.contains(where: { $0._commandName == arguments[1] })
        {
            exit(APIHelp.print(arguments[1]) ? ExitStatus.success : ExitStatus.failure)
        }
        do {
            let compacted = ["run", "repl"].contains(arguments.first) ? CorpusArguments.compact(arguments) : arguments
            var command = try Loupe.parseAsRoot(compacted)
            try command.run()
        } catch {
            let code = Loupe.exitCode(for: error)
            if code == .validationFailure {
                Diagnostics.error(Loupe.fullMessage(for: error))
                exit(ExitStatus.usage)
            }
            Loupe.exit(withError: error)
        }
    }
}

/// Loupe's exit codes (documented in `loupe --help`).
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
}

/// Messages for people go to standard error; data goes to standard output.
enum Diagnostics {
    /// Writes `message` and a newline to standard error.
    static func error(_ message: String) {
        writeAll(message.hasSuffix("\n") ? message : message + "\n", to: STDERR_FILENO)
    }
}

/// Standard output, buffered: rows are written in large blocks.
final class StandardOutput {
    private var buffer: [UInt8] = []

    /// Appends `text` and writes the buffer out once it is large.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out what is buffered.
    func flush() {
        buffer.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Writes all of `text` to the file descriptor, retrying short writes.
func writeAll(_ text: String, to fd: Int32) {
    var text = text
    text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: fd) }
}

/// Writes all of `bytes` to the file descriptor, retrying short writes.
func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) {
    var offset = 0
    while offset < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += n
    }
}

/// A usage problem found while running (an unreadable file): reported, then exit 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

extension ParsableCommand {
    /// Reports a usage problem and exits with status 2.
    func usageFailure(_ message: String) -> ExitCode {
        Diagnostics.error("loupe: \(message)")
        return ExitCode(ExitStatus.usage)
    }
}
