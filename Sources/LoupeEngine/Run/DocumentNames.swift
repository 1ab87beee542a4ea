import DocModel

/// How messages name a document: by its path when the path says it all (one document per
/// file, id from the file name), else by path and id, or path and record number.
enum DocumentNames {
    /// `notes/a.txt`, `feed.jsonl (id 7f3a)`, `feed.jsonl (record 12)`.
    static func name(path: String, id: String, record: Int?) -> String {
        if id.isEmpty {
            guard let record else { return path }
            return "\(path) (record \(record + 1))"
        }
        if id == PlainTextReader.identifier(for: path) { return path }
        return "\(path) (\(id))"
    }
}
