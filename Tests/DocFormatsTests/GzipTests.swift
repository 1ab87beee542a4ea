import Checksums
@testable import DocFormats
import DocModel
import Foundation
import LoupeTestSupport
import Testing

/// gzip: transparent for every format, capped on the decompressed size.
@Suite struct GzipTests {
    private let sample = Array(String(repeating: "Kelp beds thickened along the breakwater. ", count: 500).utf8)

    @Test func roundTripsInMemory() throws {
        let packed = Gzip.compress(sample)
        #expect(packed.count < sample.count / 10)
        #expect(packed.prefix(2) == [0x1F, 0x8B])
        #expect(try Gzip.decompress(packed, limit: 1 << 20) == sample)
    }

    @Test func readsFilesMadeByTheGzipTool() throws {
        try withTemporaryDirectory { dir in
            let plain = try writeBytes(sample, "notes.txt", in: dir)
            let packed = try gzipWithTool(plain)
            #expect(try FileInput.read(path: packed, maxBytes: 1 << 20) == sample)
        }
    }

    @Test func readingTellsTheSizeAndSHA256OfTheBytesOnDisk() throws {
        try withTemporaryDirectory { dir in
            let packedBytes = Gzip.compress(sample)
            let packed = try writeBytes(packedBytes, "notes.txt.gz", in: dir)
            let plain = try writeBytes(sample, "notes.txt", in: dir)
            for (path, onDisk) in [(packed, packedBytes), (plain, sample)] {
                var reading = FileReading()
                #expect(try FileInput.read(path: path, maxBytes: 1 << 20, hashing: true, reading: &reading) == sample)
                #expect(reading == FileReading(size: Int64(onDisk.count), sha256: SHA256.hex(of: onDisk), bytes: sample.count))
                // Without hashing, the sizes alone.
                _ = try FileInput.read(path: path, maxBytes: 1 << 20, hashing: false, reading: &reading)
                #expect(reading == FileReading(size: Int64(onDisk.count), sha256: "", bytes: sample.count))
            }
            // A file that cannot be read gives nothing.
            var reading = FileReading(size: 1, sha256: "x", bytes: 1)
            _ = DocumentLoader.load(path: dir.path + "/missing.txt", hashing: true, reading: &reading)
            #expect(reading == FileReading())
        }
    }

    @Test func concatenatedMembersDecompressToTheirConcatenation() throws {
        let first = Array("Shoal one. ".utf8), second = Array("Shoal two.".utf8)
        let joined = Gzip.compress(first) + Gzip.compress(second) + [0, 0, 0]  // and tape padding
        #expect(try Gzip.decompress(joined, limit: 100) == first + second)
    }

    @Test func aGzipBombFailsAtTheLimit() throws {
        // 64 MiB of zeros compress to about 64 KiB; the limit stops reading at 1 MiB.
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 64 << 20), level: 9)
        #expect(bomb.count < 100_000)
        #expect(throws: GzipError.tooLarge(limit: 1 << 20)) { try Gzip.decompress(bomb, limit: 1 << 20) }
        try withTemporaryDirectory { dir in
            let path = try writeBytes(bomb, "bomb.jsonl.gz", in: dir)
            let results = DocumentLoader.load(path: path, options: FormatOptions(reader: ReaderOptions(maxBytes: 1 << 20)))
            #expect(results.failures == [
                "\(path): decompresses to more than 1048576 bytes, over the limit of 1048576 bytes; raise it with --max-doc-bytes or split the file",
            ])
        }
    }

    @Test func exactlyTheLimitIsAllowed() throws {
        let data = [UInt8](repeating: 0x61, count: 200_000)
        #expect(try Gzip.decompress(Gzip.compress(data), limit: 200_000) == data)
        #expect(throws: GzipError.tooLarge(limit: 199_999)) { try Gzip.decompress(Gzip.compress(data), limit: 199_999) }
    }

    @Test func corruptTruncatedAndEmptyData() throws {
        let packed = Gzip.compress(sample)
        #expect(throws: GzipError.truncated) { try Gzip.decompress(Array(packed.prefix(packed.count / 2)), limit: 1 << 20) }
        #expect(throws: GzipError.invalid("incorrect header check")) {
            try Gzip.decompress(Array("plain text, not gzip".utf8), limit: 1 << 20)
        }
        #expect(throws: GzipError.invalid("the file is empty")) { try Gzip.decompress([], limit: 10) }
        #expect(throws: GzipError.invalid("unexpected data after the end of the compressed stream")) {
            try Gzip.decompress(packed + Array("junk".utf8), limit: 1 << 20)
        }
        try withTemporaryDirectory { dir in
            let path = try writeText("not compressed at all", "fake.txt.gz", in: dir)
            let failure = DocumentLoader.load(path: path).failures.first ?? ""
            #expect(failure.hasPrefix("\(path): is not valid gzip data ("))
            #expect(failure.hasSuffix("remove its .gz extension if it is not compressed"))
        }
    }

    @Test func everyFormatReadsCompressed() throws {
        try withTemporaryDirectory { dir in
            let sources: [(String, String)] = [
                ("a.txt", "Title: Dock report\n\nThe crane was idle.\n"),
                ("b.md", "# Tides\n\nSpring tides came.\n"),
                ("c.json", #"[{"id": "j1", "text": "Foghorns sounded."}]"#),
                ("d.jsonl", "{\"id\": \"l1\", \"text\": \"Buoys drifted.\"}\n{\"id\": \"l2\", \"text\": \"Rope frayed.\"}\n"),
                ("e.csv", "id,text\nc1,\"Salt, wind\"\n"),
                ("f.tsv", "id\ttext\nt1\tOars creaked.\n"),
            ]
            for (name, contents) in sources {
                let plainPath = try writeText(contents, name, in: dir)
                let plain = DocumentLoader.load(path: plainPath)
                let packedPath = try gzipWithTool(plainPath)
                let packed = DocumentLoader.load(path: packedPath)
                #expect(packed.failures.isEmpty, "\(name).gz: \(packed.failures)")
                #expect(packed.documents.count == plain.documents.count && !plain.documents.isEmpty, "\(name)")
                #expect(packed.documents.map(\.text) == plain.documents.map(\.text), "\(name)")
                #expect(packed.documents.map(\.id) == plain.documents.map(\.id), "\(name)")
                #expect(packed.documents.map(\.meta) == plain.documents.map(\.meta), "\(name)")
            }
        }
    }
}
