import FeedParser
import Testing

@Suite struct TextExtractorTests {
    /// HTML and the plain text it must become.
    static let cases: [(String, String)] = [
        ("", ""),
        ("plain text", "plain text"),
        ("  lots   of \n\n\t whitespace  ", "lots of whitespace"),
        // Entities: named, numeric, hex, nbsp; decoded exactly once.
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("&lt;b&gt;not bold&lt;/b&gt;", "<b>not bold</b>"),
        ("&amp;amp; stays one level", "&amp; stays one level"),
        ("&eacute;t&eacute; &mdash; &#8212; &#x2014; &hellip; &laquo;&raquo;", "été — — — … «»"),
        ("&quot;quoted&quot; &apos;single&apos; &#39;", "\"quoted\" 'single' '"),
        ("a&nbsp;b", "a b"),
        ("a&nbsp;&nbsp; &nbsp;b&nbsp;", "a b"),
        ("a\u{A0}\u{A0}b", "a b"),
        // Markup.
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("<p>one</p><p>two</p>", "one two"),
        ("line<br>break", "line break"),
        ("line<br/>break<br />again", "line break again"),
        ("<ul><li>a</li><li>b</li></ul>", "a b"),
        ("<h1>Title</h1><div>body</div>", "Title body"),
        ("<table><tr><td>1</td><td>2</td></tr></table>", "1 2"),
        ("in<b>line</b> <i>words</i>", "inline words"),
        ("<a href=\"https://example.com/?a=1&amp;b=2\">link</a> text", "link text"),
        ("<!-- a comment -->text", "text"),
        ("<img src=\"x.png\" alt=\"alt text\">caption", "caption"),
        // Dropped bodies.
        ("<script>alert('x')</script>visible", "visible"),
        ("<style>p { color: red }</style>visible", "visible"),
        // A script is not a block: browsers render this as "beforeafter" too.
        ("before<script type=\"text/javascript\">var a = '<p>';</script>after", "beforeafter"),
        ("before <script>x</script> after", "before after"),
        // Scripts and languages.
        ("<p>Переговоры в Стамбуле</p>", "Переговоры в Стамбуле"),
        ("&#1055;&#1088;&#1080;&#1074;&#1077;&#1090;", "Привет"),
        ("<p dir=\"rtl\">שלום עולם</p>", "שלום עולם"),
        ("<b>مرحبا</b> بالعالم", "مرحبا بالعالم"),
        ("Good morning! 🍏 &#x1F34F;", "Good morning! 🍏 🍏"),
        ("中文<br>日本語", "中文 日本語"),
        // Hostile or broken markup.
        ("<div><p><b><i>unclosed", "unclosed"),
        ("text</p></div></body></html> more", "text more"),
        ("<img src=x onerror=alert(1)>caption", "caption"),
        ("<iframe src=\"javascript:alert(1)\"></iframe>safe", "safe"),
        ("<html><head><title>t</title></head><body><p>body</p></body></html>", "t body"),
        ("<?xml version=\"1.0\"?><p>text</p>", "text"),
        ("AT&T and R&D", "AT&T and R&D"),
        ("&unknownentity; stays", "&unknownentity; stays"),
    ]

    @Test(arguments: cases)
    func plainText(_ html: String, _ expected: String) {
        let extractor = TextExtractor()
        #expect(extractor.plainText(fromHTML: html) == expected, "\(html)")
    }

    @Test func bytesAndStringAgree() {
        let extractor = TextExtractor()
        for (html, expected) in Self.cases {
            let text = Array(html.utf8).withUnsafeBufferPointer { extractor.plainText(fromHTML: $0) }
            #expect(text == expected, "\(html)")
        }
    }

    @Test func oneExtractorIsReusable() {
        let extractor = TextExtractor()
        #expect(extractor.plainText(fromHTML: "<p>first <b>long</b> text</p>") == "first long text")
        #expect(extractor.plainText(fromHTML: "x") == "x")
        #expect(extractor.plainText(fromHTML: "<script>unterminated") == "")
        #expect(extractor.plainText(fromHTML: "after &amp; script") == "after & script")
        #expect(extractor.plainText(fromHTML: "") == "")
    }

    @Test func emptyBuffers() {
        let extractor = TextExtractor()
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        #expect(extractor.plainText(fromHTML: empty) == "")
        #expect(extractor.collapsedText(empty) == "")
    }

    @Test func collapsedTextDoesNotInterpretMarkup() {
        let extractor = TextExtractor()
        let text = Array("  Tom &amp; <b>Jerry</b>\n\n  and\u{A0}co  ".utf8).withUnsafeBufferPointer {
            extractor.collapsedText($0)
        }
        #expect(text == "Tom &amp; <b>Jerry</b> and co")
    }

    @Test func lessThanInPlainProse() {
        let extractor = TextExtractor()
        #expect(extractor.plainText(fromHTML: "a < b and c > d") == "a < b and c > d")
        #expect(extractor.plainText(fromHTML: "if x<3 then") == "if x<3 then")
    }

    @Test func deepNestingDoesNotCrash() {
        let extractor = TextExtractor()
        let html =
            String(repeating: "<div><span>", count: 5000) + "deep" + String(repeating: "</span></div>", count: 5000)
        let text = extractor.plainText(fromHTML: html)
        #expect(text == "deep" || text.isEmpty, "\(text.prefix(40))")
    }

    @Test func invalidUTF8DoesNotCrash() {
        let extractor = TextExtractor()
        let bytes: [UInt8] = [0x3C, 0x70, 0x3E, 0xFF, 0xFE, 0x41, 0xC3, 0x3C, 0x2F, 0x70, 0x3E, 0x26, 0x61, 0x6D, 0x70]
        let text = bytes.withUnsafeBufferPointer { extractor.plainText(fromHTML: $0) }
        #expect(text.contains("A"))
    }

    @Test func nulBytesDoNotCrash() {
        let extractor = TextExtractor()
        let bytes: [UInt8] = Array("a\u{0}b <b>c\u{0}d</b> &amp;".utf8)
        let text = bytes.withUnsafeBufferPointer { extractor.plainText(fromHTML: $0) }
        #expect(text.hasPrefix("a"))
        #expect(text.hasSuffix("&"))
    }

    @Test func largeInput() {
        let extractor = TextExtractor()
        let paragraph = "<p>Word &amp; word.</p>"
        let html = String(repeating: paragraph, count: 20_000)
        let text = extractor.plainText(fromHTML: html)
        #expect(text.hasPrefix("Word & word. Word & word."))
        #expect(text.count == 20_000 * "Word & word.".count + 19_999)
    }

    @Test func randomMarkupNeverCrashes() {
        let extractor = TextExtractor()
        var state: UInt64 = 99
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = [
            "<", ">", "</", "/>", "&", ";", "&amp;", "&#", "x", "1F600", "&nbsp;", "<p>", "<script>", "</script>",
            "<!--", "-->", "<![CDATA[", "]]>", "\"", "=", " ", "\n", "Привет", "שלום", "\u{0}", "<b", "&#0;",
            "&#xFFFFFF;", "<style>",
        ]
        for _ in 0..<5000 {
            let html = (0..<next(20)).map { _ in pieces[next(pieces.count)] }.joined()
            let text = extractor.plainText(fromHTML: html)
            #expect(!text.hasPrefix(" ") && !text.hasSuffix(" "), "\(html)")
            #expect(!text.contains("  "), "\(html)")
        }
    }
}
