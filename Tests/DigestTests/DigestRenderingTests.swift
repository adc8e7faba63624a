import Digest
import FeedModel
import Foundation
import TestSupport
import Testing

@Suite struct DigestRenderingTests {
    let report = DigestFixture.report

    @Test func textMatchesGoldenFile() throws {
        try GoldenFile.check(TextDigestRenderer().render(report), against: "digest.txt")
    }

    @Test func htmlMatchesGoldenFile() throws {
        try GoldenFile.check(HTMLDigestRenderer().render(report), against: "digest.html")
    }

    @Test func hostileTextIsEscapedInHTML() {
        let html = HTMLDigestRenderer().render(report)
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;&gt;&lt;img src=x"))
        #expect(html.contains("Evil &amp; Co &quot;&gt;&lt;img src=x onerror=alert(document.cookie)&gt;"))
        #expect(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;steal()&lt;/script&gt;"))
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("<img"))
        #expect(!lower.contains("<b>"))
        #expect(!lower.contains("javascript:"))
        #expect(!lower.contains("<link"))
        #expect(!lower.contains("url("))
        #expect(!lower.contains("@import"))
        #expect(!lower.contains("<style"))
        // Every real tag is one the renderer writes, with no event handler or source attribute.
        let allowed: Set<String> = [
            "!doctype", "html", "head", "meta", "title", "body", "table", "tr", "td", "h1", "h2", "div", "span",
            "strong", "a", "blockquote", "ul", "li", "br",
        ]
        // The only comments are the renderer's two Outlook conditionals.
        let withoutConditionals = lower.replacingOccurrences(of: "<!--[if mso]>", with: "")
            .replacingOccurrences(of: "<![endif]-->", with: "")
        #expect(!withoutConditionals.contains("<!--"))
        for tag in Self.tags(in: withoutConditionals) {
            let name = String(tag.drop { $0 == "/" }.prefix { $0 != " " && $0 != ">" })
            #expect(allowed.contains(name), "unexpected tag <\(tag)>")
            #expect(!tag.contains(" on") && !tag.contains(" src="), "unexpected attribute in <\(tag)>")
        }
    }

    /// The text between each "<" and the next ">".
    static func tags(in html: String) -> [Substring] {
        var tags: [Substring] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else { break }
            tags.append(rest[afterOpen..<close])
            rest = rest[rest.index(after: close)...]
        }
        return tags
    }

    @Test func hostileTextIsIntactInPlainText() {
        let text = TextDigestRenderer().render(report)
        #expect(text.contains(DigestFixture.hostileTitle))
        #expect(text.contains(DigestFixture.hostileFeedTitle))
        #expect(text.contains("<b>bold</b> & <script>steal()</script>"))
    }

    @Test func htmlIsReadyForMailClients() {
        let html = HTMLDigestRenderer().render(report)
        #expect(html.contains("<meta name=\"color-scheme\" content=\"light dark\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("max-width:640px"))
        #expect(html.contains("<span dir=\"auto\">Россия объявляет мобилизацию резервистов</span>"))
        #expect(html.contains("ٹرمپ کا یوکرین سے ڈونباس چھوڑنے کا مطالبہ"))
        #expect(html.contains("dir=\"auto\">بی بی سی اردو</span>"))
        // Links only for http(s); the javascript: item is shown unlinked.
        #expect(html.contains("<a href=\"https://kyivindependent.com/a4\""))
    }

    @Test func textShowsSparklinesAndCyrillic() {
        let text = TextDigestRenderer().render(report)
        #expect(text.contains("   Activity 2026-11-12 to 2026-11-25, one mark a day:\n     supports ▁▁▁▁▁▁▁▁▁▁▁▁█▁\n"))
        #expect(!text.contains("javascript:"))
        #expect(text.contains("Россия объявляет мобилизацию резервистов [russia-callup] NEW CLAIM"))
        #expect(text.contains("Reuters World <https://www.reuters.com/world/rss>"))
    }

    @Test func controlCharactersInFeedTextCannotForgeLines() {
        var report = DigestFixture.report
        report.claims[0].title = "Line one\r\nX-Injected: yes\u{1B}[31m"
        let text = TextDigestRenderer().render(report)
        #expect(!text.contains("\r"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Line one X-Injected: yes [31m"))
        let html = HTMLDigestRenderer().render(report)
        #expect(!html.contains("\u{1B}"))
    }

    @Test(arguments: [
        ("a & b", "a &amp; b"), ("<x y='1'>", "&lt;x y=&#39;1&#39;&gt;"), ("\"q\"", "&quot;q&quot;"),
        ("plain Донбас", "plain Донбас"), ("bell\u{7}", "bell"),
    ])
    func escapeFunction(input: String, expected: String) {
        #expect(HTMLEscape.text(input) == expected)
    }

    @Test func onlyHTTPLinksSurvive() {
        #expect(HTMLEscape.link("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&amp;c=2")
        #expect(HTMLEscape.link("JavaScript:alert(1)") == nil)
        #expect(HTMLEscape.link("data:text/html,<script>") == nil)
        #expect(HTMLEscape.link("https://x.org/\"onmouseover=") == "https://x.org/&quot;onmouseover=")
        #expect(HTMLEscape.link("https://x.org/a b") == nil)
        #expect(HTMLEscape.link(nil) == nil)
    }
}

extension DigestRenderingTests {
    @Test func claimsBeyondTheDetailLimitGetOneLineEach() {
        let html = HTMLDigestRenderer(detailedClaims: 1).render(report)
        #expect(html.contains("More claims that moved"))
        #expect(html.contains("<li>4. <span dir=\"auto\">&lt;script&gt;"))
        #expect(html.components(separatedBy: "First seen:").count == 1)
        let counted = HTMLDigestRenderer(detailedClaims: 1, listedClaims: 1).render(report)
        #expect(counted.contains("2 more claims moved; the plain-text part lists them all."))
    }
}

extension DigestRenderingTests {
    /// Gmail clips messages whose HTML passes about 102 KB; a busy day with 100 moving claims stays below.
    @Test func aHundredClaimsStayUnderGmailsClippingLimit() {
        let end = DigestFixture.periodEnd
        let feeds = (0..<50).map {
            DigestFixture.feed("Feed number \($0) with a long title", "https://f\($0).example/rss")
        }
        var items: [DigestInput.Item] = []
        var links: [ClaimLink] = []
        for number in 0..<2000 {
            let item = FeedItem(
                id: "item-\(number)", title: "A fairly long headline about the war and the talks, number \(number)",
                link: "https://f\(number % 50).example/articles/2026/11/24/a-long-slug-for-item-\(number)",
                published: end.addingTimeInterval(-Double(number % 40) * 3600))
            items.append(.init(feedKey: feeds[number % 50].key, item: item, firstSeen: item.published ?? end))
            links.append(
                ClaimLink(
                    itemID: item.id, claimID: "claim-\(number % 100)",
                    stance: [.supports, .disputes, .mentions][number % 3],
                    confidence: 0.8, terms: [], field: .summary,
                    snippet: String(repeating: "A snippet sentence of evidence. ", count: 9)))
        }
        let claims = (0..<100).map {
            Claim(
                id: "claim-\($0)", title: "Claim number \($0): somebody demands something of somebody else", query: "q")
        }
        let report = DigestReportBuilder().build(
            DigestInput(items: items, links: links, claims: claims, feeds: feeds), period: DigestFixture.period,
            generatedAt: end)
        #expect(report.claims.count == 100)
        #expect(HTMLDigestRenderer().render(report).utf8.count < 100_000)
    }
}

extension DigestRenderingTests {
    /// Python's `html.parser` walks the document: every element is closed in order, and the text it reads
    /// back contains the hostile strings as text.
    @Test func htmlIsWellFormedForARealParser() throws {
        let directory = try CommandRunner.temporaryDirectory("html")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("digest.html")
        try Data(HTMLDigestRenderer().render(report).utf8).write(to: file)
        let script = #"""
            import sys
            from html.parser import HTMLParser
            VOID = {'meta', 'br', 'img', 'hr', 'input', 'link'}
            class Checker(HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True)
                    self.stack, self.problems, self.text = [], [], []
                def handle_starttag(self, tag, attrs):
                    if tag not in VOID: self.stack.append(tag)
                def handle_endtag(self, tag):
                    if not self.stack or self.stack[-1] != tag:
                        self.problems.append('unexpected </%s> with open %s' % (tag, self.stack[-3:]))
                    else:
                        self.stack.pop()
                def handle_data(self, data): self.text.append(data)
            checker = Checker()
            checker.feed(open(sys.argv[1], encoding='utf-8').read())
            checker.close()
            print('\n'.join(checker.problems + ['unclosed %s' % t for t in checker.stack]))
            print('TEXT:' + ''.join(checker.text).replace('\n', ' '))
            """#
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path])
        #expect(result.status == 0)
        let output = result.standardOutput
        #expect(output.hasPrefix("\nTEXT:"), "structure problems: \(output.prefix(500))")
        #expect(output.contains(DigestFixture.hostileTitle))
        #expect(output.contains(DigestFixture.hostileFeedTitle))
    }
}
