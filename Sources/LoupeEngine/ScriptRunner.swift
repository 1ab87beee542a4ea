import Aggregates
import DocFormats
import DocModel
import LoupeBindings
import LuaRuntime

/// Runs an analysis script on documents, one at a time, in one Lua state: what a worker
/// process does.
///
/// The script's top level runs once, when the runner is made; then ``run(_:)`` calls its
/// `document(doc, report)` once per document, each time with a fresh set of globals over the ones
/// the top level left (so nothing a document sets leaks into the next, which would make
/// results depend on how documents are shared among workers; for the same reason the
/// library tables refuse changes after the top level, see
/// ``ScriptEnvironment/guardLibraries()``), and ``finish(aggregates:)``
/// calls `finish(report)` once at the end. A document on which the script fails loses its rows.
public final class ScriptRunner {
    /// Opens a REPL session for `loupe.repl{…}` and returns when it ends: given the script's
    /// environment, the globals of the running `document` or `finish` call, and the table
    /// passed. `loupe worker` on a run's terminal gives one (``WorkerLoop``); without, calling
    /// `loupe.repl` is an error.
    public typealias Session = (_ environment: ScriptEnvironment, _ scope: LuaReference, _ bindings: LuaTable) -> Void

    private let environment: ScriptEnvironment
    /// The globals of the running call (nil at the top level).
    private let scope = CurrentScope()
    private let chunk: LuaReference
    private let documentFunction: LuaValue
    private let finishFunction: LuaValue
    private let rows: RowCollector
    private let path: String

    /// Loads and starts the script of `setup` (its top level runs here).
    ///
    /// - Parameters:
    ///   - setup: the script, its path (which names it in messages) and its arguments.
    ///   - limits: the budget per call and the memory cap.
    ///   - print: where the script's `print` goes (not the row output).
    ///   - session: what `loupe.repl{…}` opens, run in ``LuaState/nestedSession(_:)`` so that
    ///     typed chunks have a budget of their own; nil makes `loupe.repl` an error.
    /// - Throws: ``ScriptError`` when the script does not compile, fails at its top level,
    ///   or defines no `document` function.
    public init(
        setup: WorkerSetup, limits: LuaLimits, print: @escaping (String) -> Void, session: Session? = nil
    ) throws(ScriptError) {
        path = setup.path
        let rows = RowCollector()
        do {
            environment = try ScriptEnvironment(
                limits: limits, version: LoupeVersion.current, print: print, emit: { try rows.add(EmittedRow(table: $0, fields: $1)) },
                plugins: setup.plugins)
            environment.setArguments(setup.arguments)
            // Before the top level, so that no reference it keeps bypasses the guards.
            try environment.guardLibraries()
            if let session {
                let scope = scope
                environment.replHandler = { [unowned environment = self.environment] bindings throws(LuaCallError) in
                    guard let globals = scope.globals else {
                        throw LuaCallError.message(
                            "loupe.repl opens a session in document(doc) or finish(report), not at the script's top level")
                    }
                    environment.state.nestedSession { session(environment, globals, bindings) }
                }
            }
            chunk = try environment.state.load(setup.source, chunkName: "@" + setup.path, environment: environment.sandbox)
            try environment.state.call(.function(chunk))
            documentFunction = (try? environment.sandbox.rawGet("document")) ?? .nil
            finishFunction = (try? environment.sandbox.rawGet("finish")) ?? .nil
        } catch {
            throw ScriptError(path: setup.path, error: error)
        }
        guard case .function = documentFunction else {
            throw ScriptError(
                path: setup.path,
                message: "\(setup.path): the script defines no function 'document'; add one: function document(doc) … end")
        }
        self.rows = rows
    }

    /// Runs `document(doc)` on `document`: its rows and what it added to the aggregates, or
    /// why it failed (and then neither).
    public func run(_ document: Document) -> Result<DocumentProducts, DocumentFailure> {
        rows.start()
        defer { _ = rows.finish() }
        let globals = environment.state.newEnvironment(inheriting: environment.sandbox)
        environment.state.setEnvironment(of: chunk, to: globals)
        environment.state.setCallGlobals(of: environment.sandbox, to: globals)
        scope.globals = globals
        defer {
            scope.globals = nil
            environment.state.setCallGlobals(of: environment.sandbox, to: nil)
        }
        environment.phase = .document
        let report = ReportBuilder()
        do throws(LuaError) {
            try environment.state.call(documentFunction, environment.value(of: document), environment.value(of: report))
        } catch {
            environment.discardAggregateDelta()
            let name = DocumentNames.name(path: document.path, id: document.id, record: nil)
            var message = "\(name): \(error.message)"
            if let traceback = error.traceback, error.kind == .runtime { message += "\n" + traceback }
            return .failure(DocumentFailure(.script, message))
        }
        return .success(DocumentProducts(
            rows: rows.finish(), aggregates: environment.takeAggregateDelta() ?? [], report: report.items))
    }

    /// Runs `finish(report)`, if the script defines it, on the merged aggregates (an encoded
    /// ``AggregateSet`` state; empty when there is nothing to load): its rows, or why it failed.
    public func finish(aggregates: [UInt8]) -> FinishOutcome {
        guard case .function = finishFunction else { return FinishOutcome() }
        rows.start()
        defer { _ = rows.finish() }
        do throws(AggregateError) {
            if !aggregates.isEmpty { try environment.loadAggregateState(aggregates) }
        } catch {
            return FinishOutcome(failure: "\(path): the merged aggregates do not fit the script's: \(error)")
        }
        let globals = environment.state.newEnvironment(inheriting: environment.sandbox)
        environment.state.setEnvironment(of: chunk, to: globals)
        environment.state.setCallGlobals(of: environment.sandbox, to: globals)
        scope.globals = globals
        defer {
            scope.globals = nil
            environment.state.setCallGlobals(of: environment.sandbox, to: nil)
        }
        environment.phase = .finish
        let report = ReportBuilder()
        do throws(LuaError) {
            try environment.state.call(finishFunction, environment.value(of: report))
        } catch {
            var message = "\(path): finish: \(error.message)"
            if let traceback = error.traceback, error.kind == .runtime { message += "\n" + traceback }
            return FinishOutcome(failure: message)
        }
        return FinishOutcome(rows: rows.finish(), report: report.items)
    }
}

/// The globals of the call that is running, for a session `loupe.repl{…}` opens in it.
private final class CurrentScope {
    var globals: LuaReference?
}

/// Collects the rows of the document being run; rows emitted outside a document (at the
/// script's top level) are refused.
private final class RowCollector {
    private var rows: [EmittedRow] = []
    private var open = false

    func start() {
        rows.removeAll(keepingCapacity: true)
        open = true
    }

    func add(_ row: EmittedRow) throws {
        guard open else {
            throw LuaCallError.message(
                "emit can only be called while a document runs or in finish(report), not at the script's top level")
        }
        rows.append(row)
    }

    func finish() -> [EmittedRow] {
        open = false
        defer { rows.removeAll(keepingCapacity: true) }
        return rows
    }
}

/// A script that cannot run at all: it does not compile, fails at its top level, or lacks
/// `document`. The message names the script, the line and what to do.
public struct ScriptError: Error, CustomStringConvertible {
    /// The script's path.
    public var path: String
    /// The full message.
    public var message: String
    /// The Lua error behind it, if any.
    public var luaError: LuaError?

    init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(path: String, error: LuaError) {
        self.path = path
        self.luaError = error
        self.message = error.fullDescription
    }

    public var description: String { message }
}
