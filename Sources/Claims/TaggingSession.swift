import FeedModel

/// Tags items with one `Tagger`'s claims, reusing its buffers from item to item. Not thread-safe: make one
/// session per thread with `Tagger.makeSession()`.
public final class TaggingSession {
    struct Hit {
        var word: Int32
        var token: Int32
        var sentence: Int32
        var lowStart: Int32
        var lowEnd: Int32
        var origStart: Int32
        var origEnd: Int32
    }

    struct Occurrence {
        var term: Int32
        var field: UInt8
        var tokenStart: Int32
        var tokenEnd: Int32
        var sentence: Int32
        var origStart: Int32
        var origEnd: Int32
        /// Next occurrence of the same term, or -1.
        var next: Int32
    }

    struct Sentence {
        var field: ItemField
        var start: Int32
        var end: Int32
        var isQuestion: Bool
    }

    let tagger: Tagger
    let program: MatcherProgram

    var low: [UInt8] = []
    var hits: [Hit] = []
    var occurrences: [Occurrence] = []
    var termFields: [UInt8]
    var termFirst: [Int32]
    var termLast: [Int32]
    var touched: [Int32] = []
    var claimStamp: [UInt32]
    var stamp: UInt32 = 0
    var candidates: [Int32] = []
    var sentences: [Sentence] = []
    /// The item's fields as UTF-8, for snippets.
    var fieldBytes: [ItemField: [UInt8]] = [:]
    var cueTerms: [Int32] = []

    private var pendingPrefixes: [Int32] = []
    private var pendingStems: [Int32] = []

    init(tagger: Tagger) {
        self.tagger = tagger
        self.program = tagger.program
        termFields = [UInt8](repeating: 0, count: program.terms.count)
        termFirst = [Int32](repeating: -1, count: program.terms.count)
        termLast = [Int32](repeating: -1, count: program.terms.count)
        claimStamp = [UInt32](repeating: 0, count: program.claims.count)
        low.reserveCapacity(1 << 16)
    }

    /// The links of one item, in claim order.
    public func tag(_ item: FeedItem) -> [ClaimLink] {
        tag(id: item.id, title: item.title, summary: item.summary, content: item.content)
    }

    /// The links of one item given as its fields (any may be nil).
    public func tag(id: String, title: String?, summary: String?, content: String?) -> [ClaimLink] {
        let matched = match(title: title, summary: summary, content: content)
        var links: [ClaimLink] = []
        links.reserveCapacity(matched.count)
        for (claim, subquery) in matched {
            links.append(makeLink(itemID: id, claim: claim, subquery: subquery).link)
        }
        return links
    }

    /// Only the ids of the claims the item matches (no evidence or stance), in claim order.
    public func matchingClaimIndices(title: String?, summary: String?, content: String?) -> [Int] {
        match(title: title, summary: summary, content: content).map { Int($0.claim) }
    }

    // MARK: - Matching

    /// Scans the fields and evaluates the candidate claims: (claim index, index of the sub-query that matched).
    func match(title: String?, summary: String?, content: String?) -> [(claim: Int32, subquery: Int)] {
        reset()
        if let title { scan(title, field: .title, bit: FieldScope.title.rawValue) }
        if let summary { scan(summary, field: .summary, bit: FieldScope.summary.rawValue) }
        if let content { scan(content, field: .content, bit: FieldScope.content.rawValue) }
        return evaluateCandidates()
    }

    private func reset() {
        for term in touched {
            termFields[Int(term)] = 0
            termFirst[Int(term)] = -1
            termLast[Int(term)] = -1
        }
        touched.removeAll(keepingCapacity: true)
        occurrences.removeAll(keepingCapacity: true)
        sentences.removeAll(keepingCapacity: true)
        cueTerms.removeAll(keepingCapacity: true)
        fieldBytes.removeAll(keepingCapacity: true)
    }

    private func scan(_ text: String, field: ItemField, bit: UInt8) {
        var text = text
        text.withUTF8 { bytes in
            scanBytes(bytes, field: field, bit: bit)
        }
    }

    // swiftlint:disable:next function_body_length
    private func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>, field: ItemField, bit: UInt8) {
        fieldBytes[field] = Array(bytes)
        low.removeAll(keepingCapacity: true)
        hits.removeAll(keepingCapacity: true)
        let table = program.table
        let fold = program.fold
        let trie = program.trie
        let count = bytes.count

        var index = 0
        var token: Int32 = 0
        var inToken = false
        var node: Int32 = ByteTrie.root
        var tokenLowStart = 0
        var tokenOrigStart = 0
        var sentence = Int32(sentences.count)
        var sentenceStart = 0
        var pendingBreak = false
        var sawSpace = false
        var lastPunctuationEnd = 0
        var lastWasQuestion = false
        var sentenceHasWords = false

        func closeSentence(at end: Int) {
            if sentenceHasWords {
                sentences.append(
                    Sentence(field: field, start: Int32(sentenceStart), end: Int32(end), isQuestion: lastWasQuestion))
                sentence += 1
            }
            sentenceHasWords = false
            lastWasQuestion = false
        }

        func endToken(at origEnd: Int) {
            inToken = false
            let lowEnd = Int32(low.count)
            if node >= 0 {
                let exact = trie.exactWord[Int(node)]
                if exact >= 0 {
                    hits.append(
                        Hit(
                            word: exact, token: token, sentence: sentence, lowStart: Int32(tokenLowStart),
                            lowEnd: lowEnd, origStart: Int32(tokenOrigStart), origEnd: Int32(origEnd)))
                }
            }
            for word in pendingPrefixes {
                hits.append(
                    Hit(
                        word: word, token: token, sentence: sentence, lowStart: Int32(tokenLowStart), lowEnd: lowEnd,
                        origStart: Int32(tokenOrigStart), origEnd: Int32(origEnd)))
            }
            pendingPrefixes.removeAll(keepingCapacity: true)
            if !pendingStems.isEmpty {
                let stem = Array(Stemmer.stem(String(decoding: low[tokenLowStart...], as: UTF8.self)).utf8)
                for word in pendingStems where program.wordStems[Int(word)] == stem {
                    hits.append(
                        Hit(
                            word: word, token: token, sentence: sentence, lowStart: Int32(tokenLowStart),
                            lowEnd: lowEnd, origStart: Int32(tokenOrigStart), origEnd: Int32(origEnd)))
                }
                pendingStems.removeAll(keepingCapacity: true)
            }
            token += 1
        }

        @inline(__always)
        func step(_ byte: UInt8) {
            guard node >= 0 else { return }
            node = trie.child(node, byte)
            if node >= 0 {
                let markers = trie.markerCount[Int(node)]
                if markers > 0 {
                    let start = Int(trie.markerStart[Int(node)])
                    for offset in 0..<Int(markers) {
                        let marker = trie.markerWords[start + offset]
                        if marker >= 0 { pendingPrefixes.append(marker) } else { pendingStems.append(-marker - 1) }
                    }
                }
            }
        }

        @inline(__always)
        func consume(_ lowered: UInt32, isWord: Bool, isUpper: Bool, origStart: Int, origEnd: Int) {
            if isWord {
                if !inToken {
                    if pendingBreak && sawSpace && (isUpper || !isLowercaseLetter(lowered)) {
                        closeSentence(at: lastPunctuationEnd)
                        sentenceStart = origStart
                    }
                    pendingBreak = false
                    if !sentenceHasWords {
                        sentenceHasWords = true
                        sentenceStart = origStart
                    }
                    inToken = true
                    node = ByteTrie.root
                    tokenLowStart = low.count
                    tokenOrigStart = origStart
                }
                appendUTF8(lowered, step: true)
            } else {
                if inToken { endToken(at: origStart) }
                appendUTF8(lowered, step: false)
                switch lowered {
                case 0x2E, 0x21, 0x3F, 0x2026, 0x3002:  // . ! ? … 。
                    pendingBreak = true
                    sawSpace = false
                    lastWasQuestion = lowered == 0x3F
                    lastPunctuationEnd = origEnd
                case 0x0A, 0x0D, 0x2029:
                    closeSentence(at: origStart)
                    pendingBreak = false
                default:
                    if pendingBreak && (lowered == 0x20 || lowered == 0xA0 || lowered == 0x09) { sawSpace = true }
                }
            }
        }

        @inline(__always)
        func appendUTF8(_ value: UInt32, step stepping: Bool) {
            if value < 0x80 {
                low.append(UInt8(value))
                if stepping { step(UInt8(value)) }
            } else if value < 0x800 {
                let first = UInt8(0xC0 | (value >> 6))
                let second = UInt8(0x80 | (value & 0x3F))
                low.append(first)
                low.append(second)
                if stepping {
                    step(first)
                    step(second)
                }
            } else {
                guard let scalar = Unicode.Scalar(value) else { return }
                for byte in String(scalar).utf8 {
                    low.append(byte)
                    if stepping { step(byte) }
                }
            }
        }

        while index < count {
            let lead = bytes[index]
            var value: UInt32
            var length = 1
            if lead < 0x80 {
                value = UInt32(lead)
            } else if lead & 0xE0 == 0xC0, index + 1 < count {
                value = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                length = 2
            } else if lead & 0xF0 == 0xE0, index + 2 < count {
                value = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
                value |= UInt32(bytes[index + 2] & 0x3F)
                length = 3
            } else if lead & 0xF8 == 0xF0, index + 3 < count {
                value = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
                value |= (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
                length = 4
            } else {
                value = 0xFFFD
            }
            let entry = TextTables.entry(value, table: table, fold: fold)
            if entry & TextTables.multiFlag != 0, let scalar = Unicode.Scalar(value) {
                for lowered in TextTables.loweredScalars(scalar, fold: fold) {
                    consume(
                        lowered.value, isWord: TextTables.isPythonWord(lowered),
                        isUpper: true, origStart: index, origEnd: index + length)
                }
            } else {
                consume(
                    entry & TextTables.scalarMask, isWord: entry & TextTables.wordFlag != 0,
                    isUpper: entry & TextTables.upperFlag != 0, origStart: index, origEnd: index + length)
            }
            index += length
        }
        if inToken { endToken(at: count) }
        closeSentence(at: count)
        resolveHits(field: field, bit: bit)
    }

    @inline(__always)
    private func isLowercaseLetter(_ value: UInt32) -> Bool {
        (value >= 0x61 && value <= 0x7A) || (value >= 0x430 && value <= 0x45F) || (value >= 0xDF && value <= 0xFF)
    }

    // MARK: - Terms

    private func resolveHits(field: ItemField, bit: UInt8) {
        for index in hits.indices {
            let hit = hits[index]
            let word = Int(hit.word)
            let singleStart = Int(program.singleStart[word])
            for offset in 0..<Int(program.singleCount[word]) {
                let term = program.singlePool[singleStart + offset]
                record(
                    term: term, bit: bit, tokenStart: hit.token, tokenEnd: hit.token, sentence: hit.sentence,
                    origStart: hit.origStart, origEnd: hit.origEnd)
            }
            let multiStart = Int(program.multiStart[word])
            for offset in 0..<Int(program.multiCount[word]) {
                let term = program.multiPool[multiStart + offset]
                if let last = verify(term: term, from: index) {
                    record(
                        term: term, bit: bit, tokenStart: hit.token, tokenEnd: hits[last].token,
                        sentence: hit.sentence, origStart: hit.origStart, origEnd: hits[last].origEnd)
                }
            }
        }
        for term in program.fallbackTerms where fallbackMatches(program.terms[Int(term)].pattern) {
            record(term: term, bit: bit, tokenStart: -1, tokenEnd: -1, sentence: -1, origStart: -1, origEnd: -1)
        }
    }

    private func record(
        term: Int32, bit: UInt8, tokenStart: Int32, tokenEnd: Int32, sentence: Int32, origStart: Int32,
        origEnd: Int32
    ) {
        let index = Int(term)
        let occurrence = Int32(occurrences.count)
        occurrences.append(
            Occurrence(
                term: term, field: bit, tokenStart: tokenStart, tokenEnd: tokenEnd, sentence: sentence,
                origStart: origStart, origEnd: origEnd, next: -1))
        if termFirst[index] < 0 {
            touched.append(term)
            termFirst[index] = occurrence
            if program.termCues[index] != 0 { cueTerms.append(term) }
        } else {
            occurrences[Int(termLast[index])].next = occurrence
        }
        termLast[index] = occurrence
        termFields[index] |= bit
    }

    /// The index of the last hit of a multi-word term starting at `first`, or nil.
    private func verify(term: Int32, from first: Int) -> Int? {
        let definition = program.terms[Int(term)]
        var previous = first
        for position in 1..<definition.wordIDs.count {
            let wanted = hits[previous].token + 1
            var candidate = previous + 1
            while candidate < hits.count && hits[candidate].token < wanted { candidate += 1 }
            var found = -1
            while candidate < hits.count && hits[candidate].token == wanted {
                if hits[candidate].word == definition.wordIDs[position] {
                    found = candidate
                    break
                }
                candidate += 1
            }
            guard found >= 0 else { return nil }
            let separator = definition.pattern.separators[position - 1]
            guard matches(separator, from: Int(hits[previous].lowEnd), to: Int(hits[found].lowStart)) else {
                return nil
            }
            previous = found
        }
        return previous
    }

    /// Whether the lowered bytes `start..<end` are exactly the separator.
    private func matches(_ separator: [TermPattern.Element], from start: Int, to end: Int) -> Bool {
        var position = start
        for element in separator {
            switch element {
            case .literal(let bytes):
                guard position + bytes.count <= end else { return false }
                for (offset, byte) in bytes.enumerated() where low[position + offset] != byte { return false }
                position += bytes.count
            case .spaces:
                let before = position
                while position < end, let (isSpace, length) = spaceAt(position), isSpace { position += length }
                if position == before { return false }
            }
        }
        return position == end
    }

    private func spaceAt(_ position: Int) -> (Bool, Int)? {
        guard position < low.count else { return nil }
        let (value, length) = decode(position)
        guard let scalar = Unicode.Scalar(value) else { return (false, length) }
        return (TextTables.isPythonSpace(scalar), length)
    }

    private func decode(_ position: Int) -> (UInt32, Int) {
        let lead = low[position]
        if lead < 0x80 { return (UInt32(lead), 1) }
        var length = 2
        if lead & 0xF0 == 0xE0 { length = 3 } else if lead & 0xF8 == 0xF0 { length = 4 }
        guard position + length <= low.count else { return (0xFFFD, 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = (value << 6) | UInt32(low[position + offset] & 0x3F) }
        return (value, length)
    }

    private func isWordAt(_ position: Int) -> Bool {
        let (value, _) = decode(position)
        guard let scalar = Unicode.Scalar(value) else { return false }
        return TextTables.isPythonWord(scalar)
    }

    /// `(?<!\w)` + pattern + `(?!\w)` over the lowered field, for terms that start or end with punctuation.
    private func fallbackMatches(_ pattern: TermPattern) -> Bool {
        var position = 0
        var previousIsWord = false
        while position <= low.count {
            if !previousIsWord, let end = match(pattern.elements, at: position) {
                if pattern.isPrefix || end >= low.count || !isWordAt(end) { return true }
            }
            guard position < low.count else { break }
            let (_, length) = decode(position)
            previousIsWord = isWordAt(position)
            position += length
        }
        return false
    }

    private func match(_ elements: [TermPattern.Element], at start: Int) -> Int? {
        var position = start
        for element in elements {
            switch element {
            case .literal(let bytes):
                guard position + bytes.count <= low.count else { return nil }
                for (offset, byte) in bytes.enumerated() where low[position + offset] != byte { return nil }
                position += bytes.count
            case .spaces:
                let before = position
                while let (isSpace, length) = spaceAt(position), isSpace { position += length }
                if position == before { return nil }
            }
        }
        return position
    }

    // MARK: - Claims

    private func evaluateCandidates() -> [(claim: Int32, subquery: Int)] {
        stamp &+= 1
        if stamp == 0 {
            for index in claimStamp.indices { claimStamp[index] = 0 }
            stamp = 1
        }
        candidates.removeAll(keepingCapacity: true)
        for term in touched {
            let start = Int(program.claimStart[Int(term)])
            for offset in 0..<Int(program.claimCount[Int(term)]) {
                let claim = program.claimPool[start + offset]
                if claimStamp[Int(claim)] != stamp {
                    claimStamp[Int(claim)] = stamp
                    candidates.append(claim)
                }
            }
        }
        for claim in program.alwaysClaims where claimStamp[Int(claim)] != stamp {
            claimStamp[Int(claim)] = stamp
            candidates.append(claim)
        }
        candidates.sort()
        var matched: [(claim: Int32, subquery: Int)] = []
        for claim in candidates {
            let subqueries = program.claims[Int(claim)].subqueries
            for (index, subquery) in subqueries.enumerated() where evaluate(subquery.root) {
                matched.append((claim, index))
                break
            }
        }
        return matched
    }

    func evaluate(_ index: Int32) -> Bool {
        let node = program.nodes[Int(index)]
        switch node.kind {
        case .term:
            return termFields[Int(node.a)] & node.fields != 0
        case .and:
            for offset in 0..<Int(node.b) where !evaluate(program.children[Int(node.a) + offset]) { return false }
            return true
        case .or:
            for offset in 0..<Int(node.b) where evaluate(program.children[Int(node.a) + offset]) { return true }
            return false
        case .not:
            return !evaluate(node.a)
        case .near:
            return near(program.positionSets[Int(node.a)], program.positionSets[Int(node.b)], distance: node.c)
        }
    }

    private func near(
        _ left: [(term: Int32, fields: UInt8)], _ right: [(term: Int32, fields: UInt8)], distance: Int32
    ) -> Bool {
        for (leftTerm, leftFields) in left {
            var first = termFirst[Int(leftTerm)]
            while first >= 0 {
                let a = occurrences[Int(first)]
                first = a.next
                guard a.field & leftFields != 0, a.tokenStart >= 0 else { continue }
                for (rightTerm, rightFields) in right {
                    var second = termFirst[Int(rightTerm)]
                    while second >= 0 {
                        let b = occurrences[Int(second)]
                        second = b.next
                        guard b.field == a.field, b.field & rightFields != 0, b.tokenStart >= 0 else { continue }
                        let gap = b.tokenStart > a.tokenEnd ? b.tokenStart - a.tokenEnd - 1 : a.tokenStart - b.tokenEnd - 1
                        if gap <= distance { return true }
                    }
                }
            }
        }
        return false
    }
}
