/// Arithmetic on unsigned big integers held as little-endian 64-bit limbs with no trailing
/// zero limbs: what ``ExactSum`` needs to compare, subtract and round its two parts.
enum BigMagnitude {
    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
    static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in a.indices.reversed() where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    /// `a - b`, for `a >= b`; trailing zero limbs removed.
    static func subtract(_ b: [UInt64], from a: [UInt64]) -> [UInt64] {
        var result = a
        var borrow: UInt64 = 0
        for index in result.indices {
            let (partial, overflow1) = result[index].subtractingReportingOverflow(index < b.count ? b[index] : 0)
            let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
            result[index] = difference
            borrow = overflow1 || overflow2 ? 1 : 0
        }
        while result.last == 0 { result.removeLast() }
        return result
    }

    /// The double nearest `limbs · 2^-1074`, ties to even; +infinity past the largest double.
    static func rounded(_ limbs: [UInt64]) -> Double {
        guard let top = limbs.last else { return 0 }
        let highest = (limbs.count - 1) * 64 + (63 - top.leadingZeroBitCount)
        // Fewer than 54 bits: exact (a subnormal, or a normal with spare precision).
        guard highest >= 53 else { return Double(sign: .plus, exponent: -1074, significand: Double(limbs[0])) }
        let lowest = highest - 52
        var mantissa = bits(limbs, from: lowest, count: 53)
        let roundBit = bits(limbs, from: lowest - 1, count: 1) == 1
        if roundBit, mantissa & 1 == 1 || anyBit(limbs, below: lowest - 1) { mantissa += 1 }
        return Double(sign: .plus, exponent: lowest - 1074, significand: Double(mantissa))
    }

    /// `count` (at most 64) bits starting at bit `start`.
    private static func bits(_ limbs: [UInt64], from start: Int, count: Int) -> UInt64 {
        let index = start / 64, offset = UInt64(start % 64)
        var value = limbs[index] >> offset
        if offset > 0, index + 1 < limbs.count { value |= limbs[index + 1] << (64 - offset) }
        return count == 64 ? value : value & (1 << UInt64(count) - 1)
    }

    /// Whether any bit below bit `end` is set.
    private static func anyBit(_ limbs: [UInt64], below end: Int) -> Bool {
        let index = end / 64, offset = UInt64(end % 64)
        if offset > 0, limbs[index] & (1 << offset - 1) != 0 { return true }
        return limbs[..<index].contains { $0 != 0 }
    }
}
