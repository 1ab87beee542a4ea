import LoupeBindings
import LoupeEngine
import LoupeRepl
import LuaRuntime

#if canImport(Glibc)
import Glibc
#endif

/// `loupe worker OPTIONS`: a worker process of `loupe run`, started by it with its pipes on
/// file descriptors 3 and 4. Not a command for people, so not among the subcommands: it
/// reads the options a run wrote (``WorkerOptions``) without ArgumentParser, which keeps
/// the start-up of every worker of every run short.
enum WorkerCommand {
    /// This command's code, for workers that `loupe run` starts by fork alone.
    static let entry = WorkerEntry { run($0) }

    /// Runs the worker; returns its exit status.
    static func run(_ arguments: [String]) -> Int32 {
        let options: WorkerOptions
        do {
            options = try WorkerOptions(arguments: arguments)
        } catch {
            Diagnostics.error("loupe worker: \(error) (workers are started by 'loupe run', not by hand)")
            return ExitStatus.usage
        }
        var session: ScriptRunner.Session?
        if options.terminal { session = openSession }
        return WorkerLoop.run(
            options: options.format, limits: options.limits, processLimits: options.processLimits, session: session)
    }

    /// A REPL session on the run's terminal, for `loupe.repl{…}` in a script (`loupe run
    /// --jobs 1` on a terminal): in the script's own state, over the running call's globals,
    /// with the table's fields bound. Ctrl-D or `:quit` ends it and the run goes on. The
    /// worker's standard output is the run's standard error (the rows may go to standard output).
    private static func openSession(_ environment: ScriptEnvironment, _ scope: LuaReference, _ bindings: LuaTable) {
        var configuration = ReplSession.Configuration(version: LoupeVersion.current)
        configuration.style = ReplStyle.forOutput(STDOUT_FILENO)
        configuration.output = { writeAll($0 + "\n", to: STDOUT_FILENO) }
        configuration.errors = { Diagnostics.error($0) }
        configuration.interruptOnControlC = true
        let session = ReplSession(attachingTo: environment, inheriting: scope, bindings: bindings, configuration: configuration)
        let names = bindings.fields.compactMap { field -> String? in
            if case .string(let name) = field.key { name.text } else { nil }
        }
        writeAll(
            "loupe.repl: the run waits; " + (names.isEmpty ? "nothing bound" : "bound " + names.joined(separator: ", "))
                + " — :help for help, Ctrl-D or :quit to go on with the run\n",
            to: STDOUT_FILENO)
        let editor = LineEditor(
            history: ReplHistory(path: ReplHistory.defaultPath()), wordBreakCharacters: ReplSession.wordBreakCharacters,
            complete: { session.completions(for: $0) })
        _ = ReplLoop.run(session, lines: editor)
        session.close()
    }
}
