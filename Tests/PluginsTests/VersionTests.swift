import Plugins
import Testing

/// Semantic versions and ranges, with Cargo's and npm's meanings.
@Suite struct VersionTests {
    @Test func parsesAndOrdersVersions() {
        #expect(SemanticVersion("1.2.3")?.description == "1.2.3")
        #expect(SemanticVersion("1.2") == nil)
        #expect(SemanticVersion("01.2.3") == nil)
        #expect(SemanticVersion("v1.2.3") == nil)
        #expect(SemanticVersion(tag: "v1.2.3") == v("1.2.3"))
        #expect(v("1.2.0") < v("1.10.0"))
        #expect(v("1.0.0-alpha") < v("1.0.0-alpha.1"))
        #expect(v("1.0.0-alpha.1") < v("1.0.0-beta"))
        #expect(v("1.0.0-beta.2") < v("1.0.0-beta.11"))
        #expect(v("1.0.0-rc.1") < v("1.0.0"))
        #expect(v("1.0.0+build.1") == v("1.0.0"))
    }

    @Test(arguments: [
        ("^1.2", ["1.2.0", "1.9.9"], ["1.1.9", "2.0.0", "2.0.0-beta"]),
        ("^0.2", ["0.2.0", "0.2.9"], ["0.3.0", "0.1.9"]),
        ("^0.2.3", ["0.2.3", "0.2.9"], ["0.2.2", "0.3.0"]),
        ("^0.0.3", ["0.0.3"], ["0.0.4", "0.0.2"]),
        ("^0", ["0.0.0", "0.9.9"], ["1.0.0"]),
        ("~1.4", ["1.4.0", "1.4.9"], ["1.5.0", "1.3.9"]),
        ("~1.4.2", ["1.4.2", "1.4.7"], ["1.4.1", "1.5.0"]),
        ("~1", ["1.0.0", "1.9.0"], ["2.0.0"]),
        (">=1.0,<2", ["1.0.0", "1.99.0"], ["0.9.9", "2.0.0", "2.0.0-rc.1"]),
        (">=0.1, <2", ["0.1.0", "1.0.0"], ["0.0.9", "2.0.0"]),
        ("=1.2.3", ["1.2.3"], ["1.2.4", "1.2.2"]),
        ("=1.2", ["1.2.0", "1.2.7"], ["1.3.0"]),
        ("1.2.3", ["1.2.3", "1.9.0"], ["1.2.2", "2.0.0"]),
        ("*", ["0.0.1", "9.9.9"], ["1.0.0-beta"]),
        ("1.x", ["1.0.0", "1.5.0"], ["2.0.0"]),
        (">1.2", ["1.3.0"], ["1.2.9"]),
        ("<=1.2", ["1.2.9", "0.1.0"], ["1.3.0"]),
        ("^1.2 || ^3", ["1.5.0", "3.1.0"], ["2.0.0"]),
        (">=1.0.0-beta", ["1.0.0-beta", "1.0.0-beta.2", "1.0.0", "1.1.0"], ["1.0.0-alpha", "1.1.0-beta"]),
    ])
    func rangesMatchAsCargoAndNpmDo(text: String, inside: [String], outside: [String]) throws {
        let r = try range(text)
        for version in inside { #expect(r.contains(v(version)), "\(text) should contain \(version)") }
        for version in outside { #expect(!r.contains(v(version)), "\(text) should not contain \(version)") }
    }

    @Test func highestPicksTheNewestInside() throws {
        let versions = ["1.2.0", "1.4.2", "1.5.0", "2.1.0"].map(v)
        #expect(try range("~1.4").highest(in: versions) == v("1.4.2"))
        #expect(try range("^1").highest(in: versions) == v("1.5.0"))
        #expect(try range("^3").highest(in: versions) == nil)
        #expect(VersionRange(exactly: v("1.2.0")).contains(v("1.2.0")))
        #expect(!VersionRange(exactly: v("1.2.0")).contains(v("1.2.1")))
    }

    @Test(arguments: ["", "^", "1.2.3.4", ">=a", "~>1", "1.2.x-beta", ">=1,"])
    func badRangesAreRefused(text: String) {
        #expect(throws: PluginError.self) { try VersionRange(parsing: text) }
    }
}
