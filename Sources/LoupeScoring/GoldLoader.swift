import Foundation

/// Finds and reads gold annotations: `.ann` files (brat) and `.jsonl` files, or folders of them.
///
/// A brat file's document id is its text file's stem: `<id>.ann` when `<id>.txt` lies beside it
/// or in a sibling `text/` folder, otherwise `<id>_<annotator>.ann` (PolNeAR). When several
/// annotators annotated a document, the lexicographically first file name is used, so the
/// choice is deterministic.
public enum GoldLoader {
    /// What was read: the spans, and the documents that have gold (even with no spans).
    public struct Gold: Sendable {
        public var spans: [AnnotatedSpan]
        public var documents: Set<String>
        /// Documents annotated more than once, and the file used for each.
        public var chosen: [String: String]
    }

    /// Reads every `.ann` and `.jsonl` file under `paths` (folders are searched recursively).
    public static func load(_ paths: [String]) throws(ScoringError) -> Gold {
        var annFiles: [String] = [], jsonlFiles: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScoringError(file: path, "no such file or folder")
            }
            if isDirectory.boolValue {
                let found = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
                for relative in found {
                    let full = (path as NSString).appendingPathComponent(relative)
                    if relative.hasSuffix(".ann") { annFiles.append(full) } else if relative.hasSuffix(".jsonl") { jsonlFiles.append(full) }
                }
            } else if path.hasSuffix(".ann") {
                annFiles.append(path)
            } else if path.hasSuffix(".jsonl") {
                jsonlFiles.append(path)
            } else {
                throw ScoringError(file: path, "gold must be brat .ann files, .jsonl files or folders of them")
            }
        }
        if annFiles.isEmpty && jsonlFiles.isEmpty {
            throw ScoringError(file: paths.joined(separator: ", "), "no .ann or .jsonl files found")
        }
        var gold = Gold(spans: [], documents: [], chosen: [:])
        // One file per document: the lexicographically first annotator's.
        var byDocument: [String: [String]] = [:]
        for file in annFiles { byDocument[documentID(ofAnn: file), default: []].append(file) }
        for doc in byDocument.keys.sorted() {
            let files = byDocument[doc]!.sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }
            if files.count > 1 { gold.chosen[doc] = files[0] }
            gold.spans += try BratReader.parse(try read(files[0]), doc: doc, file: files[0])
            gold.documents.insert(doc)
        }
        for file in jsonlFiles {
            let spans = try JSONLSpans.gold(try read(file), file: file)
            gold.spans += spans
            gold.documents.formUnion(spans.map(\.doc))
        }
        return gold
    }

    /// The document id of a `.ann` file (see the type's discussion).
    public static func documentID(ofAnn path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let folder = url.deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent().appendingPathComponent("text")]
        if candidates.contains(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent(stem + ".txt").path) }) {
            return stem
        }
        guard let underscore = stem.lastIndex(of: "_") else { return stem }
        return String(stem[..<underscore])
    }

    /// A file's text, as UTF-8.
    public static func read(_ path: String) throws(ScoringError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScoringError(file: path, "cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
