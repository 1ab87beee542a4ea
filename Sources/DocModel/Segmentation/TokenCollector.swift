/// The tokens found so far and their flags, in two growing buffers.
///
/// `Array.append` checks that the array is uniquely referenced on every call, a call into
/// the runtime; a document has a token every five bytes, so the tokenizer appends here and
/// copies the buffers into arrays once, at the end.
struct TokenCollector: ~Copyable {
    private var spans: UnsafeMutablePointer<Span>
    private var flags: UnsafeMutablePointer<TokenFlags>
    private var count = 0
    private var capacity: Int

    /// An empty collector with room for `capacity` tokens.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        spans = .allocate(capacity: self.capacity)
        flags = .allocate(capacity: self.capacity)
    }

    deinit {
        spans.deallocate()
        flags.deallocate()
    }

    /// Adds a token.
    @inline(__always)
    mutating func append(_ span: Span, _ tokenFlags: TokenFlags) {
        if count == capacity { grow() }
        (spans + count).initialize(to: span)
        (flags + count).initialize(to: tokenFlags)
        count += 1
    }

    private mutating func grow() {
        let larger = capacity * 2
        let newSpans = UnsafeMutablePointer<Span>.allocate(capacity: larger)
        let newFlags = UnsafeMutablePointer<TokenFlags>.allocate(capacity: larger)
        newSpans.moveInitialize(from: spans, count: count)
        newFlags.moveInitialize(from: flags, count: count)
        spans.deallocate()
        flags.deallocate()
        spans = newSpans
        flags = newFlags
        capacity = larger
    }

    /// The tokens and their flags, as arrays of exactly their size.
    consuming func arrays() -> (spans: [Span], flags: [TokenFlags]) {
        (Array(UnsafeBufferPointer(start: spans, count: count)), Array(UnsafeBufferPointer(start: flags, count: count)))
    }
}
