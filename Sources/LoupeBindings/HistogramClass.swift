import Aggregates
import LuaRuntime

/// `Histogram`: counts of numbers in fixed bins, made by `loupe.histogram{…}`.
enum HistogramClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "Histogram",
        summary: "Counts of numbers in fixed bins, merged across workers: add in `document(doc)`, read in `finish(report)`. A bin holds `lo <= x < hi`; the last also holds `max`.")
        .method("add", LuaDoc(
            "Counts a number (not NaN) in its bin, or as underflow (below `min`) or overflow (above `max`).",
            parameters: [.init("x", "number", "the number")],
            example: "lengths:add(#doc:sentences())")) { histogram, frame in
            let x = try frame.number(2)
            try histogram.write(Histogram.self, "histogram:add", argument: 2) { (value: inout Histogram) throws(AggregateError) in
                try value.add(x)
            }
            return 0
        }
        .method("bins", LuaDoc(
            "Every bin in order, with its edges and count (empty bins included).",
            results: [.init("{lo: number, hi: number, count: integer}[]", "")],
            example: "for _, b in ipairs(lengths:bins()) do print(b.lo, b.hi, b.count) end")) { histogram, frame in
            let bins = try histogram.read(Histogram.self, "histogram:bins").bins
            frame.push(LuaValue.table(LuaTable(sequence: bins.map { bin in
                .table(LuaTable(["lo": .number(bin.lo), "hi": .number(bin.hi), "count": .integer(bin.count)]))
            })))
            return 1
        }
        .field("underflow", "integer", LuaDoc("How many numbers fell below `min`.")) { histogram, frame in
            frame.returning(try histogram.read(Histogram.self, "histogram.underflow").underflow)
        }
        .field("overflow", "integer", LuaDoc("How many numbers fell above `max`.")) { histogram, frame in
            frame.returning(try histogram.read(Histogram.self, "histogram.overflow").overflow)
        }
        .field("count", "integer", LuaDoc("How many numbers were counted, under- and overflow included.")) { histogram, frame in
            frame.returning(try histogram.read(Histogram.self, "histogram.count").total)
        }
        .metamethod("__tostring", LuaDoc("`Histogram('lengths')`, or `Histogram(#2)` when unnamed.")) { histogram, frame in
            frame.returning(histogram.description("Histogram"))
        }

    /// Reads `loupe.histogram{min =, max =, bins = | width =, name =}`.
    static func configure(_ frame: LuaFrame) throws(LuaCallError) -> (Aggregate, name: String?) {
        let options = try frame.table(1)
        func number(_ field: String) throws(LuaCallError) -> Double? {
            switch options[field] {
            case .nil: return nil
            case .integer(let i): return Double(i)
            case .number(let d): return d
            case let other: throw .argument(1, "field '\(field)' must be a number, not a \(other.typeName)")
            }
        }
        guard let min = try number("min"), let max = try number("max") else {
            throw .argument(1, "a histogram needs min and max, as in loupe.histogram{min = 0, max = 100, bins = 10}")
        }
        let name: String?
        switch options["name"] {
        case .nil: name = nil
        case .string(let s): name = s.text
        case let other: throw .argument(1, "field 'name' must be a string, not a \(other.typeName)")
        }
        let bins: Int?
        switch options["bins"] {
        case .nil: bins = nil
        case .integer(let i): bins = Int(clamping: i)
        case .number(let d) where Int(exactly: d) != nil: bins = Int(d)
        case let other: throw .argument(1, "field 'bins' must be an integer, not \(other.typeName == "number" ? "a fraction" : "a " + other.typeName)")
        }
        let width = try number("width")
        do throws(AggregateError) {
            let configuration: Histogram.Configuration
            switch (bins, width) {
            case (let bins?, nil): configuration = try .init(min: min, max: max, bins: bins)
            case (nil, let width?): configuration = try .init(min: min, max: max, width: width)
            default: throw AggregateError.invalid("give either bins or width, as in loupe.histogram{min = 0, max = 100, bins = 10}")
            }
            return (.histogram(Histogram(configuration)), name)
        } catch {
            throw .argument(1, error.description)
        }
    }
}
