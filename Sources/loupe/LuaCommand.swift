import ArgumentParser
import LoupeBindings
import LoupeEngine
import LuaRuntime

#if canImport(Glibc)
import Glibc
#endif

/// `loupe lua`: evaluate Lua in the sandbox and print the results.
struct LuaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lua",
        abstract: "Evaluate a Lua expression or chunk in the sandbox and print its results.",
        discussion: """
            As at the lua prompt, the text is first tried as an expression ('return <text>'), \
            then as statements. Results are printed on one line, separated by tabs, in Lua \
            syntax: strings quoted, tables as constructors. print() writes to standard output, \
            and so does emit{...}, as JSON. The whole scripting API is there: \
            loupe.document("text") makes a document to try it on.

            Examples:
              loupe lua '1 + 1'
              loupe lua 'return 1+1, "a\\0b", {x=1}'        # 2	"a\\0b"	{x = 1}
              loupe lua --raw '("na"):rep(4)'               # nananana
              loupe lua '#loupe.document("It rained. It stopped."):sentences()'   # 2
              echo 'for i = 1, 3 do print(i) end' | loupe lua -
            """
    )

    @Argument(help: "The Lua expression or chunk; '-' reads it from standard input.")
    var chunk: String

    @Flag(help: "Print string results as their raw bytes instead of Lua literals.")
    var raw = false

    @Flag(help: "Print the traceback of a runtime error.")
    var traceback = false

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions
    @OptionGroup(title: "Permissions") var permissions: PermissionOptions

    func run() throws {
        let source = chunk == "-" ? readAllStandardInput() : chunk
        let plugins = try permissions.plugins(scriptFolder: ".", corpus: [])
        do throws(LuaError) {
            let environment = try ScriptEnvironment(
                limits: limitOptions.limits, version: LoupeVersion.current, print: { print($0) },
                emit: { _, row in print(JSONWriter.string(.table(row))) },
                plugins: plugins)
            environment.phase = .interactive
            let lua = environment.state
            let sandbox = environment.sandbox
            let function: LuaReference
            if let expression = try? lua.load("return " + source, chunkName: "=eval", environment: sandbox) {
                function = expression
            } else {
                function = try lua.load(source, chunkName: "=eval", environment: sandbox)
            }
            let formatter = LuaFormatter(quoteStrings: !raw)
            let line = try lua.call(.function(function), arguments: []) { results in
                (Int32(1)...max(results.count, 1)).prefix(Int(results.count)).map {
                    results.describe($0, formatter)
                }.joined(separator: "\t")
            }
            if !line.isEmpty { print(line) }
        } catch {
            Diagnostics.error("loupe: " + (traceback ? error.fullDescription : error.message))
            throw ExitCode(ExitStatus.failure)
        }
    }
}

/// All of standard input, as text.
func readAllStandardInput() -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(0, &buffer, buffer.count)
        if n <= 0 { break }
        bytes += buffer[..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}
