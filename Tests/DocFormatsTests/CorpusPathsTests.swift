import DocFormats
import DocModel
import Foundation
import LoupeTestSupport
import Testing

/// Listing a corpus from command-line arguments: directories, globs, `**`, order, errors.
@Suite struct CorpusPathsTests {
    /// A small tree: known and unknown extensions, hidden files and folders, nested folders.
    private func makeTree(in dir: URL) throws {
        for name in [
            "corpus/b.txt", "corpus/a.txt", "corpus/A.md", "corpus/c.jsonl.gz", "corpus/notes.pdf", "corpus/README",
            "corpus/.hidden.txt", "corpus/.cache/x.txt", "corpus/2021/z.csv", "corpus/2021/deep/y.tsv",
            "corpus/2021/deep/skip.docx", "corpus/a.b/inner.json", "corpus/_under.html", "corpus/UPPER.TXT",
            "other/one.jsonl", "other/two.jsonl", "other/three.txt",
        ] {
            try writeText("x", name, in: dir)
        }
    }

    @Test func directoriesAreWalkedInByteOrderSkippingHiddenAndUnknown() throws {
        try withTemporaryDirectory { dir in
            try makeTree(in: dir)
            let root = dir.path + "/corpus"
            let files = try CorpusPaths.list([root])
            #expect(files == [
                "2021/deep/y.tsv", "2021/z.csv", "A.md", "UPPER.TXT", "_under.html", "a.b/inner.json", "a.txt", "b.txt",
                "c.jsonl.gz",
            ].map { root + "/" + $0 })
            // A trailing slash does not double.
            #expect(try CorpusPaths.list([root + "/"]) == files)
        }
    }

    @Test func namedFilesAreTakenWhateverTheirExtensionAndOrderOfArgumentsIsKept() throws {
        try withTemporaryDirectory { dir in
            try makeTree(in: dir)
            let base = dir.path
            let files = try CorpusPaths.list([
                base + "/other/two.jsonl", base + "/corpus/notes.pdf", base + "/corpus/.hidden.txt", base + "/other",
            ])
            #expect(files == [
                base + "/other/two.jsonl", base + "/corpus/notes.pdf", base + "/corpus/.hidden.txt",
                base + "/other/one.jsonl", base + "/other/three.txt",
            ])
        }
    }

    @Test func globsAreExpandedAndSorted() throws {
        try withTemporaryDirectory { dir in
            try makeTree(in: dir)
            let base = dir.path
            #expect(try CorpusPaths.list([base + "/other/*.jsonl"]) == [base + "/other/one.jsonl", base + "/other/two.jsonl"])
            // `*` does not match hidden names; matched folders are walked.
            #expect(try CorpusPaths.list([base + "/corpus/*.txt"]) == [base + "/corpus/a.txt", base + "/corpus/b.txt"])
            #expect(try CorpusPaths.list([base + "/corpus/20[0-9][0-9]"]) == [
                base + "/corpus/2021/deep/y.tsv", base + "/corpus/2021/z.csv",
            ])
            #expect(try CorpusPaths.list([base + "/*/t*"]) == [base + "/other/three.txt", base + "/other/two.jsonl"])
        }
    }

    @Test func doubleStarMatchesAnyDepthIncludingNone() throws {
        try withTemporaryDirectory { dir in
            try makeTree(in: dir)
            let root = dir.path + "/corpus"
            #expect(try CorpusPaths.list([root + "/**/*.txt"]) == [root + "/a.txt", root + "/b.txt"])
            #expect(try CorpusPaths.list([root + "/**/*.?sv"]) == [root + "/2021/deep/y.tsv", root + "/2021/z.csv"])
            #expect(try CorpusPaths.list([root + "/**/deep/*"]) == [root + "/2021/deep/skip.docx", root + "/2021/deep/y.tsv"])
            #expect(try CorpusPaths.list([root + "/2021/**"]) == [root + "/2021/deep/y.tsv", root + "/2021/z.csv"])
            #expect(try CorpusPaths.list([dir.path + "/*/**/one.*"]) == [dir.path + "/other/one.jsonl"])
        }
    }

    @Test func filesNamedTwiceAreReadOnce() throws {
        try withTemporaryDirectory { dir in
            try makeTree(in: dir)
            let base = dir.path
            let files = try CorpusPaths.list([base + "/other/one.jsonl", base + "/other/*.jsonl"])
            #expect(files == [base + "/other/one.jsonl", base + "/other/two.jsonl"])
        }
    }

    @Test func folderNamesWithGlobCharactersAreLiteral() throws {
        try withTemporaryDirectory { dir in
            try writeText("x", "odd[1]/in.txt", in: dir)
            try writeText("x", "odd1/decoy.txt", in: dir)
            let root = dir.path
            #expect(try CorpusPaths.list([root + "/**/*.txt"]) == [root + "/odd1/decoy.txt", root + "/odd[1]/in.txt"])
        }
    }

    @Test func linkLoopsEnd() throws {
        try withTemporaryDirectory { dir in
            try writeText("x", "loop/a.txt", in: dir)
            try FileManager.default.createSymbolicLink(atPath: dir.path + "/loop/again", withDestinationPath: dir.path + "/loop")
            #expect(try CorpusPaths.list([dir.path + "/loop"]) == [dir.path + "/loop/a.txt"])
        }
    }


    @Test func linksAreFollowedAndOnlyFilesAndFoldersAreTaken() throws {
        try withTemporaryDirectory { dir in
            try writeText("x", "corpus/a.txt", in: dir)
            try writeText("x", "elsewhere/b.txt", in: dir)
            try writeText("x", "elsewhere/deep/c.txt", in: dir)
            let corpus = dir.path + "/corpus"
            // A link to a file, to a folder, and to nothing; and a named pipe.
            try FileManager.default.createSymbolicLink(atPath: corpus + "/linked.txt", withDestinationPath: dir.path + "/elsewhere/b.txt")
            try FileManager.default.createSymbolicLink(atPath: corpus + "/folder", withDestinationPath: dir.path + "/elsewhere/deep")
            try FileManager.default.createSymbolicLink(atPath: corpus + "/gone.txt", withDestinationPath: dir.path + "/nowhere.txt")
            #expect(mkfifo(corpus + "/pipe.txt", 0o600) == 0)
            let expected = [corpus + "/a.txt", corpus + "/folder/c.txt", corpus + "/linked.txt"]
            #expect(try CorpusPaths.list([corpus]) == expected)
            #expect(try CorpusPaths.list([corpus + "/*"]) == expected)
            #expect(try CorpusPaths.list([corpus + "/**/*.txt"]) == expected)
            // A folder named by a pattern ending in `/` is walked; a file is not matched by it.
            #expect(try CorpusPaths.list([corpus + "/f*/"]) == [corpus + "/folder/c.txt"])
            #expect(throws: DocumentError.self) { try CorpusPaths.list([corpus + "/a*/"]) }
        }
    }

    @Test func patternsTakeEscapesAndLiteralParts() throws {
        try withTemporaryDirectory { dir in
            try writeText("x", "2021/notes.txt", in: dir)
            try writeText("x", "2022/other.txt", in: dir)
            try writeText("x", "star*/a.txt", in: dir)
            try writeText("x", "stars/b.txt", in: dir)
            let root = dir.path
            // A literal last part must exist.
            #expect(try CorpusPaths.list([root + "/20*/notes.txt"]) == [root + "/2021/notes.txt"])
            // `\\*` is a literal star.
            #expect(try CorpusPaths.list([root + "/star\\*/*.txt"]) == [root + "/star*/a.txt"])
            #expect(try CorpusPaths.list([root + "/star?/*.txt"]) == [root + "/star*/a.txt", root + "/stars/b.txt"])
        }
    }

    @Test func missingPathsAndEmptyMatchesAreErrors() throws {
        try withTemporaryDirectory { dir in
            try makeTree(in: dir)
            let base = dir.path
            #expect(throws: DocumentError(path: base + "/nowhere", reason: "no such file or directory; check the path")) {
                try CorpusPaths.list([base + "/other", base + "/nowhere"])
            }
            #expect(throws: DocumentError(
                path: base + "/other/*.csv",
                reason: "no file matches this pattern; check it (a name starting with '.' matches only a pattern that starts with '.')"
            )) {
                try CorpusPaths.list([base + "/other/*.csv"])
            }
            try FileManager.default.createDirectory(atPath: base + "/empty/sub", withIntermediateDirectories: true)
            try writeText("x", "empty/sub/image.png", in: dir)
            do throws(DocumentError) {
                _ = try CorpusPaths.list([base + "/empty"])
                Issue.record("an empty folder should be an error")
            } catch {
                #expect(error.path == base + "/empty")
                #expect(error.reason.hasPrefix("is a directory that holds no file Loupe reads (.csv, .htm, .html, .json,"))
            }
            #expect(throws: DocumentError.self) { try CorpusPaths.list([base + "/**/*.xyz"]) }
        }
    }
}
