import ArgumentParser
import LuaRuntime

/// The options that bound what Lua code may use, shared by every command that runs Lua.
struct LimitOptions: ParsableArguments {
    @Option(
        name: .customLong("max-instructions"),
        help: ArgumentHelp(
            "Lua instructions one call may run (a script's document(doc), or an eval chunk); 0 for no limit. Suffixes k, m, g (×1000).",
            valueName: "count"))
    var maxInstructions: Quantity = Quantity(LuaLimits.defaultInstructions)

    @Option(
        name: .customLong("max-memory"),
        help: ArgumentHelp(
            "Memory the Lua state may hold; 0 for no limit. Suffixes K, M, G (×1024).",
            valueName: "size"))
    var maxMemory: Quantity = Quantity(LuaLimits.defaultMemory)

    /// The limits these options describe, with hints naming the options.
    var limits: LuaLimits {
        LuaLimits(
            instructions: maxInstructions.value == 0 ? nil : maxInstructions.value,
            memory: maxMemory.value == 0 ? nil : maxMemory.value,
            instructionHint: "--max-instructions",
            memoryHint: "--max-memory")
    }
}

/// A number with an optional suffix: lower-case k, m, g multiply by powers of 1,000
/// (`500m` instructions), upper-case K, M, G by powers of 1,024 (`512M` of memory).
struct Quantity: ExpressibleByArgument, Equatable {
    var value: Int
    private var text: String

    init(_ value: Int) {
        self.value = value
        // Shown as the default in --help: 64M rather than 67108864, 200m rather than 200000000.
        if value >= 1 << 20, value % (1 << 20) == 0 {
            text = "\(value >> 20)M"
        } else if value >= 1_000_000, value % 1_000_000 == 0 {
            text = "\(value / 1_000_000)m"
        } else {
            text = String(value)
        }
    }

    init?(argument: String) {
        guard let value = Quantity.parse(argument) else { return nil }
        self.value = value
        self.text = argument
    }

    var defaultValueDescription: String { text }

    /// Accepts digits (with `_` or `,` as separators) and one suffix: k/K, m/M, g/G.
    static func parse(_ text: String) -> Int? {
        var digits = Substring(text)
        var exponent = 0
        if let last = digits.last, last.isLetter {
            switch last.lowercased() {
            case "k": exponent = 1
            case "m": exponent = 2
            case "g": exponent = 3
            default: return nil
            }
            digits = digits.dropLast()
        }
        guard let n = Int(digits.filter { $0 != "_" && $0 != "," }), n >= 0 else { return nil }
        // Upper-case suffixes are binary (sizes: 1K = 1,024), lower-case decimal (1k = 1,000).
        let base = text.last?.isUppercase == true ? 1024 : 1000
        var value = n
        for _ in 0..<exponent {
            let (product, overflow) = value.multipliedReportingOverflow(by: base)
            if overflow { return nil }
            value = product
        }
        return value
    }
}
