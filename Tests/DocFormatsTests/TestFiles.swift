import DocModel
import Foundation

/// Writes `bytes` to `name` (which may hold folders) inside `directory`; returns the path.
@discardableResult
func writeBytes(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    return url.path
}

/// Writes `text` to `name` (which may hold folders) inside `directory`; returns the path.
@discardableResult
func writeText(_ text: String, _ name: String, in directory: URL) throws -> String {
    try writeBytes(Array(text.utf8), name, in: directory)
}

extension Array where Element == Result<Document, DocumentError> {
    /// The documents read.
    var documents: [Document] { compactMap { try? $0.get() } }
    /// The failures' descriptions.
    var failures: [String] {
        compactMap {
            if case .failure(let error) = $0 { return error.description }
            return nil
        }
    }
}
