import LuaRuntime

/// Reads what ``WireWriter`` wrote.
///
/// Every read checks the bytes left first, so truncated or corrupt input throws a
/// ``WireError`` rather than crashing or allocating without bound: a length or a count is
/// refused when the bytes left could not hold it, and nested tables are refused past
/// ``maxDepth``.
///
/// ```swift
/// var reader = WireReader(bytes)
/// let n = try reader.readInteger()
/// try reader.expectEnd()
/// ```
public struct WireReader: Sendable {
    /// Tables nested deeper than this are refused (Lua's own snapshot refuses the same).
    public static let maxDepth = 200

    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset = 0

    /// Reads from the start of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// Throws unless every byte has been read: trailing bytes mean the data is not what the
    /// reader expected.
    public func expectEnd() throws(WireError) {
        guard isAtEnd else { throw malformed("\(bytes.count - offset) unexpected bytes after the end") }
    }

    /// An error at the current offset.
    public func malformed(_ text: String) -> WireError {
        WireError(.malformed(text), at: offset)
    }

    /// Reads one byte.
    public mutating func readByte() throws(WireError) -> UInt8 {
        guard offset < bytes.count else { throw WireError(.truncated, at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads a varint; more than ten bytes, or bits beyond 64, are corrupt.
    public mutating func readUnsigned() throws(WireError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 70, by: 7) {
            let byte = try readByte()
            let bits = UInt64(byte & 0x7F)
            guard shift < 63 || bits >> (64 - shift) == 0 else { throw malformed("a varint overflows 64 bits") }
            value |= bits << shift
            if byte & 0x80 == 0 { return value }
        }
        throw malformed("a varint is longer than 10 bytes")
    }

    /// Reads a count of things that each take at least `minimumSize` bytes, refusing counts
    /// the bytes left could not hold (so garbage cannot make the reader allocate gigabytes).
    public mutating func readCount(minimumSize: Int = 1) throws(WireError) -> Int {
        let start = offset
        let value = try readUnsigned()
        guard value <= UInt64(bytes.count - offset) / UInt64(max(minimumSize, 1)) else {
            if value <= UInt64(Int.max) { throw WireError(.truncated, at: start) }
            throw WireError(.malformed("a count of \(value) is impossible"), at: start)
        }
        return Int(value)
    }

    /// Reads a zigzag-coded signed integer.
    public mutating func readInteger() throws(WireError) -> Int64 {
        let raw = try readUnsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads 8 little-endian bytes.
    public mutating func readFixed64() throws(WireError) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw WireError(.truncated, at: offset) }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
        offset += 8
        return value
    }

    /// Reads a float from its bit pattern.
    public mutating func readDouble() throws(WireError) -> Double {
        Double(bitPattern: try readFixed64())
    }

    /// Reads a byte string.
    public mutating func readBytes() throws(WireError) -> [UInt8] {
        let count = try readCount()
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Reads a Lua string.
    public mutating func readString() throws(WireError) -> LuaString {
        LuaString(bytes: try readBytes())
    }

    /// Reads an optional string written by ``WireWriter/writeOptionalString(_:)``.
    public mutating func readOptionalString() throws(WireError) -> String? {
        switch try readByte() {
        case 0: return nil
        case 1:
            let start = offset
            guard let text = String(validating: try readBytes(), as: UTF8.self) else {
                throw WireError(.malformed("a name is not valid UTF-8"), at: start)
            }
            return text
        case let flag: throw WireError(.malformed("bad optional-string flag \(flag)"), at: offset - 1)
        }
    }

    /// Reads a data value written by ``WireWriter/writeValue(_:)``.
    public mutating func readValue() throws(WireError) -> LuaValue {
        try readValue(depth: 0)
    }

    private mutating func readValue(depth: Int) throws(WireError) -> LuaValue {
        let tagOffset = offset
        guard let tag = WireValueTag(rawValue: try readByte()) else {
            throw WireError(.malformed("unknown value tag \(bytes[tagOffset])"), at: tagOffset)
        }
        switch tag {
        case .nil: return .nil
        case .false: return .boolean(false)
        case .true: return .boolean(true)
        case .integer: return .integer(try readInteger())
        case .number: return .number(try readDouble())
        case .string: return .string(try readString())
        case .table:
            guard depth < Self.maxDepth else { throw malformed("tables nested more than \(Self.maxDepth) deep") }
            var sequence: [LuaValue] = []
            for _ in 0..<(try readCount()) { sequence.append(try readValue(depth: depth + 1)) }
            var fields: [LuaTable.Field] = []
            for _ in 0..<(try readCount(minimumSize: 2)) {
                let keyOffset = offset
                let key = try readValue(depth: depth + 1)
                guard key.isValidKey else { throw WireError(.malformed("a table key is nil or NaN"), at: keyOffset) }
                fields.append(LuaTable.Field(key: key, value: try readValue(depth: depth + 1)))
            }
            return .table(LuaTable(sequence: sequence, fields: fields))
        }
    }
}
