import Claims
import FeedModel
import Testing

/// Odd input never crashes the tagger and snippets stay within bounds.
@Suite struct RobustnessTests {
    @Test(arguments: [MatchingMode.exact, .stemmed])
    func oddTextAndOddTerms(mode: MatchingMode) throws {
        let tagger = try ClaimsFixtures.tagger(
            [
                ("a", "\"-\" OR \"(x)\" OR ** OR \"a  b\""), ("b", "İstanbul OR ǅ* OR ß OR \"e.u.\" NEAR/0 x"),
                ("c", "title:(trump OR трамп) AND NOT body:\"no\""), ("d", "\"…\" OR 日本 OR 😀"),
            ], matching: mode)
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = [
            "a", "B", " ", ".", "?", "\n", "-", "'", "’", "İ", "ǅ", "ß", "ё", "Й", "日", "😀", "\u{0301}", "\u{00A0}",
            "\u{2028}", "(", ")", "\"", "…", "_", "5",
        ]
        let session = tagger.makeSession()
        for _ in 0..<300 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<200, using: &generator) {
                text.append(pool[Int.random(in: 0..<pool.count, using: &generator)])
            }
            let links = session.tag(id: "x", title: String(text), summary: String(String(text).reversed()), content: "")
            for link in links { #expect(link.snippet.unicodeScalars.count <= 300) }
        }
        // `**` is an empty prefix: as in claimq.py it matches every item (`claims check` warns about it).
        #expect(session.tag(id: "e", title: "", summary: nil, content: nil).map(\.claimID) == ["a"])
    }

    @Test func aHugeItemKeepsTheSnippetShort() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "trump AND donbas")], matching: .stemmed)
        let sentence = String(repeating: "Trump spoke about the Donbas and many other things ", count: 20_000)
        let link = try #require(tagger.makeSession().tag(id: "x", title: nil, summary: nil, content: sentence).first)
        #expect(link.snippet.unicodeScalars.count <= 300)
        #expect(link.field == .content)
    }
}
