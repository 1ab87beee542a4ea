import Foundation
@testable import LoupeEngine

/// Helpers shared by the output tests.

/// The bytes of the file at `path`, as text (tests only write UTF-8).
func contents(of path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
}

/// The raw bytes of the file at `path`.
func bytes(of path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// The names in `folder`, sorted, hidden ones included (leftover temporary files show).
func listing(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

/// Writes `rows` (each with its document number) to `path` and commits.
@discardableResult
func writeOutput(_ path: String, format: OutputFormat? = nil, _ rows: [(Int, Row)]) throws -> [String] {
    let output = try OutputSet(path: path, format: format)
    for (document, row) in rows { try output.write(row, document: document) }
    return try output.commit()
}

/// What an output sent to standard output, caught in a file instead.
func standardOutput(format: OutputFormat, _ rows: [Row]) throws -> String {
    try withTemporaryFile { path in
        let descriptor = open(path, O_WRONLY | O_TRUNC)
        defer { close(descriptor) }
        let output = try OutputSet(path: "-", format: format, standardOutput: descriptor)
        for row in rows { try output.write(row, document: 0) }
        try output.commit()
        return try contents(of: path)
    }
}

/// Runs `body` with the path of a fresh empty file, removed afterwards.
func withTemporaryFile<R>(_ body: (String) throws -> R) throws -> R {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-test-\(UUID().uuidString)").path
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}
