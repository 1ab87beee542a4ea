import LuaRuntime

/// Writes the compact binary coding that aggregate deltas and states travel in (and, later,
/// the runner's pipe protocol and journal).
///
/// Everything is little-endian and self-delimiting: unsigned integers as LEB128 varints,
/// signed ones zigzag-mapped first (so small negative numbers stay short), floats as their
/// 8-byte bit patterns (exact, NaN payloads and `-0.0` included), byte strings as a varint
/// length then the bytes. ``WireReader`` reads it back.
///
/// ```swift
/// var writer = WireWriter()
/// writer.writeInteger(-3)          // one byte: 0x05
/// writer.writeBytes(Array("hi".utf8))
/// let bytes = writer.bytes
/// ```
public struct WireWriter: Sendable {
    /// What has been written so far.
    public private(set) var bytes: [UInt8] = []

    /// Starts an empty buffer.
    public init() {}

    /// Writes one byte (tags and flags).
    public mutating func writeByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Writes an unsigned integer as a varint: 7 bits a byte, high bit set on all but the last.
    public mutating func writeUnsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Writes a count or an index (never negative).
    public mutating func writeCount(_ count: Int) {
        precondition(count >= 0, "counts are never negative")
        writeUnsigned(UInt64(count))
    }

    /// Writes a signed integer, zigzag-mapped (0, -1, 1, -2, … → 0, 1, 2, 3, …) then as a varint.
    public mutating func writeInteger(_ value: Int64) {
        writeUnsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Writes a float as its 8-byte bit pattern, so that it reads back bit for bit.
    public mutating func writeDouble(_ value: Double) {
        writeFixed64(value.bitPattern)
    }

    /// Writes 8 bytes, little-endian: for values whose bits are spread evenly (a varint
    /// would be longer).
    public mutating func writeFixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Writes a byte string: its length, then its bytes.
    public mutating func writeBytes(_ value: [UInt8]) {
        writeCount(value.count)
        bytes.append(contentsOf: value)
    }

    /// Writes a Lua string's bytes.
    public mutating func writeString(_ value: LuaString) {
        writeBytes(value.bytes)
    }

    /// Writes an optional string: a flag byte, then the string when there is one.
    public mutating func writeOptionalString(_ value: String?) {
        guard let value else { return writeByte(0) }
        writeByte(1)
        writeBytes(Array(value.utf8))
    }

    /// Writes a data value: nil, a boolean, a number, a string, or a table of those (as
    /// ``WireReader/readValue()`` reads them).
    ///
    /// Functions, userdata and coroutines have no meaning outside their Lua state; callers
    /// check values first (``LuaValue/isPlainData``), so meeting one here is a bug.
    public mutating func writeValue(_ value: LuaValue) {
        switch value {
        case .nil: writeByte(WireValueTag.nil.rawValue)
        case .boolean(let b): writeByte(b ? WireValueTag.true.rawValue : WireValueTag.false.rawValue)
        case .integer(let i):
            writeByte(WireValueTag.integer.rawValue)
            writeInteger(i)
        case .number(let d):
            writeByte(WireValueTag.number.rawValue)
            writeDouble(d)
        case .string(let s):
            writeByte(WireValueTag.string.rawValue)
            writeString(s)
        case .table(let table):
            writeByte(WireValueTag.table.rawValue)
            writeCount(table.sequence.count)
            for element in table.sequence { writeValue(element) }
            writeCount(table.fields.count)
            for field in table.fields {
                writeValue(field.key)
                writeValue(field.value)
            }
        case .function, .userdata, .thread, .lightUserdata:
            preconditionFailure("a \(value.typeName) cannot leave its Lua state; check isPlainData first")
        }
    }
}

/// The first byte of a value written by ``WireWriter/writeValue(_:)``.
enum WireValueTag: UInt8 {
    case `nil` = 0, `false`, `true`, integer, number, string, table
}

extension LuaValue {
    /// Whether the value is plain data that can be written and read back: nil, booleans,
    /// numbers, strings and tables of those (what `emit` accepts).
    public var isPlainData: Bool {
        switch self {
        case .nil, .boolean, .integer, .number, .string: true
        case .table(let table):
            table.sequence.allSatisfy(\.isPlainData)
                && table.fields.allSatisfy { $0.key.isPlainData && $0.value.isPlainData }
        case .function, .userdata, .thread, .lightUserdata: false
        }
    }
}
