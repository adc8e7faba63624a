import Claims
import FeedModel
import Testing

@Suite struct MatcherTests {
    @Test func wholeWordsCaseInsensitiveAndPrefixes() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "trump AND tariff*"), ("b", "donbas")])
        #expect(ClaimsFixtures.linked(tagger, title: "TRUMP threatens new Tariffs") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "Trumpet tariffs") == [])
        #expect(ClaimsFixtures.linked(tagger, title: "Donbass") == [])
    }

    @Test func phrasesSpanAnyWhitespaceButNotPunctuation() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "\"give up\"")])
        #expect(ClaimsFixtures.linked(tagger, title: "will not give\u{00A0}up") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "x", text: "give\n  up") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "give, up") == [])
    }

    @Test func notAndPureNotClaims() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "ceasefire AND NOT rejected"), ("b", "NOT kremlin")])
        #expect(ClaimsFixtures.linked(tagger, title: "Ceasefire agreed") == ["a", "b"])
        #expect(ClaimsFixtures.linked(tagger, title: "Kremlin rejected the ceasefire") == [])
    }

    @Test func cyrillicIsCaseInsensitiveAndExactModeDoesNotStem() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "трамп AND донбасс")])
        #expect(ClaimsFixtures.linked(tagger, title: "ТРАМП и Донбасс") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "Трампа спросили о Донбассе") == [])
    }

    @Test func stemmedModeJoinsInflectedForms() throws {
        let tagger = try ClaimsFixtures.tagger(
            [("ru", "трамп AND донбасс"), ("en", "trump AND cede AND guarantee")], matching: .stemmed)
        #expect(ClaimsFixtures.linked(tagger, title: "Трампа спросили о Донбассе") == ["ru"])
        #expect(ClaimsFixtures.linked(tagger, title: "Трамп про Донбас", text: "Донбасу") == ["ru"])
        #expect(ClaimsFixtures.linked(tagger, title: "Trump's guarantees: Kyiv ceded nothing") == ["en"])
        #expect(ClaimsFixtures.linked(tagger, title: "Trump ceding, guaranteed") == ["en"])
        #expect(ClaimsFixtures.linked(tagger, title: "Trumpet cedar guarantee") == [])
    }

    @Test func stemmedModeFoldsDiacriticsAndYo() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "zelenskyy AND cafe"), ("b", "всё")], matching: .stemmed)
        #expect(ClaimsFixtures.linked(tagger, title: "ZELENSKYY at the Café") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "Все") == ["b"])
    }

    @Test func punctuationInsideTerms() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "\"28-point\""), ("b", "ukraine's"), ("c", "e.u.")])
        #expect(ClaimsFixtures.linked(tagger, title: "The 28-point plan") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "The 28 point plan") == [])
        #expect(ClaimsFixtures.linked(tagger, title: "Ukraine's army") == ["b"])
        #expect(ClaimsFixtures.linked(tagger, title: "E.U. leaders") == ["c"])
    }

    @Test func nearCountsWordsBetween() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "cap NEAR/2 army")])
        #expect(ClaimsFixtures.linked(tagger, title: "a cap on the army") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "the army faces a cap") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "a cap on the size of the army") == [])
        #expect(ClaimsFixtures.linked(tagger, title: "a cap", text: "army") == [])
    }

    @Test func fieldScopes() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "title:trump AND body:donbas")])
        #expect(ClaimsFixtures.linked(tagger, title: "Trump speaks", text: "about Donbas") == ["a"])
        #expect(ClaimsFixtures.linked(tagger, title: "Donbas", text: "Trump") == [])
    }

    @Test func localizedQueriesAreOred() throws {
        let claim = Claim(
            id: "a", title: "A", query: "trump AND donbas",
            localizedQueries: ["ru": "трамп AND донбасс", "uk": "трамп AND донбас"])
        let tagger = try Tagger(claims: [claim], matching: .stemmed)
        #expect(ClaimsFixtures.linked(tagger, title: "Трамп о Донбассе") == ["a"])
        let link = try #require(
            tagger.makeSession().tag(id: "x", title: "Трамп о Донбассе", summary: nil, content: nil).first)
        #expect(link.terms == ["трамп", "донбасс"])
        #expect(link.field == .title)
    }

    @Test func manyClaimsCompileIntoOneMatcher() throws {
        var queries: [(String, String)] = []
        for index in 0..<1500 { queries.append(("c\(index)", "word\(index) AND (common OR other\(index)*)")) }
        let tagger = try ClaimsFixtures.tagger(queries)
        #expect(ClaimsFixtures.linked(tagger, title: "word7 and word1499 are common") == ["c7", "c1499"])
        #expect(ClaimsFixtures.linked(tagger, title: "word42", text: "other42ish") == ["c42"])
    }

    /// Many words that share prefixes, in Latin and Cyrillic, packed into one trie: each is found, and only it.
    @Test func aDenseVocabularyFindsEachWordAndNoNearMiss() throws {
        var words: [String] = []
        for first in ["k", "ж", "é"] {
            for second in "abcdefgh" {
                for last in ["", "t", "ть", "ş"] { words.append("q\(first)\(second)\(last)") }
            }
        }
        let tagger = try ClaimsFixtures.tagger(words.map { ("c-\($0)", $0) })
        for (index, word) in words.enumerated() {
            #expect(ClaimsFixtures.linked(tagger, title: "x \(word.uppercased()) y") == ["c-\(word)"])
            let nextIndex = (index + 7) % words.count
            let next = words[nextIndex]
            let both = nextIndex > index ? ["c-\(word)", "c-\(next)"] : ["c-\(next)", "c-\(word)"]
            #expect(ClaimsFixtures.linked(tagger, title: "\(word), \(next).") == both)
            #expect(ClaimsFixtures.linked(tagger, title: "\(word)z \(word)ё q\(word)") == [])
        }
    }

    @Test func evidenceIsTheMatchingSentence() throws {
        let tagger = try ClaimsFixtures.tagger([("a", "trump AND donbas AND cede")])
        let text = "Markets were calm. Trump said Ukraine should cede the Donbas. Talks resume on Monday."
        let link = try #require(tagger.makeSession().tag(id: "x", title: "Talks", summary: text, content: nil).first)
        #expect(link.snippet == "Trump said Ukraine should cede the Donbas.")
        #expect(link.field == .summary)
        #expect(link.terms == ["trump", "donbas", "cede"])
        let long = String(repeating: "word ", count: 100) + "trump donbas cede."
        let longLink = try #require(tagger.makeSession().tag(id: "x", title: nil, summary: long, content: nil).first)
        #expect(longLink.snippet.count <= 300)
    }

    /// A term that ends in punctuation ("u.s.") cannot be anchored on a word: it is found by a scan of the
    /// lowered field for `(?<!\w)u\.s\.(?!\w)`, where the character before may be one to four UTF-8 bytes long.
    @Test func punctuationTermsNeedNonWordCharactersAround() throws {
        for matching in [MatchingMode.exact, .stemmed] {
            let tagger = try ClaimsFixtures.tagger([("a", "\"u.s.\"")], matching: matching)
            let linked = ["U.S. troops", "(U.S.) troops", "the u.s.. end", "\u{2014}u.s. x", "\u{1F54A}u.s. x"]
            for title in linked {
                #expect(ClaimsFixtures.linked(tagger, title: title) == ["a"], "\(matching): \(title)")
                #expect(ClaimsFixtures.linked(tagger, title: "x", text: "Intro. " + title) == ["a"], "\(title)")
            }
            let unlinked = [
                "thru.s. troops", "U.S.A troops", "u.s", "u.s.x", "u.s.\u{E9}", "\u{436}u.s. x", "\u{65E5}u.s. x",
            ]
            for title in unlinked {
                #expect(ClaimsFixtures.linked(tagger, title: title) == [], "\(matching): \(title)")
            }
            #expect(ClaimsFixtures.linked(tagger, title: "\u{DC}.S. troops") == (matching == .stemmed ? ["a"] : []))
        }
    }
}
