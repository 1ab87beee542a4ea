import Aggregates
import LuaRuntime

/// Where a script is, which decides what it may do with aggregates.
///
/// Workers run the top level, then `document(doc)` for their share of the corpus; `finish`
/// runs once, on the merged results. So aggregates are created at the top level (the same
/// ones, in the same order, in every worker), written while documents run (each worker sees
/// only its own documents, so reading then would give results that depend on the split),
/// and read in `finish`.
public enum ScriptPhase: Sendable {
    /// The script's top level: aggregates can be created, not written or read.
    case topLevel
    /// `document(doc)` runs: aggregates can be added to, not read.
    case document
    /// `finish(report)` runs on the merged results: aggregates can be read, not added to.
    case finish
    /// A REPL or `loupe lua`: one process sees everything, so anything goes.
    case interactive
}

/// The aggregates of one script environment and the phase it is in, shared by the
/// environment and the aggregates' userdata (which must not keep the environment alive).
final class AggregateStore {
    var set = AggregateSet()
    var phase = ScriptPhase.topLevel
    /// The words of the last unit a corpus statistic counted, for the next ones.
    var words = WordCache()
}

/// What a `Counter`, `Set`, `Histogram`, `List` or `Stats` userdata holds: which aggregate of
/// which store it is. Every access goes through ``write(_:_:argument:_:)`` or
/// ``read(_:_:)``, which enforce the phase rules.
final class AggregateHandle {
    let store: AggregateStore
    let index: Int

    init(store: AggregateStore, index: Int) {
        self.store = store
        self.index = index
    }

    /// The name the script gave the aggregate, if any.
    var name: String? { store.set.entries[index]?.name }

    /// Changes the aggregate, which is a `Value`; `operation` (`"counter:add"`) names it in
    /// messages, and an invalid value is reported as a bad `argument`.
    func write<Value: AggregateValue>(
        _: Value.Type, _ operation: String, argument: Int32, _ body: (inout Value) throws(AggregateError) -> Void
    ) throws(LuaCallError) {
        switch store.phase {
        case .document, .interactive: break
        case .topLevel:
            throw .message("\(operation): add to aggregates in document(doc), not at the top level (every worker runs the top level, so it would count once per worker)")
        case .finish:
            throw .message("\(operation): aggregates are read-only in finish(report); add to them in document(doc)")
        }
        do throws(AggregateError) {
            _ = try store.set.modify(at: index, as: Value.self, body)
        } catch {
            if case .invalid(let text) = error { throw .argument(argument, text) }
            throw .message("\(operation): \(error)")
        }
    }

    /// The aggregate's value, for reading; `operation` (`"counter:top"`) names it in messages.
    func read<Value: AggregateValue>(_: Value.Type, _ operation: String) throws(LuaCallError) -> Value {
        switch store.phase {
        case .finish, .interactive: break
        case .topLevel:
            throw .message("\(operation): aggregates have results only in finish(report), once every document has run")
        case .document:
            throw .message("\(operation): aggregates cannot be read in document(doc): each worker sees only its own documents, so results exist only in finish(report)")
        }
        guard let value = store.set.aggregate(at: index)?.value(as: Value.self) else {
            throw .message("\(operation): this aggregate is gone")
        }
        return value
    }

    /// `Counter('speakers')` or `Counter(#2)`: which aggregate, never its contents (which
    /// depend on the phase).
    func description(_ className: String) -> String {
        "\(className)(\(name.map { "'\($0)'" } ?? "#\(index + 1)"))"
    }
}

/// The `loupe.counter`, `loupe.set`, `loupe.histogram`, `loupe.list` and `loupe.stats`
/// constructors.
enum AggregateBinding {
    /// A constructor: `configure` reads the arguments and returns the empty aggregate and its
    /// name; the new aggregate is pushed as an instance of `luaClass`.
    static func constructor(
        _ function: String, in state: LuaState, store: AggregateStore, luaClass: LuaClass<AggregateHandle>,
        configure: @escaping (LuaFrame) throws(LuaCallError) -> (Aggregate, name: String?)
    ) -> LuaValue {
        state.function { frame in
            guard store.phase == .topLevel || store.phase == .interactive else {
                throw LuaCallError.message(
                    "\(function): create aggregates at the script's top level, outside document(doc) and finish(report), so that every worker creates the same ones in the same order")
            }
            let (aggregate, name) = try configure(frame)
            do throws(AggregateError) {
                let index = try store.set.create(aggregate, name: name)
                frame.push(AggregateHandle(store: store, index: index), as: luaClass)
                return 1
            } catch {
                throw LuaCallError.argument(1, error.description)
            }
        }
    }

    /// Reads the optional name at argument 1 of `loupe.counter([name])` and the like.
    static func named(_ empty: Aggregate) -> (LuaFrame) throws(LuaCallError) -> (Aggregate, name: String?) {
        { frame throws(LuaCallError) in (empty, try frame.optionalString(1)) }
    }

    /// Installs the constructors in the `loupe` table; returns its callable tables
    /// (`loupe.stats`) with their `__call`.
    static func install(
        in loupe: LuaReference, state: LuaState, store: AggregateStore
    ) -> [(table: LuaReference, call: LuaValue)] {
        loupe.rawSet("counter", constructor("loupe.counter", in: state, store: store, luaClass: CounterClass.luaClass,
                                            configure: named(.counter(Counter()))))
        loupe.rawSet("set", constructor("loupe.set", in: state, store: store, luaClass: SetClass.luaClass,
                                        configure: named(.set(KeySet()))))
        loupe.rawSet("list", constructor("loupe.list", in: state, store: store, luaClass: ListClass.luaClass,
                                         configure: named(.list(ItemList()))))
        // `loupe.stats` is a callable table: the numeric summary, and the corpus statistics.
        let stats = CorpusStatsBinding.install(in: loupe, state: state, store: store)
        loupe.rawSet("histogram", constructor("loupe.histogram", in: state, store: store, luaClass: HistogramClass.luaClass,
                                              configure: HistogramClass.configure))
        return [stats]
    }

    /// The classes to register in a state.
    static let classes = [
        CounterClass.luaClass, SetClass.luaClass, HistogramClass.luaClass, ListClass.luaClass, StatsClass.luaClass,
    ] + CorpusStatsBinding.classes

    /// The constructors' documentation, for ``LoupeAPI/module``.
    static let functions: [LoupeAPI.Function] = [
        LoupeAPI.Function(name: "loupe.counter", doc: LuaDoc(
            "Makes a counter: counts per key (a string or a number), merged across workers.",
            details: creationRules,
            parameters: [.init("name", "string", "a name, unique in the script", optional: true)],
            results: [.init("Counter", "")],
            example: "local speakers = loupe.counter(\"speakers\")\nfunction document(doc) speakers:add(\"Sessions\") end\nfunction finish(report) report:table(\"Most quoted\", speakers:top(20)) end")),
        LoupeAPI.Function(name: "loupe.set", doc: LuaDoc(
            "Makes a set: distinct keys (strings or numbers), merged across workers.",
            details: creationRules,
            parameters: [.init("name", "string", "a name, unique in the script", optional: true)],
            results: [.init("Set", "")],
            example: "local outlets = loupe.set()\nfunction document(doc) outlets:add(doc.meta.outlet or \"?\") end")),
        LoupeAPI.Function(name: "loupe.histogram", doc: LuaDoc(
            "Makes a histogram: counts of numbers in fixed bins, merged across workers.",
            details: creationRules + " Give `min`, `max` and either `bins` (equal bins, at most 100,000) or `width`.",
            parameters: [.init("options", "{min: number, max: number, bins: integer?, width: number?, name: string?}", "where the bins lie, and an optional name")],
            results: [.init("Histogram", "")],
            example: "local lengths = loupe.histogram{min = 0, max = 100, bins = 10}")),
        LoupeAPI.Function(name: "loupe.list", doc: LuaDoc(
            "Makes a list: values in document order, merged across workers.",
            details: creationRules,
            parameters: [.init("name", "string", "a name, unique in the script", optional: true)],
            results: [.init("List", "")],
            example: "local headlines = loupe.list()\nfunction document(doc) headlines:add(doc.meta.title) end")),
        LoupeAPI.Function(name: "loupe.stats", doc: LuaDoc(
            "Makes a summary of numbers: count, exact sum, minimum, maximum and mean, merged across workers.",
            details: creationRules + " `loupe.stats` is also a table holding the corpus statistics (`loupe.stats.frequencies` and the others below).",
            parameters: [.init("name", "string", "a name, unique in the script", optional: true)],
            results: [.init("Stats", "")],
            example: "local words = loupe.stats()\nfunction document(doc) words:add(#doc:tokens()) end\nfunction finish(report) print(words.mean) end")),
    ] + CorpusStatsBinding.functions

    /// What every aggregate's documentation says about when it can be used.
    static let creationRules = """
        Create aggregates at the script's top level (not in `document` or `finish`): their order \
        of creation is their identity in every worker. Add to them in `document(doc)`; read them \
        in `finish(report)`, where they hold the whole corpus, merged in corpus order, the same \
        whatever the number of workers or shards.
        """
}

extension LuaFrame {
    /// The counter or set key at argument `index`: a string or a number (NaN refused).
    func aggregateKey(_ index: Int32) throws(LuaCallError) -> AggregateKey {
        let kind = type(index)
        guard kind == .string || kind == .number else { throw .type(index, expected: "string or number") }
        guard let key = AggregateKey(try value(index)) else { throw .argument(index, "a key cannot be NaN") }
        return key
    }

    /// The number at argument `index`, kept an integer when it is one (numeric strings are
    /// converted, as Lua's own functions convert them).
    func statsNumber(_ index: Int32) throws(LuaCallError) -> StatsNumber {
        switch try value(index) {
        case .integer(let i): return .integer(i)
        case .number(let d): return .float(d)
        case .string:
            if let i = try? integer(index) { return .integer(i) }
            return .float(try number(index))
        default: throw .type(index, expected: "number")
        }
    }

    /// Pushes a list of keys as a Lua array.
    func push(keys: [AggregateKey]) {
        push(LuaValue.table(LuaTable(sequence: keys.map(\.value))))
    }
}
