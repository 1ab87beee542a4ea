/// Where each byte of a document's clean text came from in the text as read.
///
/// Cleaning drops lines, collapses white space and normalises to NFC, so a span's byte
/// offsets in the clean text differ from its place in the file. The map records the runs of
/// clean text and where each begins in the raw text, in code points (the unit other tools and
/// gold annotations such as brat standoff use). Inside a run copied verbatim, positions map
/// one to one; a run that cleaning rewrote maps its ends only.
public struct OffsetMap: Sendable, Equatable {
    /// A run of clean text.
    public struct Run: Sendable, Equatable {
        /// Its first byte in the clean text.
        public var cleanStart: Int
        /// Its length in clean bytes.
        public var cleanLength: Int
        /// Where it starts in the raw text, in code points.
        public var rawStart: Int
        /// Its length in the raw text, in code points.
        public var rawLength: Int
        /// Whether the clean bytes are exactly the raw ones.
        public var verbatim: Bool
    }

    /// The runs, in order.
    public private(set) var runs: [Run] = []

    /// An empty map.
    public init() {}

    /// Records the next run (runs must be appended in clean-text order). Adjacent verbatim
    /// runs are merged.
    public mutating func append(cleanStart: Int, cleanLength: Int, rawStart: Int, rawLength: Int, verbatim: Bool) {
        if verbatim, var last = runs.last, last.verbatim, last.cleanStart + last.cleanLength == cleanStart,
            last.rawStart + last.rawLength == rawStart
        {
            last.cleanLength += cleanLength
            last.rawLength += rawLength
            runs[runs.count - 1] = last
            return
        }
        runs.append(Run(cleanStart: cleanStart, cleanLength: cleanLength, rawStart: rawStart,
                        rawLength: rawLength, verbatim: verbatim))
    }

    /// The raw code-point offset of clean byte `offset` (`clean` is the clean text's bytes).
    /// An offset between runs maps to the start of the next run; past the end, to the end
    /// of the last run.
    /// - Complexity: O(log r + l), with r runs and l the bytes from the run's start.
    public func rawOffset(ofCleanByte offset: Int, in clean: UnsafeBufferPointer<UInt8>) -> Int {
        guard !runs.isEmpty else { return 0 }
        var low = 0, high = runs.count
        while low < high {
            let mid = (low + high) / 2
            if runs[mid].cleanStart <= offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return runs[0].rawStart }
        let run = runs[low - 1]
        let within = offset - run.cleanStart
        if within >= run.cleanLength {
            return run.rawStart + run.rawLength
        }
        if !run.verbatim { return within == 0 ? run.rawStart : run.rawStart + run.rawLength }
        return run.rawStart + Utf8.codePoints(in: clean, from: run.cleanStart, to: offset)
    }
}

/// Byte-level UTF-8 helpers for the hot paths.
public enum Utf8 {
    /// The number of code points in `bytes[from..<to]` (counting lead bytes).
    @inline(__always)
    public static func codePoints(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var count = 0
        var i = from
        while i < to {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The code point starting at `i` and its length in bytes (valid UTF-8 assumed).
    @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < bytes.count { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < bytes.count {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if i + 3 < bytes.count {
            return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// The start of the code point that ends just before byte `i`.
    @inline(__always)
    public static func previousStart(_ bytes: UnsafeBufferPointer<UInt8>, before i: Int) -> Int {
        var j = i - 1
        while j > 0, bytes[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }
}
