import Aggregates
import DocFormats
import LoupeBindings
import LuaRuntime

// The messages on the pipes, as frames: one kind byte per message, the fields in the compact
// coding of ``WireWriter``. Both ends are the same binary, so the coding has no versions.

extension WorkerRequest {
    private enum Kind: UInt8 {
        case setup = 1, file, finish
    }

    /// The request as a frame.
    public var frame: Frame {
        var out = WireWriter()
        switch self {
        case .setup(let setup):
            out.writeString(LuaString(setup.path))
            out.writeString(LuaString(setup.source))
            out.writeCount(setup.arguments.count)
            for argument in setup.arguments { out.writeString(LuaString(argument)) }
            out.writeNumber(setup.shard.index)
            out.writeNumber(setup.shard.count)
            setup.plugins.encode(into: &out)
            out.writeByte(setup.fingerprints ? 1 : 0)
            return Frame(kind: Kind.setup.rawValue, payload: out.bytes)
        case .file(let index, let path, let firstRecord, let skipping):
            out.writeNumber(index)
            out.writeString(LuaString(path))
            out.writeNumber(firstRecord)
            out.writeCount(skipping.count)
            for record in skipping { out.writeNumber(record) }
            return Frame(kind: Kind.file.rawValue, payload: out.bytes)
        case .finish(let aggregates):
            out.writeBytes(aggregates)
            return Frame(kind: Kind.finish.rawValue, payload: out.bytes)
        }
    }

    /// Reads a request from `frame`.
    public init(frame: Frame) throws(FrameError) {
        var input = WireReader(frame.payload)
        do throws(WireError) {
            switch Kind(rawValue: frame.kind) {
            case .setup:
                let path = try input.readString().text
                let source = try input.readString().text
                var arguments: [String] = []
                for _ in 0..<(try input.readCount()) { arguments.append(try input.readString().text) }
                let shard = Shard(index: try input.readNumber(), count: try input.readNumber())
                let plugins = try PluginRuntime(decoding: &input)
                let fingerprints = try input.readByte() != 0
                self = .setup(WorkerSetup(
                    path: path, source: source, arguments: arguments, shard: shard, plugins: plugins, fingerprints: fingerprints))
            case .file:
                let index = try input.readNumber()
                let path = try input.readString().text
                let firstRecord = try input.readNumber()
                var skipping: [Int] = []
                for _ in 0..<(try input.readCount()) { skipping.append(try input.readNumber()) }
                self = .file(index: index, path: path, firstRecord: firstRecord, skipping: skipping)
            case .finish:
                self = .finish(aggregates: try input.readBytes())
            case nil:
                throw input.malformed("unknown request kind \(frame.kind)")
            }
            try input.expectEnd()
        } catch {
            throw FrameError.corrupt(error.description)
        }
    }
}

extension WorkerReply {
    private enum Kind: UInt8 {
        case ready = 1, scriptFailed, document, fileDone, printed, finished
    }

    /// The reply as a frame.
    public var frame: Frame {
        var out = WireWriter()
        let kind: Kind
        switch self {
        case .ready:
            kind = .ready
        case .scriptFailed(let message):
            kind = .scriptFailed
            out.writeString(LuaString(message))
        case .document(let outcome):
            kind = .document
            outcome.encode(into: &out)
        case .fileDone(let reading):
            kind = .fileDone
            reading.encode(into: &out)
        case .printed(let line):
            kind = .printed
            out.writeString(LuaString(line))
        case .finished(let outcome):
            kind = .finished
            Self.write(outcome.rows, into: &out)
            Self.write(outcome.report, into: &out)
            out.writeOptionalString(outcome.failure)
        }
        return Frame(kind: kind.rawValue, payload: out.bytes)
    }

    /// Reads a reply from `frame`.
    public init(frame: Frame) throws(FrameError) {
        var input = WireReader(frame.payload)
        do throws(WireError) {
            switch Kind(rawValue: frame.kind) {
            case .ready: self = .ready
            case .scriptFailed: self = .scriptFailed(try input.readString().text)
            case .document:
                self = .document(try DocumentOutcome(decoding: &input))
            case .fileDone: self = .fileDone(try FileReading(decoding: &input))
            case .printed: self = .printed(try input.readString().text)
            case .finished:
                let rows = try Self.readRows(&input)
                let report = try Self.readReport(&input)
                self = .finished(FinishOutcome(rows: rows, report: report, failure: try input.readOptionalString()))
            case nil:
                throw input.malformed("unknown reply kind \(frame.kind)")
            }
            try input.expectEnd()
        } catch {
            throw FrameError.corrupt(error.description)
        }
    }

    static func write(_ rows: [EmittedRow], into out: inout WireWriter) {
        out.writeCount(rows.count)
        for row in rows {
            out.writeString(LuaString(row.table))
            out.writeValue(.table(row.fields))
        }
    }

    static func write(_ report: [ReportItem], into out: inout WireWriter) {
        out.writeCount(report.count)
        for item in report { item.encode(into: &out) }
    }

    static func readReport(_ input: inout WireReader) throws(WireError) -> [ReportItem] {
        var items: [ReportItem] = []
        for _ in 0..<(try input.readCount()) { items.append(try ReportItem(decoding: &input)) }
        return items
    }

    static func readRows(_ input: inout WireReader) throws(WireError) -> [EmittedRow] {
        var rows: [EmittedRow] = []
        for _ in 0..<(try input.readCount()) {
            let table = try input.readString().text
            guard case .table(let fields) = try input.readValue() else { throw input.malformed("a row is not a table") }
            rows.append(EmittedRow(table: table, fields: fields))
        }
        return rows
    }
}

extension DocumentOutcome {
    /// Writes the outcome (on the pipe, and in the journal).
    func encode(into out: inout WireWriter) {
        out.writeNumber(record)
        out.writeString(LuaString(id))
        switch result {
        case .success(let products):
            out.writeByte(0)
            WorkerReply.write(products.rows, into: &out)
            out.writeBytes(products.aggregates)
            WorkerReply.write(products.report, into: &out)
        case .failure(let failure):
            out.writeByte(failure.kind.rawValue)
            out.writeString(LuaString(failure.message))
        }
    }

    /// Reads what ``encode(into:)`` wrote.
    init(decoding input: inout WireReader) throws(WireError) {
        record = try input.readNumber()
        id = try input.readString().text
        let status = try input.readByte()
        if status == 0 {
            let rows = try WorkerReply.readRows(&input)
            let aggregates = try input.readBytes()
            result = .success(DocumentProducts(rows: rows, aggregates: aggregates, report: try WorkerReply.readReport(&input)))
        } else if let kind = DocumentFailure.Kind(rawValue: status) {
            result = .failure(DocumentFailure(kind, try input.readString().text))
        } else {
            throw input.malformed("unknown document status \(status)")
        }
    }
}

extension FileReading {
    /// Writes what reading a file gave (on the pipe, and in the journal).
    func encode(into out: inout WireWriter) {
        out.writeNumber(Int(size))
        out.writeString(LuaString(sha256))
        out.writeNumber(bytes)
    }

    /// Reads what ``encode(into:)`` wrote.
    init(decoding input: inout WireReader) throws(WireError) {
        self.init(size: Int64(try input.readNumber()), sha256: try input.readString().text, bytes: try input.readNumber())
    }
}

// Positions and counts that are numbers rather than the lengths of what follows.
extension WireWriter {
    mutating func writeNumber(_ value: Int) { writeUnsigned(UInt64(max(0, value))) }
}

extension WireReader {
    mutating func readNumber() throws(WireError) -> Int {
        let value = try readUnsigned()
        guard value <= UInt64(Int.max) else { throw malformed("a number out of range") }
        return Int(value)
    }
}
