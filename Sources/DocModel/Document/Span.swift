/// A stretch of a document's clean text, in UTF-8 byte offsets: `start` is the first byte,
/// `end` is one past the last (Lua sees 1-based inclusive `start`/`stop` instead).
public struct Span: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The first byte.
    public var start: Int
    /// One past the last byte.
    public var end: Int

    /// A span from `start` up to, not including, `end`.
    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "a span cannot end before it starts")
        self.start = start
        self.end = end
    }

    /// The length in bytes.
    public var length: Int { end - start }
    /// The span as a range of byte offsets.
    public var range: Range<Int> { start..<end }

    /// Whether the two spans share at least one byte (or, for empty spans, a position).
    public func overlaps(_ other: Span) -> Bool {
        start < other.end && other.start < end || (start == other.start && end == other.end)
    }

    /// Whether `other` lies inside this span.
    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }

    /// Text order: by start, then shorter first.
    public static func < (a: Span, b: Span) -> Bool { a.start != b.start ? a.start < b.start : a.end < b.end }

    public var description: String { "[\(start), \(end))" }
}

/// A named, ordered collection of spans over one document's text, each with optional
/// attributes: paragraphs, sentences, tokens, or annotations such as `quote` or `person`.
///
/// Spans are kept in text order (by start, then end); adding keeps the order.
public final class Layer {
    /// The layer's name (`"sentence"`, `"quote"`…).
    public let name: String
    /// The spans, in text order.
    public private(set) var spans: [Span]
    /// Each span's attributes, parallel to ``spans``; empty while no span has any (tokens
    /// and sentences carry none, and should not pay for them).
    private var attributeList: [Metadata]
    /// Every span also has an id, its number in the order spans were added, which never
    /// changes (a position does, when a span is inserted before it). `idAt[position]` and
    /// `positionOf[id]`; both empty while ids and positions are the same.
    private var idAt: [Int] = []
    private var positionOf: [Int] = []

    /// A layer with the given spans, which must already be in text order.
    public init(name: String, spans: [Span] = [], attributes: [Metadata] = []) {
        precondition(attributes.isEmpty || attributes.count == spans.count)
        self.name = name
        self.spans = spans
        self.attributeList = attributes
        #if LOUPE_INTERNAL_CHECKS
        checkInvariants()
        #endif
    }

    /// How many spans the layer holds.
    public var count: Int { spans.count }

    /// The position of the span with id `id` (see ``add(_:attributes:)``).
    @inline(__always)
    public func position(ofID id: Int) -> Int { positionOf.isEmpty ? id : positionOf[id] }

    /// The id of the span at `position`: the order in which it was added, which stays the
    /// same when spans are inserted before it.
    @inline(__always)
    public func id(atPosition position: Int) -> Int { idAt.isEmpty ? position : idAt[position] }

    /// The attributes of span `index`.
    public func attributes(at index: Int) -> Metadata {
        attributeList.isEmpty ? Metadata() : attributeList[index]
    }

    /// Replaces the attributes of span `index`.
    public func setAttributes(_ attributes: Metadata, at index: Int) {
        if attributeList.isEmpty {
            if attributes.isEmpty { return }
            attributeList = Array(repeating: Metadata(), count: spans.count)
        }
        attributeList[index] = attributes
    }

    /// Adds a span with attributes, in text order, and returns its position (its id is the
    /// number of spans before it was added).
    /// - Complexity: O(log n) to find the place, O(n) to insert in the middle; appending in
    ///   text order is O(1) amortised.
    @discardableResult
    public func add(_ span: Span, attributes: Metadata = Metadata()) -> Int {
        let index: Int
        if let last = spans.last, span < last { index = upperBound(span) } else { index = spans.count }
        let id = spans.count
        if index != spans.count || !idAt.isEmpty {
            if idAt.isEmpty { idAt = Array(0..<spans.count) }
            idAt.insert(id, at: index)
            positionOf = Array(repeating: 0, count: idAt.count)
            for (position, spanID) in idAt.enumerated() { positionOf[spanID] = position }
        }
        spans.insert(span, at: index)
        if !attributeList.isEmpty || !attributes.isEmpty {
            if attributeList.isEmpty { attributeList = Array(repeating: Metadata(), count: spans.count - 1) }
            attributeList.insert(attributes, at: index)
        }
        return index
    }

    /// The index of the first span that starts at or after `offset`.
    /// - Complexity: O(log n).
    public func firstIndex(startingAtOrAfter offset: Int) -> Int {
        spans.firstIndex(startingAtOrAfter: offset)
    }

    /// The index of the span containing byte `offset`, for layers whose spans do not overlap
    /// (paragraphs, sentences, tokens); `nil` when the offset falls between spans.
    /// - Complexity: O(log n).
    public func index(containing offset: Int) -> Int? {
        let next = firstIndex(startingAtOrAfter: offset + 1)
        guard next > 0 else { return nil }
        let candidate = next - 1
        return spans[candidate].start <= offset && offset < max(spans[candidate].end, spans[candidate].start + 1)
            ? candidate : nil
    }

    /// The indices of the spans that overlap `span`, for layers whose spans do not overlap.
    /// - Complexity: O(log n).
    public func indices(overlapping span: Span) -> Range<Int> {
        var first = firstIndex(startingAtOrAfter: span.start)
        if first > 0, spans[first - 1].end > span.start { first -= 1 }
        var last = first
        let end = max(span.end, span.start + 1)
        last = firstIndex(startingAtOrAfter: end)
        return first..<max(first, last)
    }

    private func upperBound(_ span: Span) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if span < spans[mid] { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Checks that the spans are in text order (a debugging aid).
    public func checkInvariants() {
        for i in spans.indices.dropFirst() {
            precondition(!(spans[i] < spans[i - 1]), "layer '\(name)': spans out of order at \(i)")
        }
    }
}

extension Array where Element == Span {
    /// In spans sorted by start, the index of the first that starts at or after `offset`.
    /// - Complexity: O(log n).
    public func firstIndex(startingAtOrAfter offset: Int) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].start < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
