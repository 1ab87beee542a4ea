import Foundation
import LoupeEngine
import LoupeTestSupport
import Testing

/// Run manifests: SHA-256 sums, deterministic bytes, and reading them back.
@Suite struct ManifestTests {
    @Test func sha256MatchesKnownVectors() throws {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(of: Array("The quick brown fox jumps over the lazy dog".utf8))
                == "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592")
    }

    @Test func filesAreHashedInPieces() throws {
        try withTemporaryDirectory { dir in
            let million = try writeFile("a.txt", String(repeating: "a", count: 1_000_000), in: dir)
            #expect(try FileFingerprint.of(path: million) == FileFingerprint(
                path: million, size: 1_000_000, sha256: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"))
            // Larger than the 1 MiB read size, and not a multiple of it.
            let large = (0..<(3 << 20) + 5).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = dir.appendingPathComponent("large.bin").path
            try Data(large).write(to: URL(fileURLWithPath: path))
            #expect(try FileFingerprint.of(path: path) == FileFingerprint(path: path, size: Int64(large.count), sha256: SHA256.hex(of: large)))
            let error = #expect(throws: OutputError.self) { try FileFingerprint.of(path: dir.appendingPathComponent("missing").path) }
            #expect(error?.message.contains("cannot open it to compute its SHA-256") == true)
        }
    }

    static let sample = Manifest(
        loupeVersion: "0.1.0",
        script: FileFingerprint(path: "scripts/quotes.lua", size: 120, sha256: String(repeating: "ab", count: 32)),
        options: ["jobs": "2", "format": "csv", "Title": "first-line"],
        plugins: [PluginVersion(name: "quotes", version: "1.2.0", sha256: String(repeating: "cd", count: 32))],
        inputs: [
            FileFingerprint(path: "corpus/a.txt", size: 10, sha256: String(repeating: "01", count: 32)),
            FileFingerprint(path: "corpus/b \"x\".jsonl", size: 20, sha256: String(repeating: "02", count: 32)),
        ],
        failures: [FailureRecord(path: "corpus/b \"x\".jsonl", id: "7", reason: "script.lua:3: boom\ntraceback")],
        summary: RunSummary(documentsRead: 4, documentsSkipped: 1, documentsFailed: 1, rows: ["rows": 9, "people": 3]),
        timing: RunTiming(started: Date(timeIntervalSince1970: 1_736_847_000.75), wallSeconds: 1.5))

    @Test func theTextIsFixedByTheContent() {
        #expect(Self.sample.rendered() == """
            {
              "manifest_version": 1,
              "loupe_version": "0.1.0",
              "script": {
                "path": "scripts/quotes.lua",
                "size": 120,
                "sha256": "\(String(repeating: "ab", count: 32))"
              },
              "options": {
                "Title": "first-line",
                "format": "csv",
                "jobs": "2"
              },
              "plugins": [
                {"name": "quotes", "version": "1.2.0", "sha256": "\(String(repeating: "cd", count: 32))"}
              ],
              "inputs": [
                {"path": "corpus/a.txt", "size": 10, "sha256": "\(String(repeating: "01", count: 32))"},
                {"path": "corpus/b \\"x\\".jsonl", "size": 20, "sha256": "\(String(repeating: "02", count: 32))"}
              ],
              "failures": [
                {"path": "corpus/b \\"x\\".jsonl", "id": "7", "reason": "script.lua:3: boom\\ntraceback"}
              ],
              "summary": {
                "documents_read": 4,
                "documents_skipped": 1,
                "documents_failed": 1,
                "rows": {"people": 3, "rows": 9}
              },
              "timing": {
                "started": "2025-01-14T09:30:00Z",
                "wall_seconds": 1.5
              }
            }

            """)
    }

    @Test func identicalRunsDifferOnlyInTiming() {
        var other = Self.sample
        other.timing = RunTiming(started: Date(), wallSeconds: 99.25)
        // Dictionaries built in another order give the same text.
        other.options = [:]
        for key in ["Title", "jobs", "format"].reversed() { other.options[key] = Self.sample.options[key] }
        #expect(other.rendered() != Self.sample.rendered())
        #expect(other.rendered(includingTiming: false) == Self.sample.rendered(includingTiming: false))
        #expect(!Self.sample.rendered(includingTiming: false).contains("timing"))
    }

    @Test func aWrittenManifestReadsBack() throws {
        try withTemporaryDirectory { dir in
            let path = Manifest.path(forOutput: dir.appendingPathComponent("out.csv").path)
            #expect(path.hasSuffix("/out.csv.manifest.json"))
            try writeFile("out.csv.manifest.json", "previous", in: dir)
            try Self.sample.write(to: path)
            #expect(try contents(of: path) == Self.sample.rendered())
            #expect(try Manifest.read(from: path) == Self.sample)
            #expect(try listing(of: dir) == ["out.csv.manifest.json"])
            var bare = Manifest(script: FileFingerprint(path: "s.lua", size: 0, sha256: SHA256.hex(of: [])))
            bare.failures = [FailureRecord(path: "x.txt", reason: "empty")]
            try bare.write(to: path)
            #expect(try Manifest.read(from: path) == bare)
        }
    }

    @Test func badManifestsAreExplained() throws {
        let valid = Self.sample.rendered()
        #expect(try readError("{") == "not a Loupe manifest: the file is not valid JSON")
        #expect(
            try readError(valid.replacingOccurrences(of: "\"documents_failed\"", with: "\"failed\""))
                == "not a Loupe manifest: 'summary.documents_failed' should be a value; was the file edited?")
        #expect(
            try readError(valid.replacingOccurrences(of: "\"size\": 10", with: "\"size\": \"10\""))
                == "not a Loupe manifest: 'inputs[1].size' should be an integer; was the file edited?")
        let newer = try readError(valid.replacingOccurrences(of: "\"manifest_version\": 1", with: "\"manifest_version\": 2"))
        #expect(newer?.contains("written by a newer Loupe") == true)
        #expect(try readError("[]")?.contains("'(top)' should be an object") == true)
        let missing = #expect(throws: OutputError.self) { try Manifest.read(from: "/nonexistent-loupe/m.json") }
        #expect(missing?.message.hasPrefix("/nonexistent-loupe/m.json: cannot read the manifest") == true)
    }

    /// The message of reading `text` as a manifest, after the path and colon.
    private func readError(_ text: String) throws -> String? {
        try withTemporaryDirectory { dir in
            let path = try writeFile("m.json", text, in: dir)
            let error = #expect(throws: OutputError.self) { try Manifest.read(from: path) }
            return error.map { String($0.message.dropFirst(path.count + 2)) }
        }
    }
}
