/// Eight bytes at a time ("SIMD within a register"): the hot loops ask a question of eight
/// bytes together with integer arithmetic, and look at single bytes only where one answers.
enum SWAR {
    /// The eight bytes at `i` as one integer, the first in the lowest byte (`i + 8` must not
    /// pass the end of `bytes`).
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
    }

    /// 0x80 in exactly the bytes of `word` that are zero.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// 0x80 in exactly the bytes of `word` that are `byte`.
    @inline(__always)
    static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        zeroBytes(word ^ 0x0101_0101_0101_0101 &* UInt64(byte))
    }

    /// 0x80 in exactly the bytes of `word` from `low` through `high`, both ASCII, `low` above
    /// zero: in each byte's low seven bits, adding `0x80 - low` carries into the top bit from
    /// `low` up, adding `0x7F - high` from just past `high` up; bytes of 0x80 and up are left out.
    @inline(__always)
    static func bytes(of word: UInt64, from low: UInt8, through high: UInt8) -> UInt64 {
        let sevenBits = word & 0x7F7F_7F7F_7F7F_7F7F
        let fromLow = sevenBits &+ 0x0101_0101_0101_0101 &* UInt64(0x80 - low)
        let pastHigh = sevenBits &+ 0x0101_0101_0101_0101 &* UInt64(0x7F - high)
        return fromLow & ~pastHigh & ~word & 0x8080_8080_8080_8080
    }

    /// The index (0 to 7) of the first byte marked in `marks` (made by the functions above).
    @inline(__always)
    static func firstMarked(_ marks: UInt64) -> Int { marks.trailingZeroBitCount >> 3 }
}
