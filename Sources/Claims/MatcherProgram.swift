import FeedModel

/// Everything the scanner and the evaluator need, compiled once from all claims and the cue lexicon.
///
/// Ids: a *word* is one trie entry (exact word, prefix or stem); a *term* is a query term or cue (one or more
/// words with separators); claims refer to terms. Lists keyed by an id are stored flat (`start`/`count`
/// arrays into one pool) so the hot loops do no hashing and no allocation.
struct MatcherProgram: Sendable {
    enum WordKind: UInt8, Sendable {
        case exact
        case prefix
        case stem
    }

    struct Term: Sendable {
        var pattern: TermPattern
        var wordIDs: [Int32]
        var display: String
    }

    /// One node of a claim's flattened query tree.
    struct Node: Sendable {
        enum Kind: UInt8, Sendable {
            case term
            case and
            case or
            case not
            case near
        }
        var kind: Kind
        var fields: UInt8
        /// term id; first child index (and/or); child node (not); left position set (near)
        var a: Int32
        /// child count (and/or); right position set (near)
        var b: Int32
        /// distance (near)
        var c: Int32
    }

    /// One alternative query of a claim (`query`, or one of `queries`).
    struct SubQuery: Sendable {
        var root: Int32
        var label: String
        /// Terms under a positive path, unique, in query order.
        var positiveTerms: [Int32]
        /// Per positive term (same order), a bit per top-level AND group it belongs to.
        var groupBits: [UInt64]
        var groupCount: Int
    }

    struct CompiledClaim: Sendable {
        var subqueries: [SubQuery]
        /// The claim's title states a refusal or absence ("US rules out troops", "no NATO membership"), so
        /// denial and negation words in an item state the claim rather than dispute it.
        var isRefusal = false
        var supportCueTerms: [Int32]
        var disputeCueTerms: [Int32]
    }

    var fold: Bool
    var table: [UInt32]
    var trie: ByteTrie
    var wordKinds: [WordKind] = []
    var wordStems: [[UInt8]] = []
    var terms: [Term] = []
    var termCues: [UInt16] = []
    var fallbackTerms: [Int32] = []
    /// word → single-word terms made of it
    var singleStart: [Int32] = []
    var singleCount: [Int32] = []
    var singlePool: [Int32] = []
    /// term → its word ids (the same as `terms[term].wordIDs`, flat for the scanner)
    var termWordStart: [Int32] = []
    var termWordCount: [Int32] = []
    var termWordPool: [Int32] = []
    /// word → multi-word terms starting with it
    var multiStart: [Int32] = []
    var multiCount: [Int32] = []
    var multiPool: [Int32] = []
    /// term → claims whose queries use it
    var claimStart: [Int32] = []
    var claimCount: [Int32] = []
    var claimPool: [Int32] = []
    /// term → (sub-query, bit) for each required top-level part of a sub-query that cannot be true without one
    /// of its terms (flat: `groupSubquery` and `groupBit` in parallel). Sub-queries are numbered as `roots`.
    var groupStart: [Int32] = []
    var groupCount: [Int32] = []
    var groupSubquery: [Int32] = []
    var groupBit: [UInt64] = []
    /// Per sub-query: the bits of all its required parts (0 when it can be true without any term), and its claim.
    var subqueryRequired: [UInt64] = []
    var subqueryClaim: [Int32] = []
    /// Per sub-query: its positive terms and their group bits (flat, in parallel, as in `SubQuery`), and its
    /// group count, so evidence needs no trip through each claim's own arrays.
    var subqueryTermStart: [Int32] = []
    var subqueryTermCount: [Int32] = []
    var subqueryTermPool: [Int32] = []
    var subqueryBitPool: [UInt64] = []
    var subqueryGroupCount: [Int32] = []
    /// Claims with a sub-query that has no required part: evaluated for every item.
    var unfilteredClaims: [Int32] = []
    var nodes: [Node] = []
    var children: [Int32] = []
    /// NEAR operands: (term, fields) pairs, flat.
    var positionSets: [[(term: Int32, fields: UInt8)]] = []
    var claims: [CompiledClaim] = []
    /// claim → root nodes of its sub-queries, flat
    var rootStart: [Int32] = []
    var rootCount: [Int32] = []
    var roots: [Int32] = []
    /// Claims that match an item with none of their terms (pure NOT queries).
    var alwaysClaims: [Int32] = []
    var queryTermCount = 0

    init(claims source: [Claim], mode: MatchingMode) throws(QuerySyntaxError) {
        var builder = MatcherBuilder(mode: mode)
        for claim in source {
            try builder.add(claim)
        }
        builder.addCueLexicon()
        self = builder.finish()
    }

    init(fold: Bool, table: [UInt32], trie: ByteTrie) {
        self.fold = fold
        self.table = table
        self.trie = trie
    }
}

/// Builds a `MatcherProgram`: interns words and terms, flattens queries, builds the trie and the flat lists.
private struct MatcherBuilder {
    let mode: MatchingMode
    var wordIndex: [[UInt8]: [MatcherProgram.WordKind: Int32]] = [:]
    var words: [(bytes: [UInt8], kind: MatcherProgram.WordKind)] = []
    var termIndex: [String: Int32] = [:]
    var terms: [MatcherProgram.Term] = []
    var termCues: [UInt16] = []
    var termClaims: [[Int32]] = []
    var termGroups: [[(subquery: Int32, bit: UInt64)]] = []
    var subqueryRequired: [UInt64] = []
    var subqueryClaim: [Int32] = []
    var nodes: [MatcherProgram.Node] = []
    var children: [Int32] = []
    var positionSets: [[(term: Int32, fields: UInt8)]] = []
    var claims: [MatcherProgram.CompiledClaim] = []

    init(mode: MatchingMode) {
        self.mode = mode
    }

    mutating func add(_ claim: Claim) throws(QuerySyntaxError) {
        let claimIndex = Int32(claims.count)
        var subqueries: [MatcherProgram.SubQuery] = []
        var sources = [("query", claim.query)]
        for language in claim.localizedQueries.keys.sorted() {
            sources.append(("queries.\(language)", claim.localizedQueries[language] ?? ""))
        }
        for (label, text) in sources {
            let parsed = try QueryParser.parse(text)
            let root = flatten(parsed, fields: FieldScope.all.rawValue)
            // Every required part that needs a term gets a bit: only a sub-query with all its bits set by the
            // terms an item has is evaluated.
            let subqueryIndex = Int32(subqueryRequired.count)
            var required: UInt64 = 0
            let parts: [QueryNode]
            if case .and(let kids) = parsed { parts = kids } else { parts = [parsed] }
            for (position, part) in parts.prefix(64).enumerated() {
                let anchors = anchorTerms(part)
                guard !anchors.isEmpty else { continue }
                let bit: UInt64 = 1 << UInt64(position)
                required |= bit
                for term in anchors {
                    let id = intern(term)
                    termGroups[Int(id)].append((subqueryIndex, bit))
                }
            }
            subqueryRequired.append(required)
            subqueryClaim.append(claimIndex)
            // Index the claim under the terms of one required part only: a claim can be true only if every
            // positive AND part is, so any one part's terms suffice to make it a candidate.
            for term in anchorTerms(parsed) {
                let id = intern(term)
                if termClaims[Int(id)].last != claimIndex { termClaims[Int(id)].append(claimIndex) }
            }
            var positive: [Int32] = []
            var bits: [Int32: UInt64] = [:]
            let groups: [QueryNode]
            if case .and(let kids) = parsed { groups = kids } else { groups = [parsed] }
            var groupCount = 0
            for group in groups {
                let groupTerms = positiveTerms(group)
                if groupTerms.isEmpty { continue }
                let bit: UInt64 = groupCount < 64 ? 1 << UInt64(groupCount) : 0
                groupCount += 1
                for term in groupTerms {
                    let id = intern(term)
                    if bits[id] == nil { positive.append(id) }
                    bits[id, default: 0] |= bit
                }
            }
            subqueries.append(
                MatcherProgram.SubQuery(
                    root: root, label: label, positiveTerms: positive, groupBits: positive.map { bits[$0] ?? 0 },
                    groupCount: min(groupCount, 64)))
        }
        let support = claim.supportCues.filter { !$0.trimmingSpaces.isEmpty }.map { cueTerm($0) }
        let dispute = claim.disputeCues.filter { !$0.trimmingSpaces.isEmpty }.map { cueTerm($0) }
        var compiled = MatcherProgram.CompiledClaim(
            subqueries: subqueries, supportCueTerms: support, disputeCueTerms: dispute)
        compiled.isRefusal = Self.isRefusal(claim.title)
        claims.append(compiled)
    }

    /// Whether a claim's title is a refusal or an absence: it holds a negation or rejection word.
    static func isRefusal(_ title: String) -> Bool {
        let words = TextTables.normalize(title, fold: true).unicodeScalars
            .split(whereSeparator: { !TextTables.isPythonWord($0) })
            .map { String(String.UnicodeScalarView($0)) }
        return words.contains(where: refusalWords.contains)
    }

    private static let refusalWords: Set<String> = [
        "no", "not", "never", "without", "rules", "rule", "rejects", "refuses", "drops", "won", "halts",
        "не", "нет", "без", "ні", "отказ", "отказалась", "отказался", "відмова", "відмовилася",
    ]

    mutating func addCueLexicon() {
        for (cue, list) in CueLexicon.entries {
            for entry in list {
                let isPrefix = entry.hasSuffix("*")
                let text = isPrefix ? String(entry.dropLast()) : entry
                let id = intern(QueryTerm(text: text, isPrefix: isPrefix, isPhrase: !isPrefix, column: 0), stem: false)
                termCues[Int(id)] |= cue.rawValue
            }
        }
    }

    private mutating func cueTerm(_ phrase: String) -> Int32 {
        let words = phrase.unicodeScalars.split(whereSeparator: TextTables.isPythonSpace)
        let joined = words.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        let isPrefix = joined.hasSuffix("*") && joined.unicodeScalars.count > 1
        let text = isPrefix ? String(joined.dropLast()) : joined
        return intern(QueryTerm(text: text, isPrefix: isPrefix, isPhrase: true, column: 0))
    }

    /// The terms whose presence is necessary for `node` to be true: all its terms, or for an AND the terms of
    /// the positive part most likely to be rare (the one whose shortest term is longest). Empty when the
    /// node can be true without any term (then the claim is found by `alwaysClaims`).
    private func anchorTerms(_ node: QueryNode) -> [QueryTerm] {
        switch node {
        case .and(let kids):
            var best: [QueryTerm] = []
            var bestScore = -1
            for kid in kids {
                let terms = anchorTerms(kid)
                guard !terms.isEmpty else { continue }
                let score = terms.map { $0.text.unicodeScalars.count - ($0.isPrefix ? 2 : 0) }.min() ?? 0
                if score > bestScore {
                    bestScore = score
                    best = terms
                }
            }
            return best
        case .or(let kids):
            var all: [QueryTerm] = []
            for kid in kids {
                let terms = anchorTerms(kid)
                if terms.isEmpty { return [] }
                all.append(contentsOf: terms)
            }
            return all
        case .term(let term): return [term]
        case .not: return []
        case .scoped(_, let kid): return anchorTerms(kid)
        case .near(let left, let right, _): return anchorTerms(left) + anchorTerms(right)
        }
    }

    private func positiveTerms(_ node: QueryNode) -> [QueryTerm] {
        switch node {
        case .term(let term): return [term]
        case .and(let kids), .or(let kids): return kids.flatMap(positiveTerms)
        case .not: return []
        case .scoped(_, let kid): return positiveTerms(kid)
        case .near(let left, let right, _): return positiveTerms(left) + positiveTerms(right)
        }
    }

    // MARK: - Flattening

    private mutating func flatten(_ node: QueryNode, fields: UInt8) -> Int32 {
        switch node {
        case .term(let term):
            let id = intern(term)
            return append(.init(kind: .term, fields: fields, a: id, b: 0, c: 0))
        case .and(let kids), .or(let kids):
            let ids = kids.map { flatten($0, fields: fields) }
            let start = Int32(children.count)
            children.append(contentsOf: ids)
            let kind: MatcherProgram.Node.Kind
            if case .and = node { kind = .and } else { kind = .or }
            return append(.init(kind: kind, fields: fields, a: start, b: Int32(ids.count), c: 0))
        case .not(let kid):
            let child = flatten(kid, fields: fields)
            return append(.init(kind: .not, fields: fields, a: child, b: 0, c: 0))
        case .scoped(let scope, let kid):
            return flatten(kid, fields: fields & scope.rawValue)
        case .near(let left, let right, let distance):
            let leftSet = positionSet(left, fields: fields)
            let rightSet = positionSet(right, fields: fields)
            return append(.init(kind: .near, fields: fields, a: leftSet, b: rightSet, c: Int32(distance)))
        }
    }

    private mutating func positionSet(_ node: QueryNode, fields: UInt8) -> Int32 {
        var set: [(term: Int32, fields: UInt8)] = []
        collectPositions(node, fields: fields, into: &set)
        positionSets.append(set)
        return Int32(positionSets.count - 1)
    }

    private mutating func collectPositions(
        _ node: QueryNode, fields: UInt8, into set: inout [(term: Int32, fields: UInt8)]
    ) {
        switch node {
        case .term(let term):
            set.append((intern(term), fields))
        case .or(let kids):
            for kid in kids { collectPositions(kid, fields: fields, into: &set) }
        case .scoped(let scope, let kid):
            collectPositions(kid, fields: fields & scope.rawValue, into: &set)
        case .and, .not, .near:
            break  // rejected by the parser
        }
    }

    private mutating func append(_ node: MatcherProgram.Node) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    // MARK: - Interning

    private mutating func intern(_ term: QueryTerm, stem: Bool? = nil) -> Int32 {
        let useStem = stem ?? (mode == .stemmed)
        let normalized = TextTables.normalize(term.text, fold: mode == .stemmed)
        let key = "\(term.isPrefix ? "P" : "W")\(useStem ? "S" : "E")\(normalized)"
        if let id = termIndex[key] { return id }
        let pattern = TermPattern(normalized: normalized, isPrefix: term.isPrefix)
        var wordIDs: [Int32] = []
        if !pattern.isFallback {
            for (index, word) in pattern.words.enumerated() {
                let isLast = index == pattern.words.count - 1
                if isLast && term.isPrefix {
                    wordIDs.append(internWord(word, .prefix))
                } else if useStem {
                    let stem = Array(Stemmer.stem(String(decoding: word, as: UTF8.self)).utf8)
                    let stemLength = String(decoding: stem, as: UTF8.self).unicodeScalars.count
                    wordIDs.append(stemLength >= 3 ? internWord(stem, .stem) : internWord(word, .exact))
                } else {
                    wordIDs.append(internWord(word, .exact))
                }
            }
        }
        let id = Int32(terms.count)
        terms.append(MatcherProgram.Term(pattern: pattern, wordIDs: wordIDs, display: term.display))
        termCues.append(0)
        termClaims.append([])
        termGroups.append([])
        termIndex[key] = id
        return id
    }

    private mutating func internWord(_ bytes: [UInt8], _ kind: MatcherProgram.WordKind) -> Int32 {
        if let id = wordIndex[bytes]?[kind] { return id }
        let id = Int32(words.count)
        words.append((bytes, kind))
        wordIndex[bytes, default: [:]][kind] = id
        return id
    }

    // MARK: - Finishing

    mutating func finish() -> MatcherProgram {
        var exact: [(bytes: [UInt8], word: Int32)] = []
        var markers: [(bytes: [UInt8], marker: Int32)] = []
        for (index, word) in words.enumerated() {
            let id = Int32(index)
            switch word.kind {
            case .exact: exact.append((word.bytes, id))
            case .prefix: markers.append((word.bytes, id))
            case .stem:
                // The English y → i of a stem ("deny" → "deni") is the one change that is not a prefix of the word.
                var anchor = word.bytes
                if anchor.last == UInt8(ascii: "i") { anchor.removeLast() }
                markers.append((anchor, -(id + 1)))
            }
        }
        let fold = mode == .stemmed
        var program = MatcherProgram(
            fold: fold, table: fold ? TextTables.folded : TextTables.exact,
            trie: ByteTrie(exact: exact, markers: markers))
        program.wordKinds = words.map(\.kind)
        program.wordStems = words.map { $0.kind == .stem ? $0.bytes : [] }
        program.terms = terms
        program.termCues = termCues
        program.nodes = nodes
        program.children = children
        program.positionSets = positionSets
        program.claims = claims
        for claim in claims {
            program.rootStart.append(Int32(program.roots.count))
            program.rootCount.append(Int32(claim.subqueries.count))
            program.roots.append(contentsOf: claim.subqueries.map(\.root))
            for subquery in claim.subqueries {
                program.subqueryTermStart.append(Int32(program.subqueryTermPool.count))
                program.subqueryTermCount.append(Int32(subquery.positiveTerms.count))
                program.subqueryTermPool.append(contentsOf: subquery.positiveTerms)
                program.subqueryBitPool.append(contentsOf: subquery.groupBits)
                program.subqueryGroupCount.append(Int32(subquery.groupCount))
            }
        }
        program.queryTermCount = terms.count

        var single = [[Int32]](repeating: [], count: words.count)
        var multi = [[Int32]](repeating: [], count: words.count)
        for (index, term) in terms.enumerated() {
            if term.pattern.isFallback {
                program.fallbackTerms.append(Int32(index))
            } else if term.wordIDs.count == 1 {
                single[Int(term.wordIDs[0])].append(Int32(index))
            } else if let first = term.wordIDs.first {
                multi[Int(first)].append(Int32(index))
            }
        }
        flattenLists(
            terms.map(\.wordIDs), start: &program.termWordStart, count: &program.termWordCount,
            pool: &program.termWordPool)
        flattenLists(single, start: &program.singleStart, count: &program.singleCount, pool: &program.singlePool)
        flattenLists(multi, start: &program.multiStart, count: &program.multiCount, pool: &program.multiPool)
        flattenLists(termClaims, start: &program.claimStart, count: &program.claimCount, pool: &program.claimPool)
        for groups in termGroups {
            program.groupStart.append(Int32(program.groupSubquery.count))
            program.groupCount.append(Int32(groups.count))
            program.groupSubquery.append(contentsOf: groups.map(\.subquery))
            program.groupBit.append(contentsOf: groups.map(\.bit))
        }
        program.subqueryRequired = subqueryRequired
        program.subqueryClaim = subqueryClaim
        for (index, required) in subqueryRequired.enumerated() where required == 0 {
            let claim = subqueryClaim[index]
            if program.unfilteredClaims.last != claim { program.unfilteredClaims.append(claim) }
        }
        program.alwaysClaims = []
        return program
    }

    private func flattenLists(_ lists: [[Int32]], start: inout [Int32], count: inout [Int32], pool: inout [Int32]) {
        start = []
        count = []
        pool = []
        for list in lists {
            start.append(Int32(pool.count))
            count.append(Int32(list.count))
            pool.append(contentsOf: list)
        }
    }
}
