internal import CPCRE2
import DocModel

/// Matching over UTF-8 byte buffers.
///
/// The text must be valid UTF-8 (a document's clean text is validated when the document is
/// made), so matching passes `PCRE2_NO_UTF_CHECK`; a range must start and end on code-point
/// boundaries. The range is searched as if it were the whole text: `^`, `$`, `\b` and
/// lookaround see only its bytes, as in a Lua `span.text:find`. Spans are offsets in the whole
/// buffer, not in the range.
///
/// Successive matches never overlap. After an empty match, the next match may not be empty
/// at the same place; if nothing non-empty matches there, the search moves on one code point,
/// as Perl does: `x*` over "ab" matches empty at 0, 1 and 2.
extension PCRERegex {
    /// Every match in `text[range]`, left to right, without overlaps.
    /// - Parameters:
    ///   - text: Valid UTF-8.
    ///   - range: The bytes to search (all of `text` when `nil`), on code-point boundaries.
    /// - Throws: ``PCREMatchError`` when PCRE2 gives up (match or depth limit).
    /// - Complexity: One PCRE2 search per match plus one; each is linear in the bytes it
    ///   scans for most patterns (backtracking patterns can cost more).
    public func matches(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) throws(PCREMatchError)
        -> [PCREMatch]
    {
        let range = checkedRange(range, in: text)
        let data = MatchData(for: self)
        var found: [PCREMatch] = []
        var previous: PCREMatch?
        while let match = try next(in: text, range: range, after: previous, data: data) {
            found.append(match)
            previous = match
        }
        return found
    }

    /// The first match in `text[range]`, or `nil`.
    /// - Throws: ``PCREMatchError`` when PCRE2 gives up.
    public func firstMatch(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) throws(PCREMatchError)
        -> PCREMatch?
    {
        try nextMatch(in: text, range: range, after: nil)
    }

    /// The match that follows `previous` (a match from the same text and range) under the
    /// rules of ``matches(in:range:)``, or the first match when `previous` is `nil`: for
    /// iterating lazily, as Lua's `gmatch` does.
    /// - Throws: ``PCREMatchError`` when PCRE2 gives up.
    public func nextMatch(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, after previous: PCREMatch?)
        throws(PCREMatchError) -> PCREMatch?
    {
        try next(in: text, range: checkedRange(range, in: text), after: previous, data: MatchData(for: self))
    }

    /// Whether the pattern matches anywhere in `text[range]` (no group spans are made).
    /// - Throws: ``PCREMatchError`` when PCRE2 gives up.
    public func isMatch(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) throws(PCREMatchError) -> Bool {
        try search(text, range: checkedRange(range, in: text), from: range?.lowerBound ?? 0, flags: 0,
                   data: MatchData(for: self))
    }

    // MARK: - Documents

    /// Every match in the document's clean text, or within `span` of it.
    /// - Throws: ``PCREMatchError`` when PCRE2 gives up.
    public func matches(in document: Document, within span: Span? = nil) throws(PCREMatchError) -> [PCREMatch] {
        try document.bytes.withUnsafeBufferPointer { (text) throws(PCREMatchError) in
            try matches(in: text, range: span?.range)
        }
    }

    /// The first match in the document's clean text, or within `span` of it.
    /// - Throws: ``PCREMatchError`` when PCRE2 gives up.
    public func firstMatch(in document: Document, within span: Span? = nil) throws(PCREMatchError) -> PCREMatch? {
        try document.bytes.withUnsafeBufferPointer { (text) throws(PCREMatchError) in
            try firstMatch(in: text, range: span?.range)
        }
    }

    // MARK: - Engine

    func checkedRange(_ range: Range<Int>?, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard let range else { return 0..<text.count }
        precondition(range.lowerBound >= 0 && range.upperBound <= text.count, "range outside the text")
        precondition(
            (range.lowerBound == text.count || text[range.lowerBound] & 0xC0 != 0x80)
                && (range.upperBound == text.count || text[range.upperBound] & 0xC0 != 0x80),
            "range must start and end on code-point boundaries")
        return range
    }

    /// The match after `previous` in `text[range]`, with `data` as scratch.
    func next(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, after previous: PCREMatch?, data: MatchData)
        throws(PCREMatchError) -> PCREMatch?
    {
        var from = range.lowerBound
        var flags: UInt32 = 0
        if let previous {
            from = previous.span.end
            // No second empty match at the same place: try non-empty there, else move on.
            if previous.span.length == 0 { flags = PCRE2_NOTEMPTY_ATSTART }
        }
        guard from <= range.upperBound else { return nil }
        guard try search(text, range: range, from: from, flags: flags, data: data) else { return nil }
        return data.match(groupCount: captureCount + 1, base: range.lowerBound, names: groupNames)
    }

    /// One PCRE2 search of `text[range]` from byte `from`; the ovector is left in `data`.
    /// A JIT stack overflow is retried with the interpreter, which has larger limits.
    func search(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, from: Int, flags: UInt32, data: MatchData)
        throws(PCREMatchError) -> Bool
    {
        var rc = withSubject(text, range) { subject, length in
            var rc = pcre2_match_8(
                code, subject, length, from - range.lowerBound, flags | PCRE2_NO_UTF_CHECK, data.pointer, nil)
            if rc == PCRE2_ERROR_JIT_STACKLIMIT {
                rc = pcre2_match_8(
                    code, subject, length, from - range.lowerBound, flags | PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT,
                    data.pointer, nil)
            }
            return rc
        }
        if rc == PCRE2_ERROR_NOMATCH { return false }
        if rc == 0 { rc = 1 }  // cannot happen: the match data fits the pattern
        guard rc > 0 else { throw PCREMatchError(message: pcre2ErrorMessage(rc), code: rc) }
        return true
    }

    private func withSubject(
        _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (UnsafePointer<UInt8>, Int) -> Int32
    ) -> Int32 {
        if let base = text.baseAddress { return body(base + range.lowerBound, range.count) }
        var empty: UInt8 = 0
        return withUnsafePointer(to: &empty) { body($0, 0) }
    }
}

/// PCRE2 match data sized for one pattern: scratch for one thread's matching, freed on
/// `deinit`. Never shared between threads.
final class MatchData {
    let pointer: OpaquePointer

    init(for regex: PCRERegex) {
        guard let data = pcre2_match_data_create_from_pattern_8(regex.code, nil) else {
            fatalError("PCRE2 could not allocate match data")
        }
        pointer = data
    }

    deinit { pcre2_match_data_free_8(pointer) }

    /// The last match's groups, as spans offset by `base` (the subject's start in the buffer).
    func match(groupCount: Int, base: Int, names: [String: [Int]]) -> PCREMatch {
        var groups = [Span?](repeating: nil, count: groupCount)
        guard let ovector = pcre2_get_ovector_pointer_8(pointer) else { return PCREMatch(groups: groups, names: names) }
        let pairs = min(groupCount, Int(pcre2_get_ovector_count_8(pointer)))
        let unset = Int(bitPattern: UInt.max)
        for k in 0..<pairs {
            let start = ovector[2 * k], end = ovector[2 * k + 1]
            guard start != unset, end != unset else { continue }
            // \K can, in odd patterns, put the start after the end; keep the span well formed.
            groups[k] = Span(base + min(start, end), base + max(start, end))
        }
        return PCREMatch(groups: groups, names: names)
    }
}
