import DocModel
import HTMLExtraction
import Testing

/// Metadata from meta tags, JSON-LD and markup.
@Suite struct MetadataTests {
    @Test func metaTagsGiveTheMetadata() throws {
        let head = """
            <title>Ferry plan | Coastal Gazette</title>
            <meta property="og:title" content="Ferry every twenty minutes">
            <meta name="author" content="By Ana  Byrne">
            <meta property="article:published_time" content="2024-03-05T08:30:00Z">
            <meta name="description" content="The transport board adds crossings.">
            <meta property="og:site_name" content="Coastal Gazette">
            <meta property="og:url" content="https://gazette.example/og-url">
            <link rel="canonical" href="https://gazette.example/ferry">
            """
        let doc = try read(page(head: head, body: ferryArticle(), lang: "en-GB"))
        #expect(doc.meta["title"] == "Ferry every twenty minutes")
        #expect(doc.meta["author"] == "Ana Byrne")
        #expect(doc.meta["date"] == "2024-03-05T08:30:00Z")
        #expect(doc.meta["url"] == "https://gazette.example/ferry")
        #expect(doc.meta["description"] == "The transport board adds crossings.")
        #expect(doc.meta["site_name"] == "Coastal Gazette")
        #expect(doc.meta["language"] == "en-GB")
        #expect(doc.meta["warnings"] == nil)
    }

    @Test func jsonLDGraphGivesAuthorsDateAndHeadline() throws {
        let head = """
            <title>Coastal Gazette</title>
            <meta property="article:author" content="https://social.example/gazette">
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "Gazette Online", "url": "https://gazette.example"},
              {"@type": ["NewsArticle"], "headline": "Ferry every twenty minutes",
               "author": [{"@type": "Person", "name": "Ana Byrne"}, {"@type": "Person", "name": "Tom Ruiz"}],
               "datePublished": "2024-03-05", "publisher": {"@type": "Organization", "name": "Coastal Gazette"},
               "mainEntityOfPage": {"@id": "https://gazette.example/ferry"}}
            ]}
            </script>
            <script type="application/ld+json">{ not json at all </script>
            """
        let doc = try read(page(head: head, body: ferryArticle()))
        #expect(doc.meta["title"] == "Ferry every twenty minutes")
        #expect(doc.meta["author"] == "Ana Byrne, Tom Ruiz")
        #expect(doc.meta["date"] == "2024-03-05")
        #expect(doc.meta["url"] == "https://gazette.example/ferry")
        #expect(doc.meta["site_name"] == "Coastal Gazette")
    }

    @Test func markupFillsWhatTheHeadLacks() throws {
        let body = """
            <h1>Ferry  every twenty minutes</h1><time datetime="2024-03-05">5 March</time>
            <div class="story">\(Prose.ferry.map { "<p>\($0)</p>" }.joined())</div>
            """
        let doc = try read(page(head: "", body: body, lang: "en"))
        #expect(doc.meta["title"] == "Ferry every twenty minutes")
        #expect(doc.meta["date"] == "2024-03-05")
        #expect(doc.meta["language"] == "en")
        #expect(doc.meta["author"] == nil)
        #expect(doc.text == Prose.ferryText)
    }
}
