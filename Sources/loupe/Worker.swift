import LoupeEngine

/// `loupe worker OPTIONS`: a worker process of `loupe run`, started by it with its pipes on
/// file descriptors 3 and 4. Not a command for people, so not among the subcommands: it
/// reads the options a run wrote (``WorkerOptions``) without ArgumentParser, which keeps
/// the start-up of every worker of every run short.
enum WorkerCommand {
    /// Runs the worker; returns its exit status.
    static func run(_ arguments: [String]) -> Int32 {
        let options: WorkerOptions
        do {
            options = try WorkerOptions(arguments: arguments)
        } catch {
            Diagnostics.error("loupe worker: \(error) (workers are started by 'loupe run', not by hand)")
            return ExitStatus.usage
        }
        return WorkerLoop.run(options: options.format, limits: options.limits, processLimits: options.processLimits)
    }
}
