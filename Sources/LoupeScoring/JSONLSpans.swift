import Foundation

/// Reads spans from JSON Lines: gold spans, or the rows a Loupe script emitted.
///
/// Gold rows: `{"doc": ID, "type": T, "start": s, "end": e, "text": …}` with code-point offsets,
/// 0-based, end exclusive — the offsets of brat and of Python's `text[s:e]`.
///
/// Predicted rows, as `loupe run script.lua corpus -o pred.jsonl` writes them: `doc`, a type
/// (the field `type`, or another one), `char_start`/`char_stop` — Loupe's code-point offsets
/// into `doc.text`, 1-based and inclusive — or `raw_start`/`raw_stop` (the same, into the file
/// as read: use these against gold made on the files), and optionally `rule`, `text` and
/// `group` (rows of one document with the same group belong together: a quote and its speaker).
/// A span `char_start = 5, char_stop = 9` is code points 4..<9: `start = char_start - 1`,
/// `end = char_stop`. Blank lines are skipped.
public enum JSONLSpans {
    /// Which offsets predicted rows carry.
    public enum Offsets: String, Sendable, CaseIterable {
        /// `char_start`/`char_stop`: 1-based, inclusive, into `doc.text`.
        case char
        /// `raw_start`/`raw_stop`: 1-based, inclusive, into the file as read.
        case raw
        /// `start`/`end`: 0-based, end exclusive (the gold convention).
        case zero
    }

    /// How predicted rows are read.
    public struct Options: Sendable {
        public var offsets: Offsets = .char
        /// The field naming a row's type.
        public var typeField = "type"
        /// The type of rows without a type field (nil: such a row is an error).
        public var defaultType: String?
        /// Types renamed to the gold's names (`quote` → `Content`).
        public var renamed: [String: String] = [:]
        /// The field whose value links a row to others of the same document (a quote's
        /// Content and Source rows share it).
        public var groupField = "group"

        public init(offsets: Offsets = .char, typeField: String = "type", defaultType: String? = nil, renamed: [String: String] = [:]) {
            self.offsets = offsets
            self.typeField = typeField
            self.defaultType = defaultType
            self.renamed = renamed
        }
    }

    /// Gold spans from JSON Lines (0-based, end exclusive `start`/`end`).
    public static func gold(_ text: String, file: String) throws(ScoringError) -> [AnnotatedSpan] {
        try rows(text, file: file, options: Options(offsets: .zero))
    }

    /// Predicted spans from the rows a Loupe script emitted.
    public static func predictions(_ text: String, file: String, options: Options = Options()) throws(ScoringError) -> [AnnotatedSpan] {
        var rawDiffers = 0
        return try rows(text, file: file, options: options, rawDiffers: &rawDiffers)
    }

    /// Predicted spans, and how many rows read with `char_start`/`char_stop` also carry
    /// different `raw_start`/`raw_stop` — a sign that gold made on the files needs `.raw`.
    public static func predictions(
        _ text: String, file: String, options: Options = Options(), rawDiffers: inout Int
    ) throws(ScoringError) -> [AnnotatedSpan] {
        try rows(text, file: file, options: options, rawDiffers: &rawDiffers)
    }

    static func rows(_ text: String, file: String, options: Options) throws(ScoringError) -> [AnnotatedSpan] {
        var rawDiffers = 0
        return try rows(text, file: file, options: options, rawDiffers: &rawDiffers)
    }

    static func rows(_ text: String, file: String, options: Options, rawDiffers: inout Int) throws(ScoringError) -> [AnnotatedSpan] {
        var spans: [AnnotatedSpan] = []
        let (startField, stopField) =
            switch options.offsets {
            case .char: ("char_start", "char_stop")
            case .raw: ("raw_start", "raw_stop")
            case .zero: ("start", "end")
            }
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw ScoringError(file: file, line: number, "a row must be a JSON object")
                }
                object = parsed
            } catch let error as ScoringError {
                throw error
            } catch {
                throw ScoringError(file: file, line: number, "not valid JSON; each line must be one JSON object")
            }
            guard let doc = scalarString(object["doc"]) else {
                throw ScoringError(
                    file: file, line: number, "the row has no \"doc\": emit the document's id with each row (emit{doc = doc.id, …})")
            }
            guard let type = scalarString(object[options.typeField]) ?? options.defaultType else {
                throw ScoringError(
                    file: file, line: number,
                    "the row has no \"\(options.typeField)\": name the field that holds the type with --type-field, or give every row one with --pred-type")
            }
            guard let start = integer(object[startField]), let stop = integer(object[stopField]) else {
                let hint =
                    options.offsets == .zero
                    ? "gold rows need integer \"start\" and \"end\" (code points, 0-based, end exclusive)"
                    : "the row needs integer \"\(startField)\" and \"\(stopField)\" (emit span.\(startField) and span.\(stopField)\(options.offsets == .char ? ", or use --offsets raw for raw_start/raw_stop" : ""))"
                throw ScoringError(file: file, line: number, hint)
            }
            if options.offsets == .char, let rawStart = integer(object["raw_start"]), let rawStop = integer(object["raw_stop"]),
                rawStart != start || rawStop != stop
            {
                rawDiffers += 1
            }
            let range = options.offsets == .zero ? start..<stop : (start - 1)..<stop
            guard range.lowerBound >= 0, range.lowerBound <= range.upperBound else {
                throw ScoringError(file: file, line: number, "bad offsets \(startField) = \(start), \(stopField) = \(stop)")
            }
            var rule = scalarString(object["rule"])
            if rule == nil, let attrs = object["attrs"] as? [String: Any] { rule = scalarString(attrs["rule"]) }
            spans.append(
                AnnotatedSpan(
                    doc: doc, type: options.renamed[type] ?? type, fragments: [range], rule: rule,
                    text: object["text"] as? String, group: scalarString(object[options.groupField]),
                    location: SourceLocation(file: file, line: number)))
        }
        return spans
    }

    static func scalarString(_ value: Any?) -> String? {
        switch value {
        case let string as String: string
        case let number as Int: String(number)
        default: nil
        }
    }

    static func integer(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: number
        case let number as Double where number.rounded() == number: Int(number)
        default: nil
        }
    }
}
