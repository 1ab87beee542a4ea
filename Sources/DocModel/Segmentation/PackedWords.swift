/// A set of short words (eight bytes or fewer), each packed into an integer, in a small hash
/// table: the tokenizer asks about most words, and packing and multiplying is several times
/// cheaper than hashing a string, or even an integer with `Hasher`.
struct PackedWords: Sendable {
    /// Open addressing: a key is in the slot its hash names or in one of the next; a zero slot
    /// is empty (no word packs to zero).
    private let slots: [UInt64]
    /// How far to shift a key's product to keep the bits that name a slot.
    private let shift: UInt64

    /// The words of `words` that fit in eight bytes.
    init<S: Sequence<String>>(_ words: S) {
        let keys = Set(words.compactMap { word in
            Array(word.utf8).withUnsafeBufferPointer { Self.packed($0, 0, $0.count) }
        })
        // At most a quarter full, so that most lookups stop at the first slot.
        var bits: UInt64 = 4
        while 1 << bits < keys.count * 4 { bits += 1 }
        shift = 64 - bits
        var slots = [UInt64](repeating: 0, count: 1 << bits)
        for key in keys {
            var slot = Self.slot(of: key, shift: shift)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = key
        }
        self.slots = slots
    }

    /// Whether `text[start..<end]`, lower-cased, is one of the words.
    @inline(__always)
    func contains(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard let key = Self.packed(text, start, end), key != 0 else { return false }
        var slot = Self.slot(of: key, shift: shift)
        while true {
            let found = slots[slot]
            if found == key { return true }
            if found == 0 { return false }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    @inline(__always)
    private static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)  // Fibonacci hashing
    }

    /// `text[start..<end]`, ASCII letters lower-cased, packed into an integer if it is eight
    /// bytes or fewer: the first byte highest, so that "ab" is 0x6162.
    @inline(__always)
    static func packed(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
        let length = end - start
        guard length <= 8, length > 0 else { return nil }
        guard start + 8 <= text.count else {
            var key: UInt64 = 0
            for k in start..<end {
                let b = text[k]
                key = key << 8 | UInt64(b >= 65 && b <= 90 ? b | 0x20 : b)
            }
            return key
        }
        // Eight bytes at once, the first in the lowest byte; those past the end cleared.
        let unused = UInt64(8 - length) * 8
        let word = SWAR.load(text, at: start) & ~0 >> unused
        // "A"–"Z" lower-cased in every byte together (0x80 >> 2 is the case bit, 0x20).
        let upper = SWAR.bytes(of: word, from: 0x41, through: 0x5A)
        return (word | upper >> 2).byteSwapped >> unused
    }
}
