import Aggregates
import LuaRuntime

/// `Stats`: count, sum, minimum, maximum and mean, made by `loupe.stats()`.
enum StatsClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "Stats",
        summary: "A summary of numbers, merged across workers: add in `document(doc)`, read the fields in `finish(report)`. The sum is exact and rounded once, so it is the same whatever the number of workers or shards.")
        .method("add", LuaDoc(
            "Adds a number (not NaN).",
            parameters: [.init("x", "number", "the number")],
            example: "words:add(#doc:tokens())")) { stats, frame in
            let number = try frame.statsNumber(2)
            try stats.write(Stats.self, "stats:add", argument: 2) { (value: inout Stats) throws(AggregateError) in
                try value.add(number)
            }
            return 0
        }
        .field("count", "integer", LuaDoc("How many numbers were added.")) { stats, frame in
            frame.returning(try stats.read(Stats.self, "stats.count").count)
        }
        .field("sum", "number", LuaDoc(
            "Their sum, rounded once from the exact sum: an integer when only integers were added and the sum fits in one.")) {
            stats, frame in frame.returning(try stats.read(Stats.self, "stats.sum").sum.value)
        }
        .field("min", "number?", LuaDoc("The smallest, nil when none was added.")) { stats, frame in
            frame.returning(try stats.read(Stats.self, "stats.min").minimum?.value ?? .nil)
        }
        .field("max", "number?", LuaDoc("The largest, nil when none was added.")) { stats, frame in
            frame.returning(try stats.read(Stats.self, "stats.max").maximum?.value ?? .nil)
        }
        .field("mean", "number?", LuaDoc("The mean (the sum divided by the count), nil when none was added.")) { stats, frame in
            frame.returning(try stats.read(Stats.self, "stats.mean").mean.map(LuaValue.number) ?? .nil)
        }
        .metamethod("__tostring", LuaDoc("`Stats('words')`, or `Stats(#2)` when unnamed.")) { stats, frame in
            frame.returning(stats.description("Stats"))
        }
}
