internal import CLuaShim

/// One Lua 5.4 interpreter: a `lua_State` with a counting allocator, an instruction budget and
/// the standard libraries that sandboxes copy from.
///
/// A state belongs to one thread at a time. Everything Lua raises comes back to Swift as a
/// ``LuaError``; nothing raised in Lua ever unwinds through a Swift frame (Swift functions are
/// entered from Lua through a C trampoline that raises only after they have returned).
///
/// ```swift
/// let lua = LuaState(limits: LuaLimits(instructions: 10_000_000, memory: 64 << 20))
/// let chunk = try lua.load("return 1 + 1, 'a\\0b'", chunkName: "=example")
/// let results = try lua.call(.function(chunk))   // [.integer(2), .string("a\0b")]
/// ```
///
/// The state is closed, and every Swift object it still holds released, when the last
/// reference to it (including every ``LuaReference``) is gone.
public final class LuaState {
    let L: OpaquePointer
    let runtime: UnsafeMutablePointer<loupe_runtime>

    /// The budget and cap that stop runaway code; changing them applies to the next call.
    public var limits: LuaLimits {
        didSet { applyLimits() }
    }

    /// Makes a state with the base, string, table, math, utf8, coroutine and os libraries open
    /// (`io`, `debug` and `package` are never opened; dangerous `os` functions are removed).
    /// Untrusted code must run in a ``makeSandbox(print:)`` environment, not in these globals.
    public init(limits: LuaLimits = LuaLimits()) {
        LuaState.installHost()
        runtime = .allocate(capacity: 1)
        runtime.initialize(to: loupe_runtime())
        guard let state = loupe_newstate(runtime) else {
            fatalError("loupe: cannot create a Lua state: out of memory")
        }
        L = state
        self.limits = limits
        runtime.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
        applyLimits()
        openLibraries()
        // Generational collection: most of what a script makes (token strings, a document's
        // environment) dies young. Against Lua's default incremental mode it runs a token walk
        // a few percent faster, and a worker's peak memory still does not grow with the corpus
        // (see `make bench`, memory on ten copies of the corpus).
        loupe_gc_generational(L)
    }

    deinit {
        loupe_forget_sigint(runtime)
        lua_close(L)
        runtime.deinitialize(count: 1)
        runtime.deallocate()
    }

    /// The raw `lua_State`, for the package's own C-level benchmarks and tests only.
    package var unsafeRawState: OpaquePointer { L }

    /// A pointer the layers above keep with the state (such as their registry of live
    /// documents), reachable from every ``LuaFrame`` without a lookup. Not retained: its
    /// owner must outlive the state's calls.
    public var hostContext: UnsafeMutableRawPointer? {
        get { runtime.pointee.host_context }
        set { runtime.pointee.host_context = newValue }
    }

    /// Bytes the state holds now.
    public var memoryInUse: Int { Int(runtime.pointee.used) }
    /// The most bytes the state has held at once.
    public var peakMemory: Int { Int(runtime.pointee.peak) }

    /// Stops the running call as soon as it runs its next Lua instruction; it then fails with
    /// ``LuaError/Kind/interrupted``. Safe to call from a signal handler's thread.
    public func interrupt() {
        loupe_interrupt(runtime)
    }

    /// Makes Ctrl-C (SIGINT) interrupt this state's running code from now on, as in `lua`'s
    /// prompt, instead of ending the process; the last state to call this is the one
    /// interrupted. A blocking read returns `EINTR` when the signal arrives, so a line editor
    /// waiting for input returns too; ``takeInterruptSignals()`` then says Ctrl-C was pressed.
    public func interruptOnSIGINT() {
        loupe_interrupt_on_sigint(runtime)
    }

    /// Stops interrupting this state on SIGINT (when it is the one interrupted). The signal's
    /// handler stays; the caller decides what SIGINT does next (a worker ignores it again).
    public func stopInterruptingOnSIGINT() {
        loupe_forget_sigint(runtime)
    }

    /// Runs `body`, an interactive session nested in the running call (a REPL opened by a
    /// Swift function that Lua called): each call `body` makes is counted as an outermost
    /// one, with the whole instruction budget and a kill flag of its own, so a chunk typed
    /// there is neither stopped by what the outer call has used nor, once interrupted, leaves
    /// the outer call stopped. Afterwards the outer call goes on with what it had left.
    ///
    /// ```swift
    /// loupe.rawSet("repl", lua.function { frame in
    ///     lua.nestedSession { runPrompt() }   // Ctrl-C stops a typed chunk, not the script
    ///     return 0
    /// })
    /// ```
    public func nestedSession<Result>(_ body: () -> Result) -> Result {
        let scope = loupe_nested_begin(runtime)
        defer { loupe_nested_end(runtime, scope) }
        return body()
    }

    /// Whether SIGINT arrived since the last call (after ``interruptOnSIGINT()``).
    public static func takeInterruptSignals() -> Bool {
        loupe_take_sigints() > 0
    }

    /// A descriptor that becomes readable when SIGINT arrives (after ``interruptOnSIGINT()``),
    /// until ``takeInterruptSignals()``: a line editor waits on it beside the terminal. -1
    /// before any state asked to be interrupted.
    public static var interruptDescriptor: Int32 { loupe_sigint_descriptor() }

    /// The message an interrupted call fails with.
    public var interruptMessage: String = "interrupted" {
        didSet { LuaState.copy(interruptMessage, into: &runtime.pointee.interrupt_message) }
    }

    /// Runs a full garbage collection.
    public func collectGarbage() {
        loupe_gc_collect(L)
    }

    private func applyLimits() {
        runtime.pointee.limit = limits.memory.map { size_t(max($0, 1)) } ?? 0
        runtime.pointee.budget = limits.instructions.map { Int64(max($0, 1)) } ?? 0
        LuaState.copy(limits.instructionMessage, into: &runtime.pointee.instruction_message)
        LuaState.copy(limits.memoryMessage, into: &runtime.pointee.memory_message)
        LuaState.copy(interruptMessage, into: &runtime.pointee.interrupt_message)
    }

    /// Copies `text` into a fixed C character array, truncated and zero-terminated.
    static func copy<T>(_ text: String, into field: inout T) {
        withUnsafeMutableBytes(of: &field) { buffer in
            let bytes = Array(text.utf8.prefix(buffer.count - 1))
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
    }

    /// The state that owns `L` (any of its threads).
    static func owner(of L: OpaquePointer) -> LuaState {
        let runtime = loupe_runtime_of(L)!
        return Unmanaged<LuaState>.fromOpaque(runtime.pointee.owner).takeUnretainedValue()
    }

    private func openLibraries() {
        let libraries: [(String, lua_CFunction)] = [
            ("_G", luaopen_base), ("string", luaopen_string), ("table", luaopen_table),
            ("math", luaopen_math), ("utf8", luaopen_utf8), ("coroutine", luaopen_coroutine),
            ("os", luaopen_os),
        ]
        for (name, open) in libraries {
            luaL_requiref(L, name, open, 1)
            loupe_pop(L, 1)
        }
        // Defence in depth: what untrusted code must never reach is not even in the globals.
        // And math.random seeded from the system: Lua seeds it from the time and the state's
        // address, which two workers forked from one coordinator in the same second can share.
        let trimmed = """
            for _, name in ipairs{"execute", "exit", "getenv", "remove", "rename", "tmpname",
                                  "setlocale"} do os[name] = nil end
            dofile, loadfile, string.dump = nil, nil, nil
            math.randomseed(\(Int64.random(in: 0 ... .max)), \(Int64.random(in: 0 ... .max)))
            """
        do {
            let chunk = try load(trimmed, chunkName: "=loupe.setup")
            _ = try call(.function(chunk))
        } catch {
            fatalError("loupe: Lua set-up failed: \(error)")
        }
    }
}

// MARK: - The host entry points called by the C trampoline

extension LuaState {
    private static let hostInstalled: Void = {
        loupe_set_host(dispatchToSwift, releaseSwiftObject)
    }()

    static func installHost() { _ = hostInstalled }
}

/// Retains `object` for Lua; the userdata's `__gc` releases it.
@usableFromInline
func retainForLua(_ object: AnyObject) -> UnsafeMutableRawPointer {
    Unmanaged.passRetained(object).toOpaque()
}

private let releaseSwiftObject: loupe_release_fn = { box in
    guard let box else { return }
    Unmanaged<AnyObject>.fromOpaque(box).release()
}

/// Calls the Swift function held by a callback box and turns a thrown ``LuaCallError`` into a
/// status for the C trampoline, which raises once this frame is gone.
private let dispatchToSwift: loupe_dispatch_fn = { L, box, badarg in
    let frame = LuaFrame(L!, base: 0)
    do {
        // The closure userdata keeps the callback alive for the whole call: no retain needed.
        return try Unmanaged<LuaCallback>.fromOpaque(box!)._withUnsafeGuaranteedRef { try $0.body(frame) }
    } catch let error as LuaCallError {
        return error.prepareRaise(in: frame, badarg: badarg!)
    } catch let error as LuaError {
        frame.push(error.message)
        return LOUPE_RAISE.rawValue
    } catch {
        frame.push(String(describing: error))
        return LOUPE_RAISE_WHERE.rawValue
    }
}

extension LuaCallError {
    /// Pushes what the trampoline needs and returns its status.
    func prepareRaise(in frame: LuaFrame, badarg: UnsafeMutablePointer<Int32>) -> Int32 {
        switch self {
        case .message(let text):
            frame.push(text)
            return LOUPE_RAISE_WHERE.rawValue
        case .argument(let index, let text):
            frame.push(text)
            badarg.pointee = index
            return LOUPE_ARG_ERROR.rawValue
        case .type(let index, let expected):
            frame.push(expected)
            badarg.pointee = index
            return LOUPE_TYPE_ERROR.rawValue
        case .value(let value):
            frame.push(value)
            return LOUPE_RAISE.rawValue
        }
    }
}
