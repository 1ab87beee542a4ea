import Foundation
import LuaRuntime

/// `loupe.fs` and `loupe.exec` for one caller: every function checks its path (or the `exec`
/// grant) against the caller's ``PathPolicy`` before touching anything, and works on the real
/// path it checked.
enum FileAccessBinding {
    /// The `loupe.fs` table of the caller `policy` describes.
    static func fsTable(in state: LuaState, policy: PathPolicy) -> LuaReference {
        let fs = state.newTable()
        fs.rawSet("read", state.function { frame in
            let path = try policy.readablePath(try frame.string(1), function: "loupe.fs.read")
            return frame.returning(try readText(path, frame: frame, function: "loupe.fs.read"))
        })
        fs.rawSet("lines", state.function { frame in
            let path = try policy.readablePath(try frame.string(1), function: "loupe.fs.lines")
            let text = try readText(path, frame: frame, function: "loupe.fs.lines")
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
            if text.hasSuffix("\n") { lines.removeLast() }
            var next = 0
            // The frame's state, not the captured one: a closure kept by Lua that held its own
            // state would keep it alive for ever.
            frame.push(frame.state.function { frame in
                guard next < lines.count else { frame.pushNil(); return 1 }
                next += 1
                return frame.returning(lines[next - 1])
            })
            return 1
        })
        fs.rawSet("exists", state.function { frame in
            let path = try policy.readablePath(try frame.string(1), function: "loupe.fs.exists")
            return frame.returning(FileManager.default.fileExists(atPath: path))
        })
        fs.rawSet("list", state.function { frame in
            let path = try policy.readablePath(try frame.string(1), function: "loupe.fs.list")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                throw LuaCallError.message("loupe.fs.list: cannot list '\(path)': not a readable folder")
            }
            frame.push(LuaValue.table(LuaTable(sequence: names.sorted().map { .string(LuaString($0)) })))
            return 1
        })
        fs.rawSet("write", state.function { frame in
            let path = try policy.writablePath(try frame.string(1), function: "loupe.fs.write")
            let bytes = try frame.bytes(2).bytes
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw LuaCallError.message("loupe.fs.write: cannot write '\(path)': \(error.localizedDescription)")
            }
            return 0
        })
        return fs
    }

    /// `loupe.exec` of the caller `policy` describes.
    static func exec(in state: LuaState, policy: PathPolicy) -> LuaValue {
        state.function { frame in
            try policy.checkExec(function: "loupe.exec")
            let argv = try frame.table(1).sequence.map { value -> String in
                guard case .string(let s) = value else {
                    throw LuaCallError.argument(1, "a list of strings expected (the program, then its arguments)")
                }
                return s.text
            }
            guard !argv.isEmpty else { throw LuaCallError.argument(1, "the program to run is missing") }
            let (status, output, errors) = try run(argv)
            frame.push(Int64(status))
            for data in [output, errors] {
                data.withUnsafeBytes { frame.push(bytes: $0.bindMemory(to: UInt8.self)) }
            }
            return 3
        }
    }

    private static func readText(_ path: String, frame: LuaFrame, function: String) throws(LuaCallError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .message("\(function): cannot read '\(path)': no such file, or not a readable file")
        }
        // A file larger than what the memory cap leaves fails as the cap would, before it is copied into Lua.
        try frame.charge(data.count)
        frame.refund(data.count)
        return String(decoding: data, as: UTF8.self)
    }

    private static func run(_ argv: [String]) throws(LuaCallError) -> (Int32, Data, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--"] + argv
        let output = Pipe(), errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .message("loupe.exec: cannot start '\(argv[0])': \(error.localizedDescription)")
        }
        // Both pipes are drained before waiting, so a chatty program cannot block on a full pipe.
        let errorData = ErrorData()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorData.data = errors.fileHandleForReading.readDataToEndOfFile() }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, outData, errorData.data)
    }
}

/// Standard error of a program, read on another thread before the group it runs in is waited for.
private final class ErrorData: @unchecked Sendable {
    var data = Data()
}
