/// How much a call into Lua may use before it is stopped.
///
/// The instruction budget is counted per outermost call from the host (every
/// ``LuaState/call(_:_:)`` starts afresh); the memory cap applies to the whole state.
/// When either trips, the call fails with ``LuaError/Kind/instructionLimit`` or
/// ``LuaError/Kind/memoryLimit`` and a message naming the limit and ``instructionHint`` or
/// ``memoryHint`` (how the user raises it); the state stays usable for the next call.
public struct LuaLimits: Equatable, Sendable {
    /// Lua VM instructions one call may run; `nil` for no limit.
    ///
    /// Counting has a price: while a budget is counted, Lua 5.4 sends every instruction
    /// through its hook dispatcher, and pure-Lua loops run about 2.4 times slower (time spent
    /// in library functions such as `gmatch` is unaffected). Without a budget, runaway code
    /// is stopped only by ``LuaState/interrupt()`` (and, in the runner, by the per-document
    /// deadline); an interrupt does not reach a coroutine that never returns to the caller.
    public var instructions: Int?
    /// Bytes the state may hold; `nil` for no limit.
    public var memory: Int?
    /// How to raise the instruction budget, quoted in its error (e.g. `"--max-instructions"`).
    public var instructionHint: String
    /// How to raise the memory cap, quoted in its error (e.g. `"--max-memory"`).
    public var memoryHint: String

    /// Limits with the given budget and cap.
    public init(
        instructions: Int? = LuaLimits.defaultInstructions,
        memory: Int? = LuaLimits.defaultMemory,
        instructionHint: String = "LuaLimits.instructions",
        memoryHint: String = "LuaLimits.memory"
    ) {
        self.instructions = instructions
        self.memory = memory
        self.instructionHint = instructionHint
        self.memoryHint = memoryHint
    }

    /// No limits at all: for trusted code only.
    public static let none = LuaLimits(instructions: nil, memory: nil)

    /// 200,000,000 instructions: about a second of pure Lua (counting slows Lua down about
    /// twofold), and far more than a script needs for one document.
    public static let defaultInstructions = 200_000_000
    /// 512 MiB.
    public static let defaultMemory = 512 << 20

    var instructionMessage: String {
        guard let instructions else { return "instruction limit exceeded" }
        return "instruction limit exceeded (\(Self.formatCount(instructions)) instructions;"
            + " raise it with \(instructionHint))"
    }

    var memoryMessage: String {
        guard let memory else { return "memory limit exceeded" }
        return "memory limit exceeded (\(Self.formatBytes(memory)); raise it with \(memoryHint))"
    }

    /// `1500000` → `"1,500,000"`.
    public static func formatCount(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `268435456` → `"256 MiB"`; exact binary multiples print without decimals.
    public static func formatBytes(_ n: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(n) bytes" }
        if value == value.rounded() { return "\(Int(value)) \(units[unit])" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
