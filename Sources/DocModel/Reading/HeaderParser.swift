import Yams

/// Finds the metadata header at the top of a text file; see ``PlainTextReader``.
enum HeaderParser {
    /// Keys that make a single `Key: value` line a header.
    static let wellKnownKeys: Set<String> = [
        "title", "date", "author", "authors", "byline", "source", "url", "id", "section", "language", "published",
        "publication", "headline",
    ]

    /// Parses the header into `meta` and returns the byte offset where the body starts.
    static func parse(_ bytes: [UInt8], into meta: inout Metadata, path: String) -> Int {
        if let end = dateField(bytes, into: &meta) { return end }
        if let end = frontMatter(bytes, into: &meta) { return end }
        if let end = keyValueBlock(bytes, into: &meta) { return end }
        return 0
    }

    /// The seed layout: ` date 2021-01-14 ` opening the file.
    static func dateField(_ bytes: [UInt8], into meta: inout Metadata) -> Int? {
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard bytes[i...].starts(with: Array("date".utf8)) else { return nil }
        i += 4
        let spaceStart = i
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i > spaceStart, i + 10 <= bytes.count else { return nil }
        let date = bytes[i..<(i + 10)]
        let shape = date.enumerated().allSatisfy { k, b in k == 4 || k == 7 ? b == 0x2D : b >= 0x30 && b <= 0x39 }
        guard shape else { return nil }
        i += 10
        guard i == bytes.count || bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D else {
            return nil
        }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        meta["date"] = .string(String(decoding: date, as: UTF8.self))
        return i
    }

    /// YAML between a first line `---` and a closing `---` or `...` line.
    static func frontMatter(_ bytes: [UInt8], into meta: inout Metadata) -> Int? {
        guard bytes.starts(with: Array("---\n".utf8)) || bytes.starts(with: Array("---\r\n".utf8)) else { return nil }
        var lineStart = bytes[3] == 0x0D ? 5 : 4
        let yamlStart = lineStart
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var line = bytes[lineStart..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let yaml = String(decoding: bytes[yamlStart..<lineStart], as: UTF8.self)
                guard let node = try? Yams.compose(yaml: yaml), case .mapping(let mapping) = node else { return nil }
                for (key, value) in mapping {
                    guard let name = key.string else { continue }
                    meta[name] = metaValue(value)
                }
                return min(lineEnd + 1, bytes.count)
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    static func metaValue(_ node: Node) -> MetaValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let b = Bool.construct(from: scalar) { return .boolean(b) }
                if let i = Int.construct(from: scalar) { return .integer(Int64(i)) }
                if let d = Double.construct(from: scalar), scalar.string.contains(".") { return .number(d) }
            }
            return .string(scalar.string)
        case .sequence(let sequence): return .list(sequence.map(metaValue))
        case .mapping(let mapping):
            var nested = Metadata()
            for (key, value) in mapping {
                if let name = key.string { nested[name] = metaValue(value) }
            }
            return .map(nested)
        case .alias: return .string("")
        }
    }

    /// `Key: value` lines followed by an empty line.
    static func keyValueBlock(_ bytes: [UInt8], into meta: inout Metadata) -> Int? {
        var found: [(String, String)] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var line = bytes[lineStart..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                guard !found.isEmpty, lineEnd < bytes.count else { return nil }
                guard found.count >= 2 || wellKnownKeys.contains(found[0].0) else { return nil }
                for (key, value) in found { meta[key] = .string(value) }
                return lineEnd + 1
            }
            guard let pair = keyValue(line) else { return nil }
            found.append(pair)
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// "Published Date: 2020-01-01" → ("published_date", "2020-01-01").
    private static func keyValue(_ line: ArraySlice<UInt8>) -> (String, String)? {
        guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex, colon - line.startIndex <= 30 else {
            return nil
        }
        let key = line[line.startIndex..<colon]
        guard let first = key.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A,
            key.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 >= 0x30 && $0 <= 0x39 || $0 == 0x20
                || $0 == 0x2D || $0 == 0x5F })
        else { return nil }
        var valueStart = colon + 1
        guard valueStart < line.endIndex, line[valueStart] == 0x20 || line[valueStart] == 0x09 else { return nil }
        while valueStart < line.endIndex, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
        guard valueStart < line.endIndex else { return nil }
        let name = String(decoding: key.map { $0 == 0x20 || $0 == 0x2D ? 0x5F : ($0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0) },
                          as: UTF8.self)
        var value = String(decoding: line[valueStart...], as: UTF8.self)
        while value.last == " " || value.last == "\t" { value.removeLast() }
        return (name, value)
    }

    /// The first non-empty line from `start` as `meta.title`; returns where the body starts.
    static func takeTitleLine(_ bytes: [UInt8], from start: Int, into meta: inout Metadata) -> Int {
        var lineStart = start
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let title = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !title.isEmpty {
                meta["title"] = .string(title)
                return min(lineEnd + 1, bytes.count)
            }
            lineStart = lineEnd + 1
        }
        return start
    }
}
