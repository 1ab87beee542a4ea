import LoupeTestSupport
import LuaRuntime
import Testing

/// Swift objects appear in Lua as userdata with methods, properties and metamethods.
@Suite struct UserdataTests {
    let box: Sandboxed
    let counter = LifetimeCounter()
    static let trackedClass = LuaClass<Tracked>("Tracked")
        .property("number", get: { object, frame in frame.returning(object.number) })
        .property(
            "label", get: { object, frame in frame.returning(object.label) },
            set: { object, frame in object.label = try frame.string(1) })
        .method("add") { object, frame in
            object.number += Int(try frame.integer(2))
            return frame.returning(object.number)
        }
        .metamethod("__len") { object, frame in frame.returning(object.label.count) }
        .metamethod("__tostring") { object, frame in frame.returning("Tracked(\(object.label))") }

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
