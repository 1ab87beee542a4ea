/// A sum of floats kept exactly, rounded once when read.
///
/// Float addition is not associative (`(1e16 + 1) - 1e16` is 0, `1e16 - 1e16 + 1` is 1), so a
/// sum accumulated per worker and merged would depend on how the corpus was split. Here every
/// finite double is an integer multiple of 2^-1074, so the sum of the positive terms and the
/// sum of the negative ones are kept as two big fixed-point integers (unsigned 64-bit limbs,
/// little-endian, in units of 2^-1074): adding and merging are integer additions, exact and
/// order-independent, with no intermediate overflow (2,176 bits hold any 2^63 finite doubles).
/// ``value`` rounds the exact difference once, to nearest, ties to even, as `math.fsum` does.
///
/// The state is canonical: equal sums have equal limbs, so they encode to equal bytes.
/// Infinities and NaN are remembered as flags (`inf + -inf` is NaN, in any order).
public struct ExactSum: Equatable, Sendable {
    /// Limbs of the sum of the positive terms (no trailing zero limbs).
    private var positive: [UInt64] = []
    /// Limbs of the sum of the magnitudes of the negative terms (no trailing zero limbs).
    private var negative: [UInt64] = []
    /// Non-finite terms seen: bit 0 +inf, bit 1 -inf, bit 2 NaN.
    private var specials: UInt8 = 0

    /// At most this many limbs: the largest double (2^1024) in units of 2^-1074 takes 2,098
    /// bits, and 2^63 of them 63 more.
    static let maxLimbs = 34

    /// Zero.
    public init() {}

    /// Adds a float.
    public mutating func add(_ x: Double) {
        guard x.isFinite else {
            specials |= x.isNaN ? 4 : x > 0 ? 1 : 2
            return
        }
        guard x != 0 else { return }
        // A normal double is (2^52 + fraction) · 2^(exponent - 1075), that is
        // (2^52 + fraction) · 2^(exponent - 1) units; a subnormal is fraction units.
        let exponent = Int(x.exponentBitPattern)
        let magnitude = exponent == 0 ? x.significandBitPattern : x.significandBitPattern | 1 << 52
        let shift = exponent == 0 ? 0 : exponent - 1
        if x > 0 {
            Self.add(magnitude, shiftedBy: shift, to: &positive)
        } else {
            Self.add(magnitude, shiftedBy: shift, to: &negative)
        }
    }

    /// Adds an integer exactly (converting it to a float first would round past 2^53): its
    /// high and low 32 bits are each exact as floats.
    public mutating func add(_ i: Int64) {
        add(Double(i >> 32) * 0x1p32)
        add(Double(i & 0xFFFF_FFFF))
    }

    /// Adds a 128-bit integer exactly, in parts of 32 bits, each exact as a float.
    public mutating func add(_ i: Int128) {
        let high = Int64(truncatingIfNeeded: i >> 64), low = UInt64(truncatingIfNeeded: i)
        for (part, scale) in [(Double(high >> 32), 0x1p96), (Double(high & 0xFFFF_FFFF), 0x1p64),
                              (Double(low >> 32), 0x1p32), (Double(low & 0xFFFF_FFFF), 1)] where part != 0 {
            add(part * scale)
        }
    }

    /// Adds everything `other` holds.
    public mutating func merge(_ other: ExactSum) {
        for (index, limb) in other.positive.enumerated() { Self.add(limb, atLimb: index, to: &positive) }
        for (index, limb) in other.negative.enumerated() { Self.add(limb, atLimb: index, to: &negative) }
        specials |= other.specials
    }

    /// The sum, rounded once to the nearest double (ties to even); ±infinity past the largest
    /// double; NaN when a NaN was added or both infinities were.
    public var value: Double {
        if specials & 4 != 0 || specials & 3 == 3 { return .nan }
        if specials & 1 != 0 { return .infinity }
        if specials & 2 != 0 { return -.infinity }
        if BigMagnitude.compare(positive, negative) >= 0 {
            return BigMagnitude.rounded(BigMagnitude.subtract(negative, from: positive))
        }
        return -BigMagnitude.rounded(BigMagnitude.subtract(positive, from: negative))
    }

    private static func add(_ magnitude: UInt64, shiftedBy shift: Int, to limbs: inout [UInt64]) {
        let index = shift / 64, offset = UInt64(shift % 64)
        add(magnitude << offset, atLimb: index, to: &limbs)
        if offset > 0 { add(magnitude >> (64 - offset), atLimb: index + 1, to: &limbs) }
    }

    private static func add(_ value: UInt64, atLimb start: Int, to limbs: inout [UInt64]) {
        guard value != 0 else { return }
        while limbs.count <= start { limbs.append(0) }
        var carry = value
        var index = start
        while carry != 0 {
            if index == limbs.count { limbs.append(0) }
            let (sum, overflow) = limbs[index].addingReportingOverflow(carry)
            limbs[index] = sum
            carry = overflow ? 1 : 0
            index += 1
        }
    }
}

extension ExactSum {
    /// The flags, then the non-zero limbs of each part as (index, limb) pairs.
    public func encode(into writer: inout WireWriter) {
        writer.writeByte(specials)
        for limbs in [positive, negative] {
            writer.writeCount(limbs.count(where: { $0 != 0 }))
            for (index, limb) in limbs.enumerated() where limb != 0 {
                writer.writeCount(index)
                writer.writeFixed64(limb)
            }
        }
    }

    /// Reads a sum written by ``encode(into:)``.
    public init(decoding reader: inout WireReader) throws(WireError) {
        specials = try reader.readByte()
        guard specials < 8 else { throw reader.malformed("bad special-value flags in a sum") }
        positive = try Self.readLimbs(&reader)
        negative = try Self.readLimbs(&reader)
    }

    private static func readLimbs(_ reader: inout WireReader) throws(WireError) -> [UInt64] {
        var limbs: [UInt64] = []
        for _ in 0..<(try reader.readCount(minimumSize: 9)) {
            let index = try reader.readUnsigned()
            guard index >= UInt64(limbs.count), index < UInt64(maxLimbs) else {
                throw reader.malformed("limbs of a sum out of order or range")
            }
            let limb = try reader.readFixed64()
            guard limb != 0 else { throw reader.malformed("a zero limb in a sum") }
            if limbs.isEmpty { limbs.reserveCapacity(Int(index) + 1) }
            limbs.append(contentsOf: repeatElement(0, count: Int(index) - limbs.count))
            limbs.append(limb)
        }
        return limbs
    }
}
