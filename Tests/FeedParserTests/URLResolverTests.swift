import FeedParser
import Testing

@Suite struct URLResolverTests {
    static let rfcBase = "http://a/b/c/d;p?q"

    /// RFC 3986 5.4.1, normal examples (except `""`, which this API maps to nil).
    static let normalExamples: [(String, String)] = [
        ("g:h", "g:h"),
        ("g", "http://a/b/c/g"),
        ("./g", "http://a/b/c/g"),
        ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"),
        ("//g", "http://g"),
        ("?y", "http://a/b/c/d;p?y"),
        ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"),
        ("g#s", "http://a/b/c/g#s"),
        ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"),
        ("g;x", "http://a/b/c/g;x"),
        ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        (".", "http://a/b/c/"),
        ("./", "http://a/b/c/"),
        ("..", "http://a/b/"),
        ("../", "http://a/b/"),
        ("../g", "http://a/b/g"),
        ("../..", "http://a/"),
        ("../../", "http://a/"),
        ("../../g", "http://a/g"),
    ]

    /// RFC 3986 5.4.2, abnormal examples (strict parser: `http:g` stays as it is).
    static let abnormalExamples: [(String, String)] = [
        ("../../../g", "http://a/g"),
        ("../../../../g", "http://a/g"),
        ("/./g", "http://a/g"),
        ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."),
        (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"),
        ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"),
        ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"),
        ("g?y/./x", "http://a/b/c/g?y/./x"),
        ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"),
        ("g#s/../x", "http://a/b/c/g#s/../x"),
        ("http:g", "http:g"),
    ]

    /// Reference, base, expected: links as feeds really write them.
    static let feedCases: [(String, String?, String?)] = [
        ("/2025/08/22/talks", "https://example.com/feed.xml", "https://example.com/2025/08/22/talks"),
        ("post.html", "https://example.com/blog/feed/", "https://example.com/blog/feed/post.html"),
        ("post.html", "https://example.com/blog/feed", "https://example.com/blog/post.html"),
        ("a", "https://example.com", "https://example.com/a"),
        ("//cdn.example.com/a.mp3", "https://example.com/feed", "https://cdn.example.com/a.mp3"),
        ("//cdn.example.com/a.mp3", "http://example.com/feed", "http://cdn.example.com/a.mp3"),
        ("?page=2", "https://example.com/feed?page=1", "https://example.com/feed?page=2"),
        ("#comments", "https://example.com/a#top", "https://example.com/a#comments"),
        ("../img/map.png", "https://example.com/news/2025/item.html", "https://example.com/news/img/map.png"),
        ("/новости/1", "https://example.ru/", "https://example.ru/новости/1"),
        ("  https://example.com/a \n", nil, "https://example.com/a"),
        ("\thttps://exa\nmple.com/a\r\n", "https://other.example/", "https://example.com/a"),
        ("https://example.com/a", nil, "https://example.com/a"),
        ("HTTPS://Example.com/A", nil, "HTTPS://Example.com/A"),
        ("mailto:desk@example.com", "https://example.com/", "mailto:desk@example.com"),
        ("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", nil, "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"),
        ("tag:example.com,2025:1", "https://example.com/", "tag:example.com,2025:1"),
        ("relative/path", nil, "relative/path"),
        ("relative/path", "also/relative", "relative/path"),
        ("g", "javascript:alert(1)", "g"),
        ("", "https://example.com/", nil),
        ("   \n ", "https://example.com/", nil),
        ("javascript:alert(1)", "https://example.com/", nil),
        ("JavaScript:alert(1)", nil, nil),
        (" java\tscript:alert(1)", nil, nil),
        ("vbscript:msgbox(1)", "https://example.com/", nil),
        ("data:text/html,<script>alert(1)</script>", "https://example.com/", nil),
        ("DATA:image/png;base64,AAAA", nil, nil),
    ]

    @Test(arguments: normalExamples)
    func rfc3986NormalExamples(_ reference: String, _ expected: String) {
        #expect(URLResolver.resolve(reference, against: Self.rfcBase) == expected, "\(reference)")
    }

    @Test(arguments: abnormalExamples)
    func rfc3986AbnormalExamples(_ reference: String, _ expected: String) {
        #expect(URLResolver.resolve(reference, against: Self.rfcBase) == expected, "\(reference)")
    }

    @Test(arguments: feedCases)
    func feedLinks(_ reference: String, _ base: String?, _ expected: String?) {
        #expect(URLResolver.resolve(reference, against: base) == expected, "\(reference) against \(base ?? "nil")")
    }

    @Test func chainedXMLBase() throws {
        let channelBase = try #require(URLResolver.resolve("/blog/", against: "https://example.com/feed.xml"))
        let itemBase = try #require(URLResolver.resolve("2025/", against: channelBase))
        #expect(URLResolver.resolve("../images/a.png", against: itemBase) == "https://example.com/blog/images/a.png")
    }

    @Test func baseWithFragmentAndWhitespace() {
        #expect(URLResolver.resolve("b", against: "  https://example.com/x/a#frag\n") == "https://example.com/x/b")
    }

    @Test func randomReferencesNeverCrashAndResolvedResultsAreStable() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["/", ".", "..", "?", "#", ":", "a", "b", "%20", "//", "http:", " ", "\n", "é", "x=1&y"]
        for _ in 0..<20_000 {
            let reference = (0..<next(8)).map { _ in pieces[next(pieces.count)] }.joined()
            guard let resolved = URLResolver.resolve(reference, against: "https://example.com/a/b/c?q#f") else {
                continue
            }
            // Resolving an absolute result again changes nothing.
            if resolved.hasPrefix("https://") {
                #expect(URLResolver.resolve(resolved, against: "https://other.example/") == resolved, "\(reference)")
            }
        }
    }
}
