import Testing

@testable import LoupeRepl

/// Top-level `local`s become session variables; nested ones stay local.
@Suite struct SessionLocalsTests {
    @Test(arguments: [
        ("local x = 1", " x = 1"),
        ("local a, b = 1, 2", " a, b = 1, 2"),
        ("local x", " x = nil"),
        ("local a, b", " a, b = nil"),
        ("local n <const> = 3", " n  = 3"),
        ("local function f() return 1 end", " function f() return 1 end"),
        ("local x = 1; local y = x", " x = 1;  y = x"),
        ("print('local x = 1')", "print('local x = 1')"),
        ("-- local x = 1\nlocal y = [[local z]]", "-- local x = 1\n y = [[local z]]"),
    ])
    func topLevelLocalsAreRewritten(typed: String, compiled: String) {
        #expect(SessionLocals.rewrite(typed) == compiled)
    }

    @Test func localsInsideBlocksStayLocal() {
        let chunk = "function f() local x = 1 return x end\nfor i = 1, 2 do local y = i end\nif a then local z = 1 end"
        #expect(SessionLocals.rewrite(chunk) == chunk)
        #expect(SessionLocals.rewrite("do local x = 1 end local y = 2") == "do local x = 1 end  y = 2")
    }
}
