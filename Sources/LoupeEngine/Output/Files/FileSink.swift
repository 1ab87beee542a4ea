#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writing to an open file descriptor: few system calls for many small rows.
///
/// The sink does not own the descriptor; whoever opened it closes it.
final class FileSink {
    /// The descriptor written to.
    let descriptor: Int32
    /// The file's name in messages.
    let path: String
    private var buffer: [UInt8] = []
    private let capacity: Int

    /// A sink writing to `descriptor`, flushing every `capacity` bytes.
    init(descriptor: Int32, path: String, capacity: Int = 1 << 18) {
        self.descriptor = descriptor
        self.path = path
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    /// Appends bytes.
    func write(_ bytes: some Sequence<UInt8>) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends a string's UTF-8 bytes.
    func write(_ text: String) throws(OutputError) {
        try write(text.utf8)
    }

    /// Appends one byte.
    func write(byte: UInt8) throws(OutputError) {
        buffer.append(byte)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends `value` as an unsigned LEB128 varint (the spool's length prefixes).
    func writeVarint(_ value: Int) throws(OutputError) {
        var rest = UInt(value)
        while rest >= 0x80 {
            buffer.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        try write(byte: UInt8(rest))
    }

    /// Writes out everything buffered.
    func flush() throws(OutputError) {
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withBytes { (raw) throws(OutputError) in
            try POSIX.writeAll(descriptor, raw, path: path)
        }
    }
}
