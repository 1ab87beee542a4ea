import DocModel
import LuaRuntime

/// `Corpus`: the documents `loupe repl` was given, read on first access.
enum CorpusClass {
    static let luaClass: LuaClass<LazyCorpus> = LuaClass<LazyCorpus>(
        "Corpus",
        summary: "The documents given to `loupe repl` (global `corpus`): `#corpus`, `corpus[i]`, `corpus:find(id)`, `for doc in corpus do … end`. Each file is read the first time it is used.")
        .method("find", LuaDoc(
            "The document whose id is `id`.",
            details: "Files whose name gives that id are read first; otherwise every file is read in turn until one has it.",
            parameters: [.init("id", "string", "a document id (`doc.id`)")],
            results: [.init("Document?", "nil when no document has that id")],
            example: #"local d = corpus:find("rail-strike")"#)) { corpus, frame in
            guard let index = corpus.index(ofID: try frame.string(2)) else { return frame.returning(LuaValue.nil) }
            try frame.pushDocument(at: index, of: corpus)
            return 1
        }
        .fallback { corpus, frame in
            // corpus[i]: the i-th document, read now if needed.
            guard frame.type(2) == .number, let i = try? frame.integer(2) else {
                if frame.type(2) == .string {
                    throw LuaCallError.message("no field '\(try frame.string(2))' in Corpus")
                }
                return frame.returning(LuaValue.nil)
            }
            guard i >= 1, i <= corpus.count else { return frame.returning(LuaValue.nil) }
            try frame.pushDocument(at: Int(i) - 1, of: corpus)
            return 1
        }
        .metamethod("__len", LuaDoc("The number of documents.", results: [.init("integer", "")])) { corpus, frame in
            frame.returning(corpus.count)
        }
        .metamethod("__call", LuaDoc(
            "Iteration: `for doc in corpus do … end` visits the documents in corpus order, reading each.",
            results: [.init("Document?", "")])) { corpus, frame in
            // Called by the generic for as corpus(nil, previous document).
            var next = 0
            if let previous = frame.optionalObject(3, DocumentClass.luaClass) {
                next = (corpus.index(of: previous) ?? corpus.count) + 1
            }
            guard next < corpus.count else { return frame.returning(LuaValue.nil) }
            try frame.pushDocument(at: next, of: corpus)
            return 1
        }
        .metamethod("__tostring", LuaDoc("`Corpus(2000 documents, 3 read)`.")) { corpus, frame in
            frame.returning("Corpus(\(corpus.count) documents, \(corpus.loadedCount) read)")
        }
}

extension LuaFrame {
    /// Pushes entry `index` (0-based) of `corpus`, reading it if needed.
    /// - Throws: "corpus[3]: notes/c.txt: …" when it cannot be read.
    fileprivate func pushDocument(at index: Int, of corpus: LazyCorpus) throws(LuaCallError) {
        let document: Document
        do throws(DocumentError) {
            document = try corpus.document(at: index)
        } catch {
            throw .message("corpus[\(index + 1)]: \(error)")
        }
        try push(document)
    }
}
