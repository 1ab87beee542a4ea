/// `make eval`: measures extraction quality against gold data in ../shared/corpus.
@main
enum LoupeEval {
    static func main() {
        print("loupe-eval: nothing to evaluate yet")
    }
}
