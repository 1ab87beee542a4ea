/// Where a span or a problem was read: a file and a 1-based line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// One annotation to score: a typed stretch of a document's text, gold or predicted.
///
/// Offsets are Unicode code points, 0-based, end exclusive (Python's `text[s:e]`), whatever
/// the file said: readers convert (Loupe's `char_start`/`char_stop` are 1-based and inclusive,
/// so `start = char_start - 1`, `end = char_stop`). A discontinuous span has several
/// fragments, kept sorted.
public struct AnnotatedSpan: Sendable, Hashable {
    /// The document's id (a text file's stem).
    public var doc: String
    /// Its type: `Content`, `Source`, `Cue`…
    public var type: String
    /// Its fragments, sorted by start, each non-empty.
    public var fragments: [Range<Int>]
    /// The rule that produced a prediction (`attrs.rule`), when it says.
    public var rule: String?
    /// Its text, when the file gives it (brat's covered text, a JSONL row's `text`).
    public var text: String?
    /// The attribution (brat event) it takes part in, for gold read from brat.
    public var group: String?
    /// Where it was read.
    public var location: SourceLocation

    public init(
        doc: String, type: String, fragments: [Range<Int>], rule: String? = nil, text: String? = nil,
        group: String? = nil, location: SourceLocation
    ) {
        self.doc = doc
        self.type = type
        self.fragments = fragments.filter { !$0.isEmpty }.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        self.rule = rule
        self.text = text
        self.group = group
        self.location = location
    }

    /// The first code point it covers.
    public var start: Int { fragments.first?.lowerBound ?? 0 }

    /// The code points it covers, merged where fragments touch or overlap.
    public var coverage: [Range<Int>] {
        var merged: [Range<Int>] = []
        for fragment in fragments {
            if let last = merged.last, fragment.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, fragment.upperBound)
            } else {
                merged.append(fragment)
            }
        }
        return merged
    }

    /// How many code points it shares with `other`.
    ///
    /// - Complexity: O(*n* + *m*) in the numbers of fragments.
    public func overlap(with other: AnnotatedSpan) -> Int {
        let a = coverage, b = other.coverage
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            let low = max(a[i].lowerBound, b[j].lowerBound), high = min(a[i].upperBound, b[j].upperBound)
            if low < high { shared += high - low }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return shared
    }

    /// Whether it covers exactly the same code points as `other`.
    public func coversExactly(_ other: AnnotatedSpan) -> Bool { coverage == other.coverage }

    /// Its offsets as brat writes them: `start end;start end`.
    public var offsets: String {
        fragments.map { "\($0.lowerBound) \($0.upperBound)" }.joined(separator: ";")
    }
}

/// A file that cannot be scored as it is: which file, which line, what is wrong and what to do.
public struct ScoringError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var file: String
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.location = line.map { SourceLocation(file: file, line: $0) }
        self.message = message
    }

    public var description: String { "\(location?.description ?? file): \(message)" }
}
