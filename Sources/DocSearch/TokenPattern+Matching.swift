import DocModel

/// Matching a token pattern: a simulation of its automaton, one bit per element.
///
/// Bit `j` of a state set means "element `j` comes next"; bit `m` (for `m` elements) means
/// the pattern is complete. Reading a token moves each element it passes to the next one
/// (and keeps `*` and `+` elements where they are); optional elements (`?`, `*`) can be
/// skipped without reading. Following every alternative at once finds the longest match
/// from a start without backtracking's exponential worst case. Each (token, element) test is
/// made at most once per call and remembered.
extension TokenPattern {
    /// The pattern's matches in the document, or among the tokens wholly inside `span`.
    /// - Throws: ``PCREMatchError`` when a regex predicate's matching gives up.
    /// - Complexity: O(n·k·m) at worst for n tokens, matches of up to k tokens and m elements;
    ///   about O(n) when few tokens pass the first element. Builds a ``TokenView`` (O(n)):
    ///   to run many patterns over one document, build it once and use
    ///   ``matches(in:tokens:)``.
    public func matches(in document: Document, within span: Span? = nil) throws(PCREMatchError) -> [TokenMatch] {
        let view = TokenView(document: document)
        return try matches(in: view, tokens: span.map(view.tokens(within:)))
    }

    /// The pattern's matches among `view`'s tokens, or its tokens `tokens`.
    /// - Throws: ``PCREMatchError`` when a regex predicate's matching gives up.
    /// - Complexity: O(n·k·m) at worst for n tokens, matches of up to k tokens and m elements.
    public func matches(in view: TokenView, tokens: Range<Int>? = nil) throws(PCREMatchError) -> [TokenMatch] {
        let range = tokens ?? 0..<view.count
        guard !range.isEmpty else { return [] }
        return try view.bytes.withUnsafeBufferPointer { (text) throws(PCREMatchError) in
            try view.lower.withUnsafeBufferPointer { (lower) throws(PCREMatchError) in
                var run = PatternRun(pattern: self, view: view, text: text, lower: lower, range: range)
                return try run.matches()
            }
        }
    }
}

/// The state of one call of ``TokenPattern/matches(in:tokens:)``.
private struct PatternRun {
    let compiled: [[CompiledPredicate]]
    let view: TokenView
    let text: UnsafeBufferPointer<UInt8>
    let lower: UnsafeBufferPointer<UInt8>
    let range: Range<Int>
    /// Match data for each regex slot (one per run: never shared between threads).
    let matchData: [MatchData]
    let accept: UInt64
    let optional: UInt64
    let repeating: UInt64
    /// Per token (from `range.lowerBound`): which elements have been tested, and which passed.
    var tested: [UInt64]
    var passed: [UInt64]
    /// Scratch for token shapes.
    var shape: [UInt8] = []

    init(
        pattern: TokenPattern, view: TokenView, text: UnsafeBufferPointer<UInt8>, lower: UnsafeBufferPointer<UInt8>,
        range: Range<Int>
    ) {
        compiled = pattern.compiled
        self.view = view
        self.text = text
        self.lower = lower
        self.range = range
        matchData = pattern.regexes.map { MatchData(for: $0) }
        accept = 1 << UInt64(pattern.elements.count)
        var optional: UInt64 = 0, repeating: UInt64 = 0
        for (j, element) in pattern.elements.enumerated() {
            let bit: UInt64 = 1 << UInt64(j)
            switch element.quantifier {
            case .one: break
            case .optional: optional |= bit
            case .zeroOrMore:
                optional |= bit
                repeating |= bit
            case .oneOrMore: repeating |= bit
            }
        }
        self.optional = optional
        self.repeating = repeating
        tested = Array(repeating: 0, count: range.count)
        passed = Array(repeating: 0, count: range.count)
    }

    /// Every match, left to right, longest at each start, without overlaps.
    mutating func matches() throws(PCREMatchError) -> [TokenMatch] {
        let initial = closure(1) & ~accept
        var found: [TokenMatch] = []
        var start = range.lowerBound
        while start < range.upperBound {
            var states = initial
            var end = -1
            var t = start
            while states != 0, t < range.upperBound {
                let moved = try elementsPassed(by: t, among: states)
                let next = closure(moved << 1 | moved & repeating)
                t += 1
                if next & accept != 0 { end = t }
                states = next & ~accept
            }
            if end > start {
                found.append(TokenMatch(span: Span(view.spans[start].start, view.spans[end - 1].end), tokens: start..<end))
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    /// `states` plus every state reachable from them by skipping optional elements.
    @inline(__always)
    private func closure(_ states: UInt64) -> UInt64 {
        var states = states
        while true {
            let next = states | (states & optional) << 1
            if next == states { return states }
            states = next
        }
    }

    /// Which of the elements in `mask` token `t` passes, testing each pair at most once.
    private mutating func elementsPassed(by t: Int, among mask: UInt64) throws(PCREMatchError) -> UInt64 {
        let i = t - range.lowerBound
        var untested = mask & ~tested[i]
        while untested != 0 {
            let j = untested.trailingZeroBitCount
            untested &= untested - 1
            var ok = true
            for predicate in compiled[j] where try !holds(predicate, t) {
                ok = false
                break
            }
            tested[i] |= 1 << UInt64(j)
            if ok { passed[i] |= 1 << UInt64(j) }
        }
        return passed[i] & mask
    }

    /// Whether token `t` passes `predicate`; strings are compared as bytes.
    private mutating func holds(_ predicate: CompiledPredicate, _ t: Int) throws(PCREMatchError) -> Bool {
        let span = view.spans[t]
        switch predicate {
        case .text(let bytes):
            return equal(text, span.range, bytes)
        case .textList(let list):
            return list.contains { equal(text, span.range, $0) }
        case .textSet(let set):
            return set.contains(String(decoding: UnsafeBufferPointer(rebasing: text[span.range]), as: UTF8.self))
        case .lower(let bytes):
            return equal(lower, lowerRange(t), bytes)
        case .lowerList(let list):
            let range = lowerRange(t)
            return list.contains { equal(lower, range, $0) }
        case .lowerSet(let set):
            return set.contains(String(decoding: UnsafeBufferPointer(rebasing: lower[lowerRange(t)]), as: UTF8.self))
        case .shape(let bytes):
            shape.removeAll(keepingCapacity: true)
            TokenShape.append(UnsafeBufferPointer(rebasing: text[span.range]), to: &shape)
            return shape == bytes
        case .flags(let flags, let wanted):
            return wanted ? view.flags[t].isSuperset(of: flags) : view.flags[t].isDisjoint(with: flags)
        case .regex(let regex, let slot):
            return try regex.search(text, range: span.range, from: span.start, flags: 0, data: matchData[slot])
        case .not(let inner):
            return try !holds(inner, t)
        }
    }

    @inline(__always)
    private func lowerRange(_ t: Int) -> Range<Int> { view.lowerStarts[t]..<view.lowerStarts[t + 1] }

    @inline(__always)
    private func equal(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ bytes: [UInt8]) -> Bool {
        guard range.count == bytes.count else { return false }
        var k = 0
        for i in range {
            if buffer[i] != bytes[k] { return false }
            k += 1
        }
        return true
    }
}
