// loupe-bench: what crossing between Lua and Swift costs, next to plain C doing the same.
//
//   make bench            (builds in release mode and runs this)
//   LoupeBench spans      (only the cost of visiting spans in Lua)
//   LoupeBench runner     (only whole `loupe run` processes next to plain lua5.4)
//   LoupeBench extractors (only the bundled extractor plugins on the corpus)
//
// Each figure is the best of several rounds, in nanoseconds per call, with the cost of the
// surrounding loop measured separately and subtracted.
import CLuaBench
import CLuaShim
import Foundation
import LuaRuntime

let calls = 5_000_000
let rounds = 5

/// The best of `rounds` timings of `body`, in seconds.
func best(_ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return fastest
}

func nanoseconds(_ seconds: Double, _ n: Int) -> Double { seconds * 1e9 / Double(n) }

func row(_ name: String, _ ns: Double, reference: Double? = nil) {
    let ratio = reference.map { String(format: "%.2f×", ns / $0) } ?? "1.00×"
    print(name.padding(toLength: 52, withPad: " ", startingAt: 0)
        + String(format: "%9.1f ns/call   ", ns) + ratio)
}

/// The call costs: Lua → host, host → Lua, and Lua itself next to plain lua5.4.
enum CallCosts {
    static func run() {
        let lua = LuaState(limits: .none)
        let L = lua.unsafeRawState
        loupe_bench_pushadd(L)
        lua_setglobal(L, "cadd")
        lua.globals.rawSet("swiftadd", lua.function { frame in
            frame.returning(try frame.integer(1) + frame.integer(2))
        })

        /// Times a Lua loop calling `callee` (a global) `calls` times.
        func luaLoop(_ lua: LuaState, _ callee: String) throws -> Double {
            let body = callee.isEmpty ? "local x = i + 1" : "local x = \(callee)(i, 1)"
            let chunk = try lua.load("""
                local cadd, swiftadd, luaadd = cadd, swiftadd, luaadd
                for i = 1, \(calls) do \(body) end
                """, chunkName: "=bench")
            let start = DispatchTime.now().uptimeNanoseconds
            try lua.call(.function(chunk))
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }

        do {
            try lua.call(.function(try lua.load("function luaadd(a, b) return a + b end", chunkName: "=setup")))
            print("Loupe \(calls.formatted()) calls, best of \(rounds) rounds (Lua \(LUA_VERSION_MAJOR).\(LUA_VERSION_MINOR))")
            print()
            print("Lua → host function (loop overhead subtracted)")
            // Interleave the variants round by round, so that a slow moment of the machine
            // does not fall on one of them only.
            var fastest: [String: Double] = [:]
            for _ in 0..<rounds {
                for callee in ["", "cadd", "swiftadd", "luaadd"] {
                    fastest[callee] = min(fastest[callee] ?? .infinity, try luaLoop(lua, callee))
                }
            }
            let loop = fastest[""]!
            let cCall = nanoseconds(fastest["cadd"]! - loop, calls)
            let swiftCall = nanoseconds(fastest["swiftadd"]! - loop, calls)
            let luaCall = nanoseconds(fastest["luaadd"]! - loop, calls)
            row("  plain C function (lua_CFunction)", cCall)
            row("  Swift function through the trampoline", swiftCall, reference: cCall)
            row("  Lua function (for scale)", luaCall, reference: cCall)

            print()
            print("Host → Lua function")
            lua_getglobal(L, "luaadd")
            let ref = luaL_ref(L, loupe_registryindex())
            let cHost = nanoseconds(best { _ = loupe_bench_call_lua(L, ref, Int64(calls)) }, calls)
            let luaadd = try lua.globals.rawGet("luaadd")
            let swiftCalls = calls / 10
            let swiftHost = nanoseconds(try best {
                for i in 0..<swiftCalls { _ = try lua.call(luaadd, .integer(Int64(i)), 1) }
            }, swiftCalls)
            row("  plain C host (lua_pcall)", cHost)
            row("  Swift LuaState.call (limits, traceback, snapshot)", swiftHost, reference: cHost)

            print()
            print("Lua code itself: the same loop of Lua calls, \(calls.formatted()) iterations")
            if let plain = plainLuaLoop() {
                row("  plain lua5.4 interpreter (reference)", plain)
                lua.limits = LuaLimits(instructions: 1 << 60, memory: nil)
                let counted = try (0..<rounds).map { _ in try luaLoop(lua, "luaadd") }.min()!
                row("  Loupe, instruction budget counted", nanoseconds(counted, calls), reference: plain)
                row("  Loupe, no instruction budget", nanoseconds(fastest["luaadd"]!, calls), reference: plain)
            } else {
                print("  plain lua5.4 interpreter: not found (apt-get install lua5.4)")
            }

            print()
            print(String(format: "Peak memory of this benchmark: %.1f MiB resident", Double(peakResidentBytes()) / 1_048_576))
            if swiftCall > 2 * cCall {
                print("NOTE: the trampoline costs more than 2× a plain C function on this run.")
            }
        } catch {
            print("bench failed: \(error)")
            exit(1)
        }
    }
}

// `LoupeBench segment`, `spans` or `worker` runs one table alone, to iterate on it;
// `LoupeBench repl` only the REPL's start-up time.
if let part = ["segment": CorpusBench.Part.segment, "spans": .spans, "worker": .worker, "runner": .runner, "extractors": .extractors][CommandLine.arguments.dropFirst().first ?? ""] {
    CorpusBench.run(only: part)
} else if CommandLine.arguments.dropFirst().first == "repl" {
    ReplStartupBench.run()
} else {
    CallCosts.run()
    print()
    CorpusBench.run()
    print()
    ReplStartupBench.run()
}

/// The same Lua loop run by the plain `lua5.4` interpreter, in ns per iteration (best of
/// `rounds`), or nil when the interpreter is not installed.
func plainLuaLoop() -> Double? {
    let script = """
        local function luaadd(a, b) return a + b end
        local best = math.huge
        for round = 1, \(rounds) do
          local t0 = os.clock()
          for i = 1, \(calls) do local x = luaadd(i, 1) end
          best = math.min(best, os.clock() - t0)
        end
        print(best)
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/lua5.4")
    process.arguments = ["-e", script]
    let output = Pipe()
    process.standardOutput = output
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return Double(text).map { nanoseconds($0, calls) }
}

func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}
