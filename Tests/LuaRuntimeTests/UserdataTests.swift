import LoupeTestSupport
import LuaRuntime
import Testing

/// Swift objects appear in Lua as userdata with methods, properties and metamethods.
@Suite struct UserdataTests {
    let box: Sandboxed
    let counter = LifetimeCounter()
    static let trackedClass = LuaClass<Tracked>("Tracked", summary: "A tracked object.")
        .field("number", "integer", LuaDoc("Its number."), get: { object, frame in frame.returning(object.number) })
        .field(
            "label", "string", LuaDoc("Its label."), get: { object, frame in frame.returning(object.label) },
            set: { object, frame in object.label = try frame.string(1) })
        .method("add", LuaDoc("Adds to the number.")) { object, frame in
            object.number += Int(try frame.integer(2))
            return frame.returning(object.number)
        }
        .metamethod("__len", LuaDoc("The label's length.")) { object, frame in frame.returning(object.label.count) }
        .metamethod("__tostring", LuaDoc("Shows the label.")) { object, frame in
            frame.returning("Tracked(\(object.label))")
        }

    init() throws {
        box = try Sandboxed()
        box.lua.register(Self.trackedClass)
        let counter = counter
        box.env.rawSet("make", box.lua.function { frame in
            let object = counter.make(try frame.optionalString(1) ?? "")
            frame.push(object, as: Self.trackedClass)
            return 1
        })
    }

    @Test func propertiesAndMethods() throws {
        #expect(try box.run("""
            local t = make("Sessions")
            t:add(2); t:add(3)
            t.label = "Rosenstein"
            return t.number, t.label, #t, tostring(t)
            """) == [5, "Rosenstein", 10, "Tracked(Rosenstein)"])
    }

    @Test func unknownFieldsAreErrorsNamingTheClass() throws {
        #expect(box.error("return make().nubmer")?.message == "test:1: no field 'nubmer' in Tracked")
        #expect(box.error("make().number = 3")?.message == "test:1: cannot set field 'number' in Tracked")
        #expect(box.error("make()[1] = 3")?.message == "test:1: cannot set field of type number in Tracked")
    }

    @Test func badSelfAndBadArgumentsUseLuasGrammar() throws {
        #expect(box.error("local t = make() t.add({}, 1)")?.message
            == "test:1: bad argument #1 to 'add' (Tracked expected, got table)")
        #expect(box.error("local t = make() t:add('x')")?.message
            == "test:1: bad argument #1 to 'add' (number expected, got string)")
        #expect(box.error("make().label = {}")?.message
            == "test:1: bad value for field 'label' in Tracked (string expected, got table)")
        #expect(box.error("make().label = make()")?.message
            == "test:1: bad value for field 'label' in Tracked (string expected, got Tracked)")
    }

    @Test func theMetatableIsLockedAndIdentityIsKept() throws {
        #expect(try box.run("""
            local t = make()
            return getmetatable(t), t == t, make() == make()
            """) == [false, true, false])
    }

    @Test func objectsAreReleasedWhenLuaDropsThem() throws {
        try box.run("for i = 1, 1000 do local t = make() t:add(i) end")
        #expect(counter.created == 1000)
        box.lua.collectGarbage()
        #expect(counter.alive == 0)
    }

    @Test func closingTheStateReleasesEverything() throws {
        let counter = LifetimeCounter()
        do {
            let lua = LuaState()
            lua.register(Self.trackedClass)
            let keep = lua.function { frame in
                frame.push(counter.make(), as: Self.trackedClass)
                return 1
            }
            let chunk = try lua.load("local make = ... kept = {} for i = 1, 10 do kept[i] = make() end", chunkName: "=t")
            try lua.call(.function(chunk), keep)
            #expect(counter.alive == 10)
        }
        #expect(counter.alive == 0)
    }
}

/// Value classes: plain structs copied into userdata, with owners, fallbacks and caches.
@Suite struct ValueClassTests {
    struct Point: Equatable { var x: Int; var y: Int }
    static let pointClass = LuaClass<Point>(value: "Point", summary: "A point.")
        .field("x", "integer", LuaDoc("Across."), get: { point, frame in frame.returning(point.x) })
        .field("y", "integer", LuaDoc("Down."), get: { point, frame in frame.returning(point.y) })
        .fallback { point, frame in
            // point[1] is x, point[2] is y, anything else nil.
            switch try? frame.integer(2) {
            case 1: frame.returning(point.x)
            case 2: frame.returning(point.y)
            default: frame.returning(LuaValue.nil)
            }
        }
    static let trackedClass = LuaClass<Tracked>("Tracked")
        .field("label", "string", LuaDoc("Its label, cached."), get: { object, frame in
            frame.cached(1, key: "label") { frame.push(object.label + "!") }
            return 1
        })

    @Test func valuesAreCopiedAndComparedByContent() throws {
        let box = try Sandboxed()
        box.lua.register(Self.pointClass)
        box.env.rawSet("point", box.lua.function { frame in
            frame.push(Point(x: Int(try frame.integer(1)), y: Int(try frame.integer(2))), as: Self.pointClass)
            return 1
        })
        #expect(try box.run("local p = point(3, 4) return p.x, p.y, p[1], p[2], p[3], point(1, 2) == point(1, 2), point(1, 2) == point(2, 1)")
            == [3, 4, 3, 4, .nil, true, false])

    }

    @Test func aValueKeepsItsOwnerAlive() throws {
        let counter = LifetimeCounter()
        let box = try Sandboxed()
        box.lua.register(Self.pointClass)
        box.lua.register(Self.trackedClass)
        box.env.rawSet("owned", box.lua.function { frame in
            frame.push(counter.make("owner"), as: Self.trackedClass)
            frame.push(Point(x: 1, y: 2), as: Self.pointClass, owner: -1)
            return 1
        })
        try box.run("kept = owned()")
        box.lua.collectGarbage()
        #expect(counter.alive == 1)
        try box.run("kept = nil")
        box.lua.collectGarbage()
        #expect(counter.alive == 0)
    }

    @Test func cachedValuesAreComputedOnce() throws {
        let counter = LifetimeCounter()
        let box = try Sandboxed()
        box.lua.register(Self.trackedClass)
        let object = counter.make("x")
        box.env.rawSet("object", box.lua.function { frame in
            frame.push(object, as: Self.trackedClass)
            return 1
        })
        #expect(try box.run("local o = object() local a = o.label; o = nil; return a") == ["x!"])
        object.label = "changed"
        // The same userdata keeps its cache; a new one computes afresh.
        #expect(try box.run("local o = object() local a = o.label local b = o.label return a, b") == ["changed!", "changed!"])
    }

    @Test func documentationIsCollected() {
        let info = Self.pointClass.info
        #expect(info.name == "Point")
        #expect(info.members.map(\.name) == ["x", "y"])
        #expect(info.members.first?.type == "integer")
        #expect(UserdataTests.trackedClass.info.members.map(\.kind) == [.field, .field, .method, .metamethod, .metamethod])
    }
}
