internal import CZlib

/// gzip decompression with a cap on the decompressed size, through the system's zlib.
///
/// Output grows in 64 KiB steps and the cap is checked before each step is kept, so a gzip
/// bomb (a few kilobytes that inflate to gigabytes) costs at most the cap plus one step of
/// memory before it fails. Files made of several gzip members (`cat a.gz b.gz`) decompress to
/// the members' concatenation, as with `gunzip`; zero bytes after the last member (tape
/// padding) are ignored.
///
/// ```swift
/// let text = try Gzip.decompress(bytes, limit: 64 << 20)
/// ```
public enum Gzip {
    /// Decompresses gzip data held in memory.
    ///
    /// - Throws: ``GzipError`` when the data is not gzip, is cut short, or decompresses to
    ///   more than `limit` bytes.
    public static func decompress(_ data: [UInt8], limit: Int) throws(GzipError) -> [UInt8] {
        let inflater = try Inflater(limit: limit)
        var out: [UInt8] = []
        try data.withUnsafeBufferPointer { (buffer) throws(GzipError) in try inflater.feed(buffer, into: &out) }
        try inflater.finish()
        return out
    }

    /// Compresses `data` in gzip format (used by tests and by writers of `.gz` output).
    static func compress(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let status = deflateInit2_(
            stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed (\(status))")
        var out: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        data.withUnsafeBufferPointer { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = UInt32(input.count)
            var rc: Int32 = Z_OK
            while rc != Z_STREAM_END {
                let produced = scratch.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = UInt32(buffer.count)
                    rc = deflate(stream, Z_FINISH)
                    return buffer.count - Int(stream.pointee.avail_out)
                }
                precondition(rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR, "deflate failed (\(rc))")
                out += scratch[..<produced]
            }
        }
        return out
    }
}

/// Why gzip data could not be decompressed. The description completes "<file> …".
public enum GzipError: Error, Equatable, CustomStringConvertible {
    /// The decompressed data is larger than the limit.
    case tooLarge(limit: Int)
    /// The data is not gzip, or is corrupt; zlib's message.
    case invalid(String)
    /// The data ends before its last member does.
    case truncated

    /// What was wrong and what to do, as a sentence fragment.
    public var description: String {
        switch self {
        case .tooLarge(let limit):
            "decompresses to more than \(limit) bytes, over the limit of \(limit) bytes; "
                + "raise it with --max-doc-bytes or split the file"
        case .invalid(let message):
            "is not valid gzip data (\(message)); check the file, or remove its .gz extension if it is not compressed"
        case .truncated:
            "ends in the middle of its compressed data (truncated?); copy or compress the file again"
        }
    }
}

/// A streaming gzip inflater: feed it chunks of compressed bytes, then ``finish()``.
final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let limit: Int
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)
    /// Whether the current member has ended (the next byte must start a new member).
    private var memberEnded = false
    /// Whether any member has started.
    private var started = false
    /// Whether only zero padding may follow.
    private var inPadding = false

    /// An inflater for gzip members, keeping at most `limit` decompressed bytes.
    init(limit: Int) throws(GzipError) {
        self.limit = limit
        // z_stream must stay at one address: zlib's state points back at it.
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .invalid("zlib could not start (\(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decompresses the chunk, appending to `out`.
    func feed(_ chunk: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(GzipError) {
        guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
        stream.pointee.avail_in = UInt32(chunk.count)
        while true {
            if inPadding || memberEnded {
                // Between members: another member, zero padding, or garbage.
                guard stream.pointee.avail_in > 0 else { return }
                let next = stream.pointee.next_in.pointee
                if inPadding || next == 0 {
                    inPadding = true
                    try skipPadding()
                    return
                }
                guard next == 0x1F else { throw .invalid("unexpected data after the end of the compressed stream") }
                inflateReset(stream)
                memberEnded = false
            }
            started = true
            let (rc, produced) = scratch.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = UInt32(buffer.count)
                let rc = inflate(stream, Z_NO_FLUSH)
                return (rc, buffer.count - Int(stream.pointee.avail_out))
            }
            if produced > 0 {
                guard out.count + produced <= limit else { throw .tooLarge(limit: limit) }
                out += scratch[..<produced]
            }
            switch rc {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK:
                if stream.pointee.avail_in == 0, produced < scratch.count { return }
            case Z_BUF_ERROR:
                // No progress possible: more input is needed.
                if stream.pointee.avail_in == 0 { return }
                throw .invalid("zlib made no progress")
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                throw .invalid(message)
            }
        }
    }

    /// Checks that the rest of the input is zero bytes.
    private func skipPadding() throws(GzipError) {
        let count = Int(stream.pointee.avail_in)
        let rest = UnsafeBufferPointer(start: stream.pointee.next_in, count: count)
        guard rest.allSatisfy({ $0 == 0 }) else {
            throw .invalid("unexpected data after the end of the compressed stream")
        }
        stream.pointee.next_in += count
        stream.pointee.avail_in = 0
    }

    /// Checks that the input ended at the end of a member.
    func finish() throws(GzipError) {
        guard started else { throw .invalid("the file is empty") }
        guard memberEnded || inPadding else { throw .truncated }
    }
}
