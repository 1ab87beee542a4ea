import LoupeTestSupport
import Testing

/// `loupe lua`, `--help`, `--version` and exit codes, driven through the real binary.
@Suite struct LuaCommandTests {
    @Test func printsResultsLikeTheLuaPrompt() throws {
        let result = try runLoupe(["lua", #"return 1+1, "a\0b", {x=1}"#])
        #expect(result.stdout == "2\t\"a\\0b\"\t{x = 1}\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func aModuleTablePrintsAsItsContentsThoughReadOnly() throws {
        let environment = ["XDG_DATA_HOME": "/nonexistent/xdg", "LOUPE_BUNDLED_PLUGINS": repositoryRoot.appendingPathComponent("plugins").path]
        let result = try runLoupe(["lua", #"local f = require "figures"; return pcall(function() f.annotate = nil end)"#],
            environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("false\t"), "\(result.stdout)")
        #expect(result.stdout.contains("module 'figures' is read-only outside its plugin: cannot set 'annotate'"))
        let shown = try runLoupe(["lua", #"return require "figures""#], environment: environment)
        #expect(shown.stdout.hasPrefix("{annotate = function: "), "\(shown.stdout)")
    }

    @Test func expressionsNeedNoReturn() throws {
        #expect(try runLoupe(["lua", "1 + 1"]).stdout == "2\n")
        #expect(try runLoupe(["lua", "local x = 2; print(x * 21)"]).stdout == "42\n")
        #expect(try runLoupe(["lua", "--raw", "('na'):rep(4)"]).stdout == "nananana\n")
    }

    @Test func readsTheChunkFromStandardInput() throws {
        let result = try runLoupe(["lua", "-"], stdin: "for i = 1, 3 do print(i) end\nreturn 'done'\n")
        #expect(result.stdout == "1\n2\n3\n\"done\"\n")
    }

    @Test func errorsGoToStandardErrorWithExitCode1() throws {
        let result = try runLoupe(["lua", "error('boom')"])
        #expect(result.stdout == "")
        #expect(result.stderr == "loupe: eval:1: boom\n")
        #expect(result.status == 1)
        let traced = try runLoupe(["lua", "--traceback", "local t = nil; return t.x"])
        #expect(traced.stderr.hasPrefix("loupe: eval:1: attempt to index a nil value (local 't')\nstack traceback:"))
    }

    @Test func hostileCodeEndsWithAOneLineErrorNamingTheLimit() throws {
        let loop = try runLoupe(["lua", "--max-instructions", "1m", "while true do end"])
        #expect(loop.stderr == "loupe: eval:1: instruction limit exceeded (1,000,000 instructions; raise it with --max-instructions)\n")
        #expect(loop.status == 1)
        let memory = try runLoupe(["lua", "--max-memory", "16M", "('x'):rep(1e9)"])
        #expect(memory.stderr == "loupe: memory limit exceeded (16 MiB; raise it with --max-memory)\n")
    }

    @Test func theSandboxAppliesToLua() throws {
        #expect(try runLoupe(["lua", "debug, os.getenv, dofile"]).stdout == "nil\tnil\tnil\n")
        // What the sandbox lacks says so, and names the permission of the way that exists.
        let open = try runLoupe(["lua", "local f = io.open('/etc/passwd')"])
        #expect(open.status == 1)
        #expect(open.stderr.hasPrefix("loupe: eval:1: io.open is not available in Loupe's sandbox: read files with loupe.fs.read(path)"))
        let read = try runLoupe(["lua", "local s = loupe.fs.read('/etc/passwd')"])
        #expect(read.stderr == "loupe: eval:1: loupe.fs.read: '/etc/passwd' is outside what the script may read (it has no 'fs.read' permission for it; grant it with 'loupe run --allow fs.read=/etc')\n")
        let execute = try runLoupe(["lua", "local ok = os.execute('id')"])
        #expect(execute.stderr.contains("os.execute is not available in Loupe's sandbox: run programs with loupe.exec{program, args...} (that needs the 'exec' permission)"))
    }

    @Test func usageErrorsExitWith2() throws {
        let missing = try runLoupe(["lua"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Missing expected argument"))
        let badOption = try runLoupe(["lua", "--max-memory", "lots", "1"])
        #expect(badOption.status == 2)
        #expect(try runLoupe(["frobnicate"]).status == 2)
    }

    @Test func helpShowsExamplesAndExitCodes() throws {
        let help = try runLoupe(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes"))
        #expect(help.stdout.contains("loupe run scripts/word-count.lua"))
        for command in ["lua", "run"] {
            let sub = try runLoupe([command, "--help"])
            #expect(sub.status == 0)
            #expect(sub.stdout.contains("Examples:"), "\(command) --help has examples")
            #expect(sub.stdout.contains("--max-instructions"))
        }
    }

    @Test func versionIsPrinted() throws {
        let result = try runLoupe(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: ".").count == 3)
    }
}
