import Foundation
import Testing

/// What a run of the `loupe` binary printed and returned.
public struct CommandResult: Sendable {
    public var stdout: String
    public var stderr: String
    public var status: Int32
}

/// The `loupe` binary built beside the test bundle.
public var loupeExecutable: URL {
    let here = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return here.deletingLastPathComponent().appendingPathComponent("loupe")
}

/// The repository's root (for its `examples/` and `scripts/`).
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs `loupe` with `arguments`, feeding `stdin`, from `directory`.
public func runLoupe(
    _ arguments: [String], stdin: String = "", in directory: URL = repositoryRoot,
    environment: [String: String] = [:]
) throws -> CommandResult {
    let process = Process()
    process.executableURL = loupeExecutable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    let errorData = DataBox()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
        errorData.data = errors.fileHandleForReading.readDataToEndOfFile()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        stdout: String(decoding: outputData, as: UTF8.self),
        stderr: String(decoding: errorData.data, as: UTF8.self),
        status: process.terminationStatus)
}

/// A fresh temporary directory, removed when `body` returns.
public func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("loupe-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Writes `contents` to `name` inside `directory` and returns the file's path.
@discardableResult
public func writeFile(_ name: String, _ contents: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url.path
}

/// Compresses `path` with the system's `gzip -c`, writing `path.gz`; returns the new path.
@discardableResult
public func gzipWithTool(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let target = path + ".gz"
    try data.write(to: URL(fileURLWithPath: target))
    return target
}

/// Data filled in by another thread before the group it runs in is waited for.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// Starts `loupe` with `arguments` in `directory`, waits until its standard error contains
/// `marker` and `condition` holds (for up to 10 s), then sends it `signal`; returns its exit
/// status and what it printed on standard error. For tests that interrupt or kill a run at a
/// known point.
public func interruptLoupe(
    _ arguments: [String], in directory: URL, environment: [String: String], when marker: String,
    and condition: () -> Bool = { true }, signal: Int32
) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = loupeExecutable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    var seen = Data()
    while !String(decoding: seen, as: UTF8.self).contains(marker) {
        let chunk = errors.fileHandleForReading.availableData
        if chunk.isEmpty { break }  // It ended before reaching the marker.
        seen.append(chunk)
    }
    // Then until `condition` holds (the marker can come before what the test waits for).
    for _ in 0..<1000 where !condition() { usleep(10_000) }
    kill(process.processIdentifier, signal)
    seen.append(errors.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: seen, as: UTF8.self))
}
