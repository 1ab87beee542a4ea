#if canImport(Glibc)
import Glibc
#endif

/// One message between the coordinator and a worker: a kind and its payload.
///
/// On the pipe a frame is its length (4 bytes, little-endian, counting the kind byte and the
/// payload), the kind (1 byte) and the payload. Lengths are checked against
/// ``Frame/maximumLength`` so that a corrupted stream is an error, not a huge allocation.
public struct Frame: Equatable, Sendable {
    /// What the payload is; the meaning belongs to the protocol (``WorkerMessage``).
    public var kind: UInt8
    /// The payload's bytes.
    public var payload: [UInt8]

    /// A frame of the given kind.
    public init(kind: UInt8, payload: [UInt8] = []) {
        self.kind = kind
        self.payload = payload
    }

    /// The largest frame accepted: rows of one document and its aggregate delta fit with room.
    public static let maximumLength = 1 << 30
}

/// A broken pipe or a stream that is not made of frames.
public enum FrameError: Error, Equatable, CustomStringConvertible {
    /// The other end closed the pipe (between frames when `cleanly`).
    case closed(cleanly: Bool)
    /// A frame announced an impossible length.
    case badLength(Int)
    /// A frame's payload is not what its kind promises.
    case corrupt(String)
    /// A system call failed with `errno`.
    case system(String, Int32)

    public var description: String {
        switch self {
        case .closed(let cleanly): cleanly ? "the pipe was closed" : "the pipe was closed in the middle of a message"
        case .badLength(let n): "a message announced \(n) bytes: the stream is corrupt"
        case .corrupt(let what): "a message is corrupt: \(what)"
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Writes frames to a file descriptor, each with one `write` call where it fits.
public struct FrameWriter {
    /// The descriptor written to.
    public let descriptor: Int32

    /// A writer on `descriptor` (not closed by the writer).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `frame` whole, retrying short writes and interruptions.
    public func write(_ frame: Frame) throws(FrameError) {
        try write([frame])
    }

    /// Writes `frames` in one go (one system call, one wake-up of the reader, where they fit).
    public func write(_ frames: [Frame]) throws(FrameError) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(frames.reduce(0) { $0 + $1.payload.count + 5 })
        for frame in frames {
            let length = UInt32(frame.payload.count + 1)
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt32(shift))) }
            bytes.append(frame.kind)
            bytes.append(contentsOf: frame.payload)
        }
        try writeAll(bytes)
    }

    private func writeAll(_ bytes: [UInt8]) throws(FrameError) {
        let code = bytes.withUnsafeBytes { POSIX.writeFully(descriptor, $0) }
        if code != 0 { throw code == EPIPE ? .closed(cleanly: false) : .system("write", code) }
    }
}

/// Reads frames from a file descriptor through a buffer.
///
/// A worker reads with ``next()``, which blocks. The coordinator, which watches many workers
/// with `poll`, calls ``fill()`` once when a descriptor is readable and then takes every
/// complete frame with ``bufferedFrame()``.
public final class FrameReader {
    /// The descriptor read from.
    public let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where `read` puts bytes before they join the buffer.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)

    /// A reader on `descriptor` (not closed by the reader).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { scratch.deallocate() }

    /// The next frame, waiting for it.
    public func next() throws(FrameError) -> Frame {
        while true {
            if let frame = try bufferedFrame() { return frame }
            try fill()
        }
    }

    /// Reads what is available (at least one byte, waiting if none is).
    ///
    /// - Throws: ``FrameError/closed(cleanly:)`` at the end of the stream.
    public func fill() throws(FrameError) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        var n: Int
        repeat {
            n = Glibc.read(descriptor, scratch.baseAddress, scratch.count)
        } while n < 0 && errno == EINTR
        if n < 0 { throw .system("read", errno) }
        if n == 0 { throw .closed(cleanly: start == buffer.count) }
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<n]))
    }

    /// A complete frame from the buffer, if one is there.
    public func bufferedFrame() throws(FrameError) -> Frame? {
        guard buffer.count - start >= 5 else { return nil }
        var length = 0
        for k in 0..<4 { length |= Int(buffer[start + k]) << (8 * k) }
        guard length >= 1, length <= Frame.maximumLength else { throw .badLength(length) }
        guard buffer.count - start >= 4 + length else { return nil }
        let frame = Frame(kind: buffer[start + 4], payload: Array(buffer[(start + 5)..<(start + 4 + length)]))
        start += 4 + length
        return frame
    }
}
