import Claims
import Testing

@Suite struct QueryParserTests {
    private func term(_ text: String, prefix: Bool = false, phrase: Bool = false, column: Int) -> QueryNode {
        .term(QueryTerm(text: text, isPrefix: prefix, isPhrase: phrase, column: column))
    }

    @Test func andBindsTighterThanOrAndJuxtapositionIsAnd() throws {
        let node = try QueryParser.parse("a b OR c AND NOT d")
        #expect(
            node
                == .or([
                    .and([term("a", column: 1), term("b", column: 3)]),
                    .and([term("c", column: 8), .not(term("d", column: 18))]),
                ]))
    }

    @Test func phrasesPrefixesAndParentheses() throws {
        let node = try QueryParser.parse("trump AND (\"give   up\" OR surrender*)")
        #expect(
            node
                == .and([
                    term("trump", column: 1),
                    .or([term("give up", phrase: true, column: 12), term("surrender", prefix: true, column: 27)]),
                ]))
        #expect(node.terms.map(\.display) == ["trump", "\"give up\"", "surrender*"])
    }

    @Test func nearAndFieldScopes() throws {
        let node = try QueryParser.parse("title:trump (cap OR limit) NEAR/6 army body:\"peace plan\"")
        #expect(
            node
                == .and([
                    .scoped(.title, term("trump", column: 7)),
                    .near(.or([term("cap", column: 14), term("limit", column: 21)]), term("army", column: 35), distance: 6),
                    .scoped(.body, term("peace plan", phrase: true, column: 45)),
                ]))
    }

    @Test func lowercaseOperatorsAndUnknownFieldsAreTerms() throws {
        #expect(try QueryParser.parse("and") == term("and", column: 1))
        #expect(try QueryParser.parse("foo:bar") == term("foo:bar", column: 1))
    }

    @Test(arguments: [
        ("", 1, "empty"),
        ("trump AND", 10, "ends too early"),
        ("(trump OR putin", 1, "never closed"),
        ("trump)", 6, "unexpected ')'"),
        ("\"give up", 1, "no closing"),
        ("\"  \"", 1, "phrase is empty"),
        ("a OR OR b", 6, "operator needs a term"),
        ("(a AND b) NEAR/3 c", 11, "NEAR joins terms"),
        ("title: trump", 1, "must be followed"),
    ])
    func errorsNameTheColumn(query: String, column: Int, message: String) {
        #expect {
            _ = try QueryParser.parse(query)
        } throws: { error in
            guard let error = error as? QuerySyntaxError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }
}
