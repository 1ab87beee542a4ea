import ArgumentParser
import LoupeEngine

/// `loupe worker`: a worker process of `loupe run`, started by it with its pipes on file
/// descriptors 3 and 4. Not for people: hidden from help.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A worker process of loupe run (started by it; not for direct use).",
        shouldDisplay: false)

    @Option(name: .customLong("doc-timeout"), help: "Seconds of CPU time one document may use.")
    var documentTimeout: Double = 30

    @Option(name: .customLong("address-space"), help: "Bytes of address space the worker may map.")
    var addressSpace: Int?

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        let status = WorkerLoop.run(
            options: reading.formatOptions, limits: limitOptions.limits,
            processLimits: WorkerLoop.ProcessLimits(
                addressSpace: addressSpace, cpuSecondsPerDocument: Int(documentTimeout.rounded(.up)) * 2 + 1))
        throw ExitCode(status)
    }
}
