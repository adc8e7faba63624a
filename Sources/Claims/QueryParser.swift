/// Parses the claims query language.
///
/// The grammar, tokens and precedence of `AND`, `OR`, `NOT`, parentheses, "phrases" and `prefix*` are those of
/// the bench's `claimq.py` (operators are upper case, juxtaposition is an implicit AND). On top of it:
/// `a NEAR/n b` (binds tighter than AND) and field scopes `title:word`, `title:"a phrase"`, `title:(…)`.
public struct QueryParser {
    private enum Token: Equatable {
        case open
        case close
        case phrase(String)
        case word(String)
    }

    private let query: String
    private var tokens: [(token: Token, column: Int)] = []
    private var position = 0
    private var endColumn = 1

    /// Parses `query`; the error names the column and what is wrong there.
    public static func parse(_ query: String) throws(QuerySyntaxError) -> QueryNode {
        var parser = QueryParser(query: query)
        try parser.tokenize()
        if parser.tokens.isEmpty {
            throw QuerySyntaxError(column: 1, message: "the query is empty: write at least one term")
        }
        let node = try parser.parseOr()
        if parser.position < parser.tokens.count {
            let (token, column) = parser.tokens[parser.position]
            throw QuerySyntaxError(column: column, message: "unexpected \(Self.describe(token)): \(Self.hint(token))")
        }
        return node
    }

    private init(query: String) {
        self.query = query
    }

    // MARK: - Tokens (claimq.py's `\s*(\(|\)|"[^"]*"|[^\s()"]+)`)

    private mutating func tokenize() throws(QuerySyntaxError) {
        var scalars = Array(query.unicodeScalars)
        while let last = scalars.last, TextTables.isPythonSpace(last) { scalars.removeLast() }
        endColumn = scalars.count + 1
        var index = 0
        while index < scalars.count {
            while index < scalars.count, TextTables.isPythonSpace(scalars[index]) { index += 1 }
            guard index < scalars.count else { break }
            let column = index + 1
            switch scalars[index] {
            case "(":
                tokens.append((.open, column))
                index += 1
            case ")":
                tokens.append((.close, column))
                index += 1
            case "\"":
                var end = index + 1
                while end < scalars.count, scalars[end] != "\"" { end += 1 }
                guard end < scalars.count else {
                    throw QuerySyntaxError(
                        column: column, message: "the phrase that starts here has no closing '\"': add one")
                }
                tokens.append((.phrase(Self.string(scalars[(index + 1)..<end])), column))
                index = end + 1
            default:
                var end = index
                while end < scalars.count {
                    let scalar = scalars[end]
                    if scalar == "(" || scalar == ")" || scalar == "\"" || TextTables.isPythonSpace(scalar) { break }
                    end += 1
                }
                tokens.append((.word(Self.string(scalars[index..<end])), column))
                index = end
            }
        }
    }

    /// The text of some scalars (through UTF-8: much faster than appending scalars to a string one by one).
    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            UTF8.encode(scalar) { bytes.append($0) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Grammar

    private func peek() -> Token? {
        position < tokens.count ? tokens[position].token : nil
    }

    private var column: Int {
        position < tokens.count ? tokens[position].column : endColumn
    }

    private mutating func parseOr() throws(QuerySyntaxError) -> QueryNode {
        var kids = [try parseAnd()]
        while peek() == .word("OR") {
            position += 1
            kids.append(try parseAnd())
        }
        return kids.count == 1 ? kids[0] : .or(kids)
    }

    private mutating func parseAnd() throws(QuerySyntaxError) -> QueryNode {
        var kids = [try parseNear()]
        while let token = peek(), token != .word("OR"), token != .close {
            if token == .word("AND") { position += 1 }
            kids.append(try parseNear())
        }
        return kids.count == 1 ? kids[0] : .and(kids)
    }

    private mutating func parseNear() throws(QuerySyntaxError) -> QueryNode {
        var node = try parseUnary()
        while case .word(let word)? = peek(), let distance = Self.nearDistance(word) {
            let operatorColumn = column
            position += 1
            let right = try parseUnary()
            guard Self.isPositional(node), Self.isPositional(right) else {
                throw QuerySyntaxError(
                    column: operatorColumn,
                    message: "NEAR joins terms, phrases, prefixes or OR-groups of them, not AND, NOT or NEAR: "
                        + "rewrite it as (a NEAR/n b) AND c")
            }
            node = .near(node, right, distance: distance)
        }
        return node
    }

    private mutating func parseUnary() throws(QuerySyntaxError) -> QueryNode {
        guard let token = peek() else {
            throw QuerySyntaxError(column: endColumn, message: "the query ends too early: a term is missing here")
        }
        let here = column
        switch token {
        case .open:
            position += 1
            let node = try parseOr()
            guard peek() == .close else {
                throw QuerySyntaxError(column: here, message: "the '(' here is never closed: add a ')'")
            }
            position += 1
            return node
        case .close:
            throw QuerySyntaxError(column: here, message: "unexpected ')': a term is missing before it")
        case .phrase(let text):
            position += 1
            return try Self.phrase(text, column: here)
        case .word(let word):
            if word == "NOT" {
                position += 1
                return .not(try parseUnary())
            }
            if word == "AND" || word == "OR" || Self.nearDistance(word) != nil {
                throw QuerySyntaxError(
                    column: here, message: "unexpected \(Self.describe(token)): \(Self.hint(token))")
            }
            position += 1
            if let (scope, rest) = Self.fieldScope(word) {
                if rest.isEmpty {
                    guard let next = peek(), next == .open || Self.isPhraseToken(next) else {
                        throw QuerySyntaxError(
                            column: here,
                            message: "'\(word)' must be followed by a word, a \"phrase\" or a (group), with no space")
                    }
                    return .scoped(scope, try parseUnary())
                }
                return .scoped(
                    scope, Self.word(rest, column: here + word.unicodeScalars.count - rest.unicodeScalars.count))
            }
            return Self.word(word, column: here)
        }
    }

    // MARK: - Helpers

    private static func word(_ word: String, column: Int) -> QueryNode {
        let isPrefix = word.hasSuffix("*") && word.unicodeScalars.count > 1
        var text = word
        if isPrefix {
            while text.hasSuffix("*") { text.removeLast() }
        }
        return .term(QueryTerm(text: text, isPrefix: isPrefix, isPhrase: false, column: column))
    }

    private static func phrase(_ text: String, column: Int) throws(QuerySyntaxError) -> QueryNode {
        let words = text.unicodeScalars.split(whereSeparator: TextTables.isPythonSpace)
        guard !words.isEmpty else {
            throw QuerySyntaxError(column: column, message: "the phrase is empty: write words between the quotes")
        }
        let joined = words.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        return .term(QueryTerm(text: joined, isPrefix: false, isPhrase: true, column: column))
    }

    private static func isPhraseToken(_ token: Token) -> Bool {
        if case .phrase = token { return true }
        return false
    }

    /// `NEAR/5` → 5.
    static func nearDistance(_ word: String) -> Int? {
        guard word.hasPrefix("NEAR/") else { return nil }
        let digits = word.dropFirst(5)
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else {
            return nil
        }
        return value
    }

    /// `title:trump` → (.title, "trump"); `title:` → (.title, "").
    private static func fieldScope(_ word: String) -> (FieldScope, String)? {
        guard let colon = word.firstIndex(of: ":") else { return nil }
        guard let scope = FieldScope.byName[String(word[..<colon])] else { return nil }
        return (scope, String(word[word.index(after: colon)...]))
    }

    private static func isPositional(_ node: QueryNode) -> Bool {
        switch node {
        case .term: return true
        case .or(let kids): return kids.allSatisfy(isPositional)
        case .scoped(_, let kid): return isPositional(kid)
        case .and, .not, .near: return false
        }
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case .open: return "'('"
        case .close: return "')'"
        case .phrase(let text): return "\"\(text)\""
        case .word(let word): return "'\(word)'"
        }
    }

    private static func hint(_ token: Token) -> String {
        switch token {
        case .close: return "there is no '(' for it to close"
        case .word(let word) where word == "AND" || word == "OR" || nearDistance(word) != nil:
            return "an operator needs a term on both sides"
        default: return "check the operators around it"
        }
    }
}
