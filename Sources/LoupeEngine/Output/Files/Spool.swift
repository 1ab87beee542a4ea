#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scratch space on disk for rows that can only be written at the end (a CSV file's header
/// needs every column first), so memory stays bounded however many rows a run emits.
///
/// Records are appended as `varint tag, varint length, bytes` and read back once, in order.
/// The file is unlinked as soon as it is created: it has no name, and disappears with its
/// descriptor even if the process is killed. It lives in the output's folder rather than
/// `/tmp`, which is often a small RAM disk.
final class Spool {
    private let descriptor: Int32
    /// Where records go.
    private let sink: FileSink

    /// Creates a spool in the folder of `output` (named in errors).
    init(near output: String) throws(OutputError) {
        let path = POSIX.siblingPath(of: output, role: "spool")
        descriptor = try POSIX.createNew(path, reportedAs: output)
        unlink(path)
        sink = FileSink(descriptor: descriptor, path: output)
    }

    deinit { close(descriptor) }

    /// Appends one record.
    func append(tag: Int, _ bytes: [UInt8]) throws(OutputError) {
        try sink.writeVarint(tag)
        try sink.writeVarint(bytes.count)
        try sink.write(bytes)
    }

    /// Reads every record back in order, handing each to `body` (the bytes are only valid
    /// during the call).
    func forEachRecord(
        _ body: (_ tag: Int, _ bytes: UnsafeRawBufferPointer) throws(OutputError) -> Void
    ) throws(OutputError) {
        try sink.flush()
        if lseek(descriptor, 0, SEEK_SET) < 0 { throw OutputError.system(path: sink.path, "rewind its spool") }
        var reader = SpoolReader(descriptor: descriptor, path: sink.path)
        while let tag = try reader.varint() {
            guard let length = try reader.varint() else { throw reader.truncated() }
            try reader.bytes(length, body: { (bytes) throws(OutputError) in try body(tag, bytes) })
        }
    }
}

/// Buffered reading of a spool's records.
private struct SpoolReader {
    let descriptor: Int32
    let path: String
    private var buffer = [UInt8](repeating: 0, count: 1 << 18)
    private var start = 0
    private var end = 0

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    func truncated() -> OutputError {
        OutputError(path: path, "its spool file ended early (was the disk full?)")
    }

    /// Makes at least `count` bytes available at `start`, growing the buffer for a long
    /// record; false at the end of the file.
    private mutating func fill(_ count: Int) throws(OutputError) -> Bool {
        if end - start >= count { return true }
        if start > 0 {
            buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
            end -= start
            start = 0
        }
        if buffer.count < count { buffer += [UInt8](repeating: 0, count: count - buffer.count) }
        while end < count {
            let read = try buffer.withMutableBytes { (raw) throws(OutputError) in
                try POSIX.readSome(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]), path: path)
            }
            if read == 0 { return false }
            end += read
        }
        return true
    }

    /// The next varint, or nil at the end of the file.
    mutating func varint() throws(OutputError) -> Int? {
        var value = 0
        var shift = 0
        while true {
            guard try fill(1) else {
                if shift == 0 { return nil }
                throw truncated()
            }
            let byte = buffer[start]
            start += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Hands the next `count` bytes to `body`.
    mutating func bytes(
        _ count: Int, body: (UnsafeRawBufferPointer) throws(OutputError) -> Void
    ) throws(OutputError) {
        guard try fill(count) else { throw truncated() }
        let range = start..<(start + count)
        start += count
        try buffer.withBytes { (raw) throws(OutputError) in
            try body(UnsafeRawBufferPointer(rebasing: raw[range]))
        }
    }
}
