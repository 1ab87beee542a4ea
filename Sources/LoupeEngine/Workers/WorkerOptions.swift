import DocFormats
import DocModel
import LuaRuntime

/// What a worker process is started with: how it reads documents, the limits of its Lua
/// state and of the process, and the per-document deadline.
///
/// They travel as the options of `loupe worker` (``arguments``), which are also what a run's
/// journal keeps, so a resumed run reads and limits as the interrupted one did. The worker
/// parses them here rather than with ArgumentParser: every run starts one worker per core,
/// and building a command tree by reflection would cost each worker milliseconds of start-up.
public struct WorkerOptions: Sendable {
    /// How files are read.
    public var format: FormatOptions
    /// The Lua state's instruction budget and memory cap.
    public var limits: LuaLimits
    /// Seconds one document may take (`--doc-timeout`).
    public var documentTimeout: Double
    /// Bytes of address space the worker may map (`RLIMIT_AS`); `nil` for no cap.
    public var addressSpace: Int?
    /// Whether the worker shares the run's terminal, where `loupe.repl{…}` may open a REPL
    /// session (``terminalArguments``). Not part of a run's plan: the coordinator adds it
    /// when it starts the worker of an interactive run.
    public var terminal = false

    /// The arguments that tell a worker it shares the run's terminal.
    public static let terminalArguments = ["--terminal", "yes"]

    /// Options as given.
    public init(format: FormatOptions, limits: LuaLimits, documentTimeout: Double, addressSpace: Int?) {
        self.format = format
        self.limits = limits
        self.documentTimeout = documentTimeout
        self.addressSpace = addressSpace
    }

    /// The limits the worker sets on itself. `RLIMIT_CPU` backs up the coordinator's
    /// wall-clock deadline with room to spare: it is the stop for a coordinator that died.
    public var processLimits: WorkerLoop.ProcessLimits {
        WorkerLoop.ProcessLimits(
            addressSpace: addressSpace, cpuSecondsPerDocument: Int(documentTimeout.rounded(.up)) * 2 + 1)
    }

    /// The options as `loupe worker` arguments: `--name value` pairs, in a fixed order.
    public var arguments: [String] {
        var out = [
            "--doc-timeout", String(documentTimeout),
            "--id-field", format.idField,
            "--title", format.reader.titleFirstLine ? "first-line" : "none",
            "--max-doc-bytes", String(format.reader.maxBytes),
        ]
        if let kind = format.format { out += ["--format", kind.rawValue] }
        if let field = format.textField { out += ["--text-field", field] }
        out += ["--max-instructions", String(limits.instructions ?? 0), "--max-memory", String(limits.memory ?? 0)]
        if let addressSpace { out += ["--address-space", String(addressSpace)] }
        if terminal { out += Self.terminalArguments }
        return out
    }

    /// Reads options written by ``arguments``.
    /// - Throws: ``WorkerOptionsError`` for an unknown option, a missing or bad value.
    public init(arguments: [String]) throws(WorkerOptionsError) {
        self.init(format: FormatOptions(), limits: LuaLimits.none, documentTimeout: 30, addressSpace: nil)
        limits.instructionHint = "--max-instructions"
        limits.memoryHint = "--max-memory"
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let value = rest.popFirst() else { throw WorkerOptionsError("\(name) needs a value") }
            func number() throws(WorkerOptionsError) -> Int {
                guard let n = Int(value), n >= 0 else { throw WorkerOptionsError("\(name) takes a count, not '\(value)'") }
                return n
            }
            switch name {
            case "--doc-timeout":
                guard let seconds = Double(value), seconds > 0 else { throw WorkerOptionsError("\(name) takes seconds, not '\(value)'") }
                documentTimeout = seconds
            case "--id-field": format.idField = value
            case "--title": format.reader.titleFirstLine = value == "first-line"
            case "--max-doc-bytes": format.reader.maxBytes = try number()
            case "--format":
                guard let kind = DocumentFormat(rawValue: value) else { throw WorkerOptionsError("unknown format '\(value)'") }
                format.format = kind
            case "--text-field": format.textField = value
            case "--max-instructions": limits.instructions = try number().nonZero
            case "--max-memory": limits.memory = try number().nonZero
            case "--address-space": addressSpace = try number()
            case "--terminal": terminal = value == "yes"
            default: throw WorkerOptionsError("unknown option \(name)")
            }
        }
    }
}

/// Options `loupe worker` cannot read: only a run starts workers, so this is a bug or a
/// journal from another version of Loupe.
public struct WorkerOptionsError: Error, CustomStringConvertible {
    /// What was wrong.
    public var description: String

    init(_ description: String) { self.description = description }
}

extension Int {
    fileprivate var nonZero: Int? { self == 0 ? nil : self }
}
