import Aggregates
import CZlib
import DocFormats
import DocModel
import LuaRuntime

#if canImport(Glibc)
import Glibc
#endif

/// What a run is: the script and its arguments, the shard, the options its workers read and
/// run with, and the corpus's files. A journal starts with it, so that `--resume` and
/// `loupe merge` can check they go on with the very same work; each file's size and SHA-256,
/// taken as a worker read it, are in the file's own record.
public struct JournalHeader: Equatable, Sendable {
    /// The script, its arguments and the shard.
    public var setup: WorkerSetup
    /// The workers' options (reading, limits, deadline), as command-line arguments.
    public var workerOptions: [String]
    /// The corpus's paths, in order.
    public var files: [String]

    /// A header.
    public init(setup: WorkerSetup, workerOptions: [String], files: [String]) {
        self.setup = setup
        self.workerOptions = workerOptions
        self.files = files
    }

    /// The same run over the whole corpus: what the parts of a sharded run share.
    public var unsharded: JournalHeader {
        var whole = self
        whole.setup.shard = .whole
        return whole
    }
}

/// A journal that cannot be used, and why.
public struct JournalError: Error, Equatable, CustomStringConvertible {
    /// The journal's path.
    public var path: String
    /// What is wrong and what to do.
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// The record of a run's finished files, appended in corpus order as they are delivered (and
/// written at each turn of the coordinator, before it waits for its workers again): `--resume`
/// replays it instead of running those files again, and a shard's journal is the part that
/// `loupe merge` combines.
///
/// The file starts with a magic line; then come records, each its length, a CRC-32 and its
/// bytes: the header first, then one record per file. A run killed in the middle of a write
/// leaves a torn last record, which the reader detects and drops, so the journal is always a
/// clean prefix of the run.
public final class Journal {
    /// The journal of the output at `path`.
    public static func path(forOutput path: String) -> String { path + ".journal" }

    private static let magic = Array("LOUPE JOURNAL 4\n".utf8)

    /// The journal's path.
    public let path: String
    private let descriptor: Int32
    private var lastSync = monotonicNanoseconds()
    /// Records appended and not yet written: ``flush()`` writes them in one call.
    private var pending: [UInt8] = []

    /// Starts a new journal at `path` (replacing any), beginning with `header`.
    public init(creating path: String, header: JournalHeader) throws(JournalError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw JournalError(path: path, reason: "cannot create: \(String(cString: strerror(errno)))") }
        try write(Self.magic)
        try append(record: header.encoded)
        try flush()
    }

    /// Opens the journal at `path` to go on with the run it records: returns it, with the
    /// files already done, after checking it belongs to a run like `expected`.
    public static func resume(at path: String, expecting expected: JournalHeader) throws(JournalError)
        -> (journal: Journal, done: [Coordinator.FileOutcome])
    {
        let contents = try read(path: path)
        guard contents.header == expected else {
            throw JournalError(
                path: path,
                reason: "is the journal of a different run (the script, its options or the corpus's files changed "
                    + "since); run again without --resume to start over")
        }
        // The files done must be as they were read (or still unreadable): their results are
        // kept, not read again.
        if expected.setup.fingerprints,
            let changed = contents.files.first(where: { FileInput.fingerprint(path: $0.path).sha256 != $0.reading.sha256 })
        {
            throw JournalError(
                path: path,
                reason: "is the journal of a run over another version of \(changed.path) (it changed since it was read); "
                    + "run again without --resume to start over")
        }
        let journal = try Journal(appendingTo: path, keeping: contents.validLength)
        return (journal, contents.files)
    }

    private init(appendingTo path: String, keeping length: Int) throws(JournalError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0, ftruncate(descriptor, off_t(length)) == 0, lseek(descriptor, 0, SEEK_END) >= 0 else {
            throw JournalError(path: path, reason: "cannot reopen: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        try? flush()
        close(descriptor)
    }

    /// Records that `file` is done; the record is written by the next ``flush()`` (or as soon
    /// as records pile up).
    public func append(_ file: Coordinator.FileOutcome) throws(JournalError) {
        var out = WireWriter()
        out.writeNumber(file.index)
        out.writeString(LuaString(file.path))
        file.reading.encode(into: &out)
        out.writeCount(file.documents.count)
        for document in file.documents { document.encode(into: &out) }
        try append(record: out.bytes)
        if pending.count >= 1 << 20 { try flush() }
    }

    /// Writes the records appended since the last call: a run calls it each time it has
    /// handed on what its workers sent, before it waits for them again (one write for many
    /// files, rather than one each).
    public func flush() throws(JournalError) {
        guard !pending.isEmpty else { return }
        try write(pending)
        pending.removeAll(keepingCapacity: true)
        // Written bytes survive the process being killed; syncing, at most once a second,
        // makes them survive the machine stopping too.
        let now = monotonicNanoseconds()
        if now - lastSync > 1_000_000_000 {
            fsync(descriptor)
            lastSync = now
        }
    }

    /// Deletes the journal (the run it records is complete).
    public func remove() {
        unlink(path)
    }

    private func append(record: [UInt8]) throws(JournalError) {
        let checksum = UInt32(record.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) })
        for value in [UInt32(record.count), checksum] {
            for shift in stride(from: 0, to: 32, by: 8) { pending.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        pending += record
    }

    private func write(_ bytes: [UInt8]) throws(JournalError) {
        let code = bytes.withUnsafeBytes { POSIX.writeFully(descriptor, $0) }
        if code != 0 { throw JournalError(path: path, reason: "cannot write: \(String(cString: strerror(code)))") }
    }

    /// Reads a journal: its header, the files it records as done, and the length of its
    /// clean part (a torn last record is left out).
    public static func read(path: String) throws(JournalError) -> (header: JournalHeader, files: [Coordinator.FileOutcome], validLength: Int) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: path, maxBytes: Int.max)
        } catch {
            throw JournalError(path: path, reason: "cannot read: \(error); run again without --resume to start over")
        }
        guard bytes.starts(with: magic) else {
            if bytes.starts(with: magic.dropLast(2)) {
                throw JournalError(path: path, reason: "was written by another version of Loupe; run again without --resume to start over")
            }
            throw JournalError(path: path, reason: "is not a Loupe journal")
        }
        var offset = magic.count
        var records: [[UInt8]] = []
        while bytes.count - offset >= 8 {
            let length = Int(littleEndian32(bytes, offset)), checksum = littleEndian32(bytes, offset + 4)
            guard length <= bytes.count - offset - 8 else { break }
            let record = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            guard UInt32(record.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }) == checksum else { break }
            records.append(record)
            offset += 8 + length
        }
        guard let first = records.first else {
            throw JournalError(path: path, reason: "holds no header; run again without --resume to start over")
        }
        do throws(WireError) {
            let header = try JournalHeader(decoding: first)
            var files: [Coordinator.FileOutcome] = []
            for record in records.dropFirst() {
                var input = WireReader(record)
                let index = try input.readNumber()
                let filePath = try input.readString().text
                let reading = try FileReading(decoding: &input)
                var documents: [DocumentOutcome] = []
                for _ in 0..<(try input.readCount()) { documents.append(try DocumentOutcome(decoding: &input)) }
                try input.expectEnd()
                files.append(Coordinator.FileOutcome(index: index, path: filePath, documents: documents, reading: reading))
            }
            return (header, files, offset)
        } catch {
            throw JournalError(path: path, reason: "is corrupt (\(error)); run again without --resume to start over")
        }
    }

    private static func littleEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
    }
}

extension JournalHeader {
    var encoded: [UInt8] {
        var out = WireWriter()
        out.writeBytes(WorkerRequest.setup(setup).frame.payload)
        out.writeCount(workerOptions.count)
        for option in workerOptions { out.writeString(LuaString(option)) }
        out.writeCount(files.count)
        for file in files { out.writeString(LuaString(file)) }
        return out.bytes
    }

    init(decoding bytes: [UInt8]) throws(WireError) {
        var input = WireReader(bytes)
        let setupBytes = try input.readBytes()
        guard case .setup(let setup)? = try? WorkerRequest(frame: Frame(kind: 1, payload: setupBytes)) else {
            throw input.malformed("the script's setup")
        }
        self.setup = setup
        workerOptions = []
        for _ in 0..<(try input.readCount()) { workerOptions.append(try input.readString().text) }
        files = []
        for _ in 0..<(try input.readCount()) { files.append(try input.readString().text) }
        try input.expectEnd()
    }
}
