import DocModel
import HTMLExtraction
import Testing

/// What the HTML reader keeps of a page's text, and what it drops.
@Suite struct ArticleExtractionTests {
    @Test func furnitureAroundTheArticleIsDropped() throws {
        let body = """
            <header><a href="/">Coastal Gazette</a><p>Your local news since 1901, every morning.</p></header>
            <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
            <script>var tracker = "do not index this script text";</script>
            <style>.x { color: red }</style>
            <div class="ad-slot">Buy our premium umbrellas today, now with forty percent off.</div>
            <main>
            \(ferryArticle(
                before: "<div class=\"share-tools\"><a href=\"#\">Share on social media</a></div>",
                after: """
                    <figure><img src="pier.jpg"><figcaption>The north pier at dawn, photographed by our staff.</figcaption></figure>
                    <div class="newsletter-signup"><p>Sign up for the morning briefing, delivered daily.</p></div>
                    """))
            <section id="comments"><p>A reader wrote: this comment should not be part of the article text.</p></section>
            </main>
            <aside><h3>Most read</h3><p>Lighthouse keeper retires after forty years on the rock.</p></aside>
            <footer><p>Copyright Coastal Gazette. All rights reserved. Terms and privacy.</p></footer>
            <noscript>Please enable JavaScript to see the rest of this site.</noscript>
            """
        let doc = try read(page(body: body))
        #expect(doc.text == Prose.ferryText)
    }

    @Test func blocksBecomeParagraphsAndInlineElementsRunOn() throws {
        let body = """
            <div id="story-body" class="article-content">
            <h1>Ferry every twenty minutes</h1>
            <p>The <b>harbour</b> ferry will run every <a href="/t">twenty</a> minutes, the board said, with two new crews.</p>
            <h2>What changes</h2>
            <ul><li>More crossings at rush hour, from seven until ten.</li><li>A later last ferry, at midnight.</li></ul>
            <blockquote>We have waited a long time for this, said a resident of the island.</blockquote>
            <p>Board members said the cost would be met by the regional fund rather than by fares.<br>The plan goes to a vote in March.</p>
            <pre>north pier   07:00
            island       07:20</pre>
            </div>
            """
        let doc = try read(page(body: body))
        #expect(doc.text == """
            The harbour ferry will run every twenty minutes, the board said, with two new crews.

            What changes

            More crossings at rush hour, from seven until ten.

            A later last ferry, at midnight.

            We have waited a long time for this, said a resident of the island.

            Board members said the cost would be met by the regional fund rather than by fares.

            The plan goes to a vote in March.

            north pier 07:00 island 07:20
            """)
        #expect(doc.paragraphs.spans.count == 8)
    }

    @Test func theDensestContainerWinsOverLinkLists() throws {
        let links = (1...12).map { "<li><a href=\"/s/\($0)\">Other story number \($0) about the coast and its towns</a></li>" }
        let body = """
            <div class="column"><ul>\(links.joined())</ul></div>
            <div class="story">\(Prose.ferry.map { "<p>\($0)</p>" }.joined())</div>
            <div class="column"><ul>\(links.joined())</ul></div>
            """
        let doc = try read(page(body: body))
        #expect(doc.text == Prose.ferryText)
    }

    @Test func entitiesAreDecodedAndSpacesCollapsed() throws {
        let body = """
            <article><p>Fish&nbsp;&amp;&nbsp;chips at the pier&#8217;s caf&eacute; cost &pound;9 &mdash; up from&#160;&#x20AC;8,
              said the   owner,\tMs&nbsp;Byrne, who has run the kiosk for years and plans to keep going.</p></article>
            """
        let doc = try read(page(body: body))
        #expect(doc.text == "Fish & chips at the pier’s café cost £9 — up from €8, said the owner, Ms Byrne, who has run the kiosk for years and plans to keep going.")
    }

    @Test func brokenMarkupIsRecovered() throws {
        let broken = """
            <html><head><title>Ferry plan</title><body>
            <div class="story"><p>\(Prose.ferry[0])
            <p>\(Prose.ferry[1])</span></b>
            <p>\(Prose.ferry[2]) <i>unclosed italics
            <p>\(Prose.ferry[3])
            """
        let doc = try read(Array(broken.utf8))
        #expect(doc.text == [Prose.ferry[0], Prose.ferry[1], Prose.ferry[2] + " unclosed italics", Prose.ferry[3]]
            .joined(separator: "\n\n"))
    }

    @Test func deeplyNestedUnclosedElementsDoNotCutThePageShort() throws {
        // libxml2 stops at a depth of 256 unless told otherwise; broken pages nest deeper.
        let body = String(repeating: "<div><font>", count: 2_000) + Prose.ferry.map { "<p>\($0)</p>" }.joined()
        let doc = try read(page(body: body))
        #expect(doc.text == Prose.ferryText)
    }

    @Test func theHeadlineIsNotPartOfTheText() throws {
        let body = "<article><h2>Ferry plan</h2>" + Prose.ferry.map { "<p>\($0)</p>" }.joined() + "</article>"
        let doc = try read(page(head: "<title>Ferry plan</title>", body: body))
        #expect(doc.text == Prose.ferryText)
        #expect(doc.meta["title"] == "Ferry plan")
    }

    @Test func theDocumentKeepsTheSourceAndHasNoOffsets() throws {
        let bytes = page(body: ferryArticle())
        let doc = try read(bytes, path: "corpus/2024/ferry-plan.html")
        #expect(doc.id == "ferry-plan")
        #expect(doc.path == "corpus/2024/ferry-plan.html")
        #expect(doc.raw == String(decoding: bytes, as: UTF8.self))
        #expect(doc.offsets == nil)
        #expect(doc.rawRange(of: doc.paragraphs.spans[0]) == nil)
        #expect(doc.sentences.spans.count == 4)
    }
}
