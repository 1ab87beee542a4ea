import DocModel

/// Turns one record of a structured file (a JSON object, a CSV row) into a document: picks
/// the text and id fields, keeps every other field as metadata, and cleans the text.
///
/// The document's ``Document/raw`` is the text field exactly as the record holds it, so its
/// ``Document/offsets`` map clean text back into that field.
struct RecordBuilder {
    /// The file the records come from.
    let path: String
    /// How to read.
    let options: FormatOptions
    /// The file's name without directories and extensions, the base of generated ids.
    let stem: String

    init(path: String, options: FormatOptions) {
        self.path = path
        self.options = options
        self.stem = PlainTextReader.identifier(for: path)
    }

    /// One field of a record; a `nil` value is JSON `null`.
    typealias Field = (key: String, value: MetaValue?)

    /// Makes the document for the record numbered `number` (1-based, among the file's
    /// records), found at `location` ("line 12", "record 3 (line 40)").
    func document(
        fields: [Field], number: Int, location: String, warnings: [String] = [], noun: String = "field"
    ) -> Result<Document, DocumentError> {
        let candidates = options.textFieldCandidates
        guard let textKey = candidates.first(where: { key in fields.contains { $0.key == key } }) else {
            return .failure(missingText(keys: fields.map(\.key), location: location, noun: noun, holder: "the record"))
        }
        guard let textValue = fields.last(where: { $0.key == textKey })?.value else {
            return .failure(fail(location, "\(noun) \"\(textKey)\" is null; give the record its text, or remove it"))
        }
        guard case .string(let text) = textValue else {
            return .failure(fail(location, "\(noun) \"\(textKey)\" is \(describe(textValue)), not text; "
                + "name the text \(noun) with --text-field"))
        }
        let id: String
        switch fields.last(where: { $0.key == options.idField })?.value {
        case .none, .string(""): id = "\(stem):\(number)"
        case .string(let s): id = s
        case .integer(let n): id = String(n)
        case .number(let x): id = String(x)
        case .some(let other):
            return .failure(fail(location, "\(noun) \"\(options.idField)\" is \(describe(other)); "
                + "ids must be text or numbers (choose the id \(noun) with --id-field)"))
        }
        var meta = Metadata()
        for field in fields where field.key != textKey && field.key != options.idField {
            if let value = field.value { meta[field.key] = value }
        }
        var allWarnings = warnings
        if text.isEmpty { allWarnings.append("the \(noun) \"\(textKey)\" is empty") }
        if !allWarnings.isEmpty {
            var list: [MetaValue] = []
            switch meta["warnings"] {
            case .list(let existing): list = existing
            case .some(let existing): list = [existing]
            case .none: break
            }
            meta["warnings"] = .list(list + allWarnings.map { .string($0) })
        }
        var contiguous = text
        let cleaned = contiguous.withUTF8 { options.reader.cleaner.clean($0) }
        return .success(Document(
            id: id, path: path, raw: text, cleanText: cleaned.text, offsets: cleaned.offsets, meta: meta,
            segmentation: options.reader.segmentation))
    }

    /// An error for the record at `location`.
    func fail(_ location: String, _ problem: String) -> DocumentError {
        DocumentError(path: path, reason: location.isEmpty ? problem : "\(location): \(problem)")
    }

    /// The error for a record (or header) with none of the text fields: what was looked for,
    /// the keys `holder` has, and what to do.
    func missingText(keys allKeys: [String], location: String, noun: String, holder: String) -> DocumentError {
        let candidates = options.textFieldCandidates
        var wanted = "no \"\(candidates[0])\" \(noun)"
        if candidates.count > 1 {
            let others = candidates.dropFirst().map { "\"\($0)\"" }
            wanted += " (nor " + others.joined(separator: " or ") + ")"
        }
        var keys: [String] = []
        for key in allKeys where !keys.contains(key) { keys.append(key) }
        let has: String
        if keys.isEmpty {
            has = "\(holder) is empty"
        } else {
            let shown = keys.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
            has = "\(holder) has " + shown + (keys.count > 12 ? ", … (\(keys.count) in all)" : "")
        }
        return fail(location, "\(wanted); \(has); name the text \(noun) with --text-field")
    }

    private func describe(_ value: MetaValue) -> String {
        switch value {
        case .string: "text"
        case .integer, .number: "a number"
        case .boolean: "a boolean"
        case .list: "a list"
        case .map: "an object"
        }
    }

    /// The warning added to records whose text held invalid UTF-8.
    static let invalidTextWarning =
        "invalid UTF-8 (or an unpaired \\u surrogate) replaced with U+FFFD; re-encode the file as UTF-8 to keep those characters"
}
