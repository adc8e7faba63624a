import FeedModel

/// The mutable state of a `TaggingSession`: buffers reused from item to item and the per-item results. A struct,
/// so the hot loops run on a local value with no runtime exclusivity checks.
struct TaggingState {
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

    let program: MatcherProgram
    let claimIDs: [String]

    /// The lowered field; only the first `lowCount` bytes are valid (the array keeps its largest size).
    let lowStorage = ByteStorage(capacity: 1 << 12)
    var lowCount = 0
    var hits: [Hit] = []
    var occurrences: [Occurrence] = []
    var termFields: [UInt8]
    var termFirst: [Int32]
    var termLast: [Int32]
    var touched: [Int32] = []
    var candidateBits: [UInt64]
    /// Per sub-query: the bits of its required parts that the item's terms satisfy (see `evaluateCandidates`).
    var subqueryMasks: [UInt64]
    var touchedSubqueries: [Int32] = []
    /// Per-link scratch: top-level query parts per sentence.
    var groupBuffer: [UInt64] = []
    /// Sentence texts built for snippets, per item.
    var sentenceTexts: [String?] = []
    /// Unicode scalars per sentence (-1: not counted yet), per item.
    var sentenceScalars: [Int32] = []
    var sentences: [Sentence] = []
    /// The item's fields as UTF-8 (title, summary, content), for snippets.
    var fieldBytes: [[UInt8]] = [[], [], []]
    var cueTerms: [Int32] = []

    var pendingPrefixes: [Int32] = []
    var pendingStems: [Int32] = []
    var stemScratch: [UInt32] = []
    var stemBytes: [UInt8] = []

    init(program: MatcherProgram, claimIDs: [String]) {
        self.program = program
        self.claimIDs = claimIDs
        termFields = [UInt8](repeating: 0, count: program.terms.count)
        termFirst = [Int32](repeating: -1, count: program.terms.count)
        termLast = [Int32](repeating: -1, count: program.terms.count)
        candidateBits = [UInt64](repeating: 0, count: (program.claims.count + 63) / 64)
        subqueryMasks = [UInt64](repeating: 0, count: program.subqueryRequired.count)
    }

    // MARK: - Matching

    /// Scans the fields and evaluates the candidate claims: (claim index, index of the sub-query that matched).
    mutating func match(title: String?, summary: String?, content: String?) -> [(claim: Int32, subquery: Int)] {
        reset()
        if let title { scan(title, field: .title, bit: FieldScope.title.rawValue) }
        if let summary { scan(summary, field: .summary, bit: FieldScope.summary.rawValue) }
        if let content { scan(content, field: .content, bit: FieldScope.content.rawValue) }
        return evaluateCandidates()
    }

    private mutating func reset() {
        for term in touched {
            termFields[Int(term)] = 0
            termFirst[Int(term)] = -1
            termLast[Int(term)] = -1
        }
        touched.removeAll(keepingCapacity: true)
        occurrences.removeAll(keepingCapacity: true)
        sentences.removeAll(keepingCapacity: true)
        sentenceTexts.removeAll(keepingCapacity: true)
        sentenceScalars.removeAll(keepingCapacity: true)
        cueTerms.removeAll(keepingCapacity: true)
    }

    private mutating func scan(_ text: String, field: ItemField, bit: UInt8) {
        var text = text
        text.withUTF8 { bytes in
            scanBytes(bytes, field: field, bit: bit)
        }
    }

    /// Lowers the field into `low`, splits it into words and sentences, and walks each word through the trie,
    /// recording a hit per vocabulary word found. The per-byte state lives in plain locals that no closure
    /// captures, so the loop keeps it in registers; the rarer work at the end of a word that may be in the
    /// vocabulary goes through a `TokenSink`.
    // swiftlint:disable:next function_body_length cyclomatic_complexity
    private mutating func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>, field: ItemField, bit: UInt8) {
        fieldBytes[Int(field.slot)].removeAll(keepingCapacity: true)
        fieldBytes[Int(field.slot)].append(contentsOf: bytes)
        var sink = TokenSink(trie: program.trie, wordStems: program.wordStems)
        swap(&sink.hits, &hits)
        swap(&sink.prefixes, &pendingPrefixes)
        swap(&sink.stems, &pendingStems)
        swap(&sink.stemScratch, &stemScratch)
        swap(&sink.stemBytes, &stemBytes)
        sink.hits.removeAll(keepingCapacity: true)
        var sentences: [Sentence] = []
        swap(&sentences, &self.sentences)
        lowStorage.reserve(bytes.count * 3 + 16)
        let lowBuffer = lowStorage.pointer
        var lowCount = 0
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
        var extra: [Unicode.Scalar] = []

        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                // Fast paths for the two commonest bytes: an ASCII word byte inside a word (lowered, stored and
                // walked), and a plain space between words. Both do exactly what the general path below does.
                let entry = table[Int(lead)]
                if inToken && entry & TextTables.wordFlag != 0 {
                    let byte = UInt8(truncatingIfNeeded: entry)
                    lowBuffer[lowCount] = byte
                    lowCount += 1
                    index += 1
                    if node >= 0 {
                        node = trie.child(node, byte)
                        if node >= 0 && node & ByteTrie.markerFlag != 0 {
                            node &= ~ByteTrie.markerFlag
                            sink.addMarkers(of: node)
                        }
                    }
                    continue
                }
                if lead == 0x20 && !inToken {
                    lowBuffer[lowCount] = 0x20
                    lowCount += 1
                    index += 1
                    if pendingBreak { sawSpace = true }
                    continue
                }
            } else if inToken && lead & 0xE0 == 0xC0 && index + 1 < count {
                // A two-byte letter (Cyrillic, Latin with diacritics) inside a word that lowers to another
                // two-byte letter: the same as the general path, without its decoding of several cases.
                let value = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                let entry = table[Int(value)]
                let lowered = entry & TextTables.scalarMask
                if entry & (TextTables.wordFlag | TextTables.multiFlag) == TextTables.wordFlag && lowered >= 0x80
                    && lowered < 0x800
                {
                    let first = UInt8(truncatingIfNeeded: 0xC0 | (lowered >> 6))
                    let second = UInt8(truncatingIfNeeded: 0x80 | (lowered & 0x3F))
                    lowBuffer[lowCount] = first
                    lowBuffer[lowCount + 1] = second
                    lowCount += 2
                    index += 2
                    if node >= 0 {
                        node = trie.child(node, first)
                        if node >= 0 && node & ByteTrie.markerFlag != 0 {
                            node &= ~ByteTrie.markerFlag
                            sink.addMarkers(of: node)
                        }
                        if node >= 0 {
                            node = trie.child(node, second)
                            if node >= 0 && node & ByteTrie.markerFlag != 0 {
                                node &= ~ByteTrie.markerFlag
                                sink.addMarkers(of: node)
                            }
                        }
                    }
                    continue
                }
            }
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
            let entry =
                value < TextTables.tableLimit
                ? table[Int(value)] : TextTables.entry(value, table: table, fold: fold)
            let origStart = index
            let origEnd = index + length
            index += length
            let isUpper = entry & TextTables.upperFlag != 0
            var lowered = entry & TextTables.scalarMask
            var isWord = entry & TextTables.wordFlag != 0
            var extraIndex = 0
            if entry & TextTables.multiFlag != 0, let scalar = Unicode.Scalar(value) {
                // A lowercase mapping of several scalars (İ → i + U+0307): handle them one by one.
                extra = TextTables.loweredScalars(scalar, fold: fold)
                guard let first = extra.first else { continue }
                lowered = first.value
                isWord = TextTables.isPythonWord(first)
                extraIndex = 1
            }
            while true {
                if isWord {
                    if !inToken {
                        if pendingBreak && sawSpace && (isUpper || !Self.isLowercaseLetter(lowered)) {
                            if sentenceHasWords {
                                sentences.append(
                                    Sentence(
                                        field: field, start: Int32(sentenceStart), end: Int32(lastPunctuationEnd),
                                        isQuestion: lastWasQuestion))
                                sentence += 1
                            }
                            sentenceHasWords = false
                            lastWasQuestion = false
                        }
                        pendingBreak = false
                        if !sentenceHasWords {
                            sentenceHasWords = true
                            sentenceStart = origStart
                        }
                        inToken = true
                        node = ByteTrie.root
                        tokenLowStart = lowCount
                        tokenOrigStart = origStart
                    }
                    // Append the lowered scalar's UTF-8 and walk the trie along it.
                    var encoded: UInt32 = 0
                    var encodedCount = 1
                    if lowered < 0x80 {
                        encoded = lowered
                    } else if lowered < 0x800 {
                        encoded = (0xC0 | (lowered >> 6)) | ((0x80 | (lowered & 0x3F)) << 8)
                        encodedCount = 2
                    } else if lowered < 0x10000 {
                        encoded = (0xE0 | (lowered >> 12)) | ((0x80 | ((lowered >> 6) & 0x3F)) << 8)
                        encoded |= (0x80 | (lowered & 0x3F)) << 16
                        encodedCount = 3
                    } else {
                        encoded = (0xF0 | (lowered >> 18)) | ((0x80 | ((lowered >> 12) & 0x3F)) << 8)
                        encoded |= ((0x80 | ((lowered >> 6) & 0x3F)) << 16) | ((0x80 | (lowered & 0x3F)) << 24)
                        encodedCount = 4
                    }
                    for _ in 0..<encodedCount {
                        let byte = UInt8(truncatingIfNeeded: encoded)
                        encoded >>= 8
                        lowBuffer[lowCount] = byte
                        lowCount += 1
                        if node >= 0 {
                            node = trie.child(node, byte)
                            if node >= 0 && node & ByteTrie.markerFlag != 0 {
                                node &= ~ByteTrie.markerFlag
                                sink.addMarkers(of: node)
                            }
                        }
                    }
                } else {
                    if inToken {
                        inToken = false
                        if (node >= 0 && trie.exactWord[Int(node)] >= 0) || sink.hasPending {
                            sink.finish(
                                node: node,
                                hit: Hit(
                                    word: -1, token: token, sentence: sentence, lowStart: Int32(tokenLowStart),
                                    lowEnd: Int32(lowCount), origStart: Int32(tokenOrigStart), origEnd: Int32(origStart)
                                ),
                                low: lowBuffer)
                        }
                        token += 1
                    }
                    if lowered < 0x80 {
                        lowBuffer[lowCount] = UInt8(lowered)
                        lowCount += 1
                    } else if lowered < 0x800 {
                        lowBuffer[lowCount] = UInt8(0xC0 | (lowered >> 6))
                        lowBuffer[lowCount + 1] = UInt8(0x80 | (lowered & 0x3F))
                        lowCount += 2
                    } else if lowered < 0x10000 {
                        lowBuffer[lowCount] = UInt8(0xE0 | (lowered >> 12))
                        lowBuffer[lowCount + 1] = UInt8(0x80 | ((lowered >> 6) & 0x3F))
                        lowBuffer[lowCount + 2] = UInt8(0x80 | (lowered & 0x3F))
                        lowCount += 3
                    } else {
                        lowBuffer[lowCount] = UInt8(0xF0 | (lowered >> 18))
                        lowBuffer[lowCount + 1] = UInt8(0x80 | ((lowered >> 12) & 0x3F))
                        lowBuffer[lowCount + 2] = UInt8(0x80 | ((lowered >> 6) & 0x3F))
                        lowBuffer[lowCount + 3] = UInt8(0x80 | (lowered & 0x3F))
                        lowCount += 4
                    }
                    switch lowered {
                    case 0x2E, 0x21, 0x3F, 0x2026, 0x3002:  // . ! ? … 。
                        pendingBreak = true
                        sawSpace = false
                        lastWasQuestion = lowered == 0x3F
                        lastPunctuationEnd = origEnd
                    case 0x0A, 0x0D, 0x2029:
                        if sentenceHasWords {
                            sentences.append(
                                Sentence(
                                    field: field, start: Int32(sentenceStart), end: Int32(origStart),
                                    isQuestion: lastWasQuestion))
                            sentence += 1
                        }
                        sentenceHasWords = false
                        lastWasQuestion = false
                        pendingBreak = false
                    case 0x20, 0xA0, 0x09:
                        if pendingBreak { sawSpace = true }
                    default:
                        break
                    }
                }
                guard extraIndex > 0, extraIndex < extra.count else { break }
                lowered = extra[extraIndex].value
                isWord = TextTables.isPythonWord(extra[extraIndex])
                extraIndex += 1
            }
        }
        if inToken && ((node >= 0 && trie.exactWord[Int(node)] >= 0) || sink.hasPending) {
            sink.finish(
                node: node,
                hit: Hit(
                    word: -1, token: token, sentence: sentence, lowStart: Int32(tokenLowStart), lowEnd: Int32(lowCount),
                    origStart: Int32(tokenOrigStart), origEnd: Int32(count)),
                low: lowBuffer)
        }
        if sentenceHasWords {
            sentences.append(
                Sentence(field: field, start: Int32(sentenceStart), end: Int32(count), isQuestion: lastWasQuestion))
        }
        self.lowCount = lowCount
        swap(&sink.hits, &hits)
        swap(&sink.prefixes, &pendingPrefixes)
        swap(&sink.stems, &pendingStems)
        swap(&sink.stemScratch, &stemScratch)
        swap(&sink.stemBytes, &stemBytes)
        swap(&sentences, &self.sentences)
        resolveHits(field: field, bit: bit)
    }

    @inline(__always)
    private static func isLowercaseLetter(_ value: UInt32) -> Bool {
        (value >= 0x61 && value <= 0x7A) || (value >= 0x430 && value <= 0x45F) || (value >= 0xDF && value <= 0xFF)
    }

    // MARK: - Terms

    private mutating func resolveHits(field: ItemField, bit: UInt8) {
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

    private mutating func record(
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
        let wordStart = Int(program.termWordStart[Int(term)])
        var previous = first
        for position in 1..<Int(program.termWordCount[Int(term)]) {
            let wanted = hits[previous].token + 1
            var candidate = previous + 1
            while candidate < hits.count && hits[candidate].token < wanted { candidate += 1 }
            var found = -1
            while candidate < hits.count && hits[candidate].token == wanted {
                if hits[candidate].word == program.termWordPool[wordStart + position] {
                    found = candidate
                    break
                }
                candidate += 1
            }
            guard found >= 0 else { return nil }
            guard
                matches(
                    program.terms[Int(term)].pattern.separators[position - 1], from: Int(hits[previous].lowEnd),
                    to: Int(hits[found].lowStart))
            else {
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
                for (offset, byte) in bytes.enumerated() where lowStorage.pointer[position + offset] != byte {
                    return false
                }
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
        guard position < lowCount else { return nil }
        let (value, length) = decode(position)
        guard let scalar = Unicode.Scalar(value) else { return (false, length) }
        return (TextTables.isPythonSpace(scalar), length)
    }

    private func decode(_ position: Int) -> (UInt32, Int) {
        let lead = lowStorage.pointer[position]
        if lead < 0x80 { return (UInt32(lead), 1) }
        var length = 2
        if lead & 0xF0 == 0xE0 { length = 3 } else if lead & 0xF8 == 0xF0 { length = 4 }
        guard position + length <= lowCount else { return (0xFFFD, 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = (value << 6) | UInt32(lowStorage.pointer[position + offset] & 0x3F) }
        return (value, length)
    }

    private func isWordAt(_ position: Int) -> Bool {
        let (value, _) = decode(position)
        if value < TextTables.tableLimit { return TextTables.pythonWord[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return TextTables.isPythonWord(scalar)
    }

    /// Whether the character before `position` (a character start in the lowered field) is a word character.
    private func isWordBefore(_ position: Int) -> Bool {
        guard position > 0 else { return false }
        var start = position - 1
        while start > 0 && position - start < 4 && lowStorage.pointer[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordAt(start)
    }

    /// `(?<!\w)` + pattern + `(?!\w)` over the lowered field, for terms that start or end with punctuation.
    ///
    /// A pattern that starts with a literal can only match where the field has the literal's first byte (a
    /// character start, since the lowered field is valid UTF-8): only there is the rest checked. Others take
    /// the general walk over every character.
    private func fallbackMatches(_ pattern: TermPattern) -> Bool {
        guard case .literal(let literal)? = pattern.elements.first, let first = literal.first else {
            return fallbackMatchesEverywhere(pattern)
        }
        let low = lowStorage.pointer
        var position = 0
        while position < lowCount {
            if low[position] == first && !isWordBefore(position), let end = match(pattern.elements, at: position) {
                if pattern.isPrefix || end >= lowCount || !isWordAt(end) { return true }
            }
            position += 1
        }
        return false
    }

    /// `fallbackMatches` trying every character start.
    private func fallbackMatchesEverywhere(_ pattern: TermPattern) -> Bool {
        var position = 0
        var previousIsWord = false
        while position <= lowCount {
            if !previousIsWord, let end = match(pattern.elements, at: position) {
                if pattern.isPrefix || end >= lowCount || !isWordAt(end) { return true }
            }
            guard position < lowCount else { break }
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
                guard position + bytes.count <= lowCount else { return nil }
                for (offset, byte) in bytes.enumerated() where lowStorage.pointer[position + offset] != byte {
                    return nil
                }
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

    private mutating func evaluateCandidates() -> [(claim: Int32, subquery: Int)] {
        // Each term the item has sets its bits in the sub-queries whose required parts it can satisfy; a claim
        // is a candidate once one of its sub-queries has all its bits (or has no required part at all).
        // Candidates are marked in a bitmap, then visited in claim order (no sort, no duplicates).
        for term in touched {
            let start = Int(program.groupStart[Int(term)])
            for offset in 0..<Int(program.groupCount[Int(term)]) {
                let subquery = Int(program.groupSubquery[start + offset])
                let old = subqueryMasks[subquery]
                if old == 0 { touchedSubqueries.append(Int32(subquery)) }
                let new = old | program.groupBit[start + offset]
                subqueryMasks[subquery] = new
                if new != old && new == program.subqueryRequired[subquery] {
                    let claim = Int(program.subqueryClaim[subquery])
                    candidateBits[claim >> 6] |= 1 << UInt64(claim & 63)
                }
            }
        }
        for claim in program.unfilteredClaims {
            candidateBits[Int(claim) >> 6] |= 1 << UInt64(claim & 63)
        }
        for claim in program.alwaysClaims {
            candidateBits[Int(claim) >> 6] |= 1 << UInt64(claim & 63)
        }
        var matched: [(claim: Int32, subquery: Int)] = []
        for word in candidateBits.indices where candidateBits[word] != 0 {
            var bits = candidateBits[word]
            candidateBits[word] = 0
            while bits != 0 {
                let claim = word << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                let start = Int(program.rootStart[claim])
                for offset in 0..<Int(program.rootCount[claim]) {
                    let subquery = start + offset
                    guard subqueryMasks[subquery] == program.subqueryRequired[subquery] else { continue }
                    if evaluate(program.roots[subquery]) {
                        matched.append((Int32(claim), offset))
                        break
                    }
                }
            }
        }
        for subquery in touchedSubqueries { subqueryMasks[Int(subquery)] = 0 }
        touchedSubqueries.removeAll(keepingCapacity: true)
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
                        let gap =
                            b.tokenStart > a.tokenEnd ? b.tokenStart - a.tokenEnd - 1 : a.tokenStart - b.tokenEnd - 1
                        if gap <= distance { return true }
                    }
                }
            }
        }
        return false
    }
}

extension ItemField {
    /// 0, 1, 2 for title, summary, content.
    var slot: UInt8 {
        switch self {
        case .title: return 0
        case .summary: return 1
        case .content: return 2
        }
    }
}

/// What the scanner finds at the end of a word that may be in the vocabulary: the hits (the exact word, the
/// prefixes passed, the stems that compare equal), and meanwhile the prefix and stem words whose trie markers
/// the walk passed. Kept apart from the scanner's per-byte state so that state stays in registers.
private struct TokenSink {
    let trie: ByteTrie
    let wordStems: [[UInt8]]
    var hits: [TaggingState.Hit] = []
    var prefixes: [Int32] = []
    var stems: [Int32] = []
    /// Buffers for stemming a word (scalar values, then the stem's UTF-8), reused from word to word.
    var stemScratch: [UInt32] = []
    var stemBytes: [UInt8] = []

    var hasPending: Bool { !prefixes.isEmpty || !stems.isEmpty }

    /// Records the prefix and stem markers of a trie node the walk passed.
    mutating func addMarkers(of node: Int32) {
        let markers = trie.markerCount[Int(node)]
        guard markers > 0 else { return }
        let start = Int(trie.markerStart[Int(node)])
        for offset in 0..<Int(markers) {
            let marker = trie.markerWords[start + offset]
            if marker >= 0 {
                prefixes.append(marker)
            } else {
                stems.append(-marker - 1)
            }
        }
    }

    /// Ends a word at trie `node` (-1 when the walk fell off): records the exact word, the prefixes passed
    /// and the stems that compare equal, each as a copy of `hit`. `low` holds the lowered field.
    mutating func finish(node: Int32, hit: TaggingState.Hit, low: UnsafeMutablePointer<UInt8>) {
        if node >= 0 {
            let exact = trie.exactWord[Int(node)]
            if exact >= 0 {
                var found = hit
                found.word = exact
                hits.append(found)
            }
        }
        if !prefixes.isEmpty {
            for word in prefixes {
                var found = hit
                found.word = word
                hits.append(found)
            }
            prefixes.removeAll(keepingCapacity: true)
        }
        if !stems.isEmpty {
            let lowered = UnsafeBufferPointer(start: low + Int(hit.lowStart), count: Int(hit.lowEnd - hit.lowStart))
            Stemmer.stem(utf8: lowered, scratch: &stemScratch, into: &stemBytes)
            for word in stems where wordStems[Int(word)] == stemBytes {
                var found = hit
                found.word = word
                hits.append(found)
            }
            stems.removeAll(keepingCapacity: true)
        }
    }
}

/// A growable byte buffer written through a raw pointer (the lowered field): no array bounds, uniqueness or
/// exclusivity checks in the scanner's inner loop.
final class ByteStorage {
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    /// Makes room for at least `count` bytes (the old contents are not kept).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = max(count, capacity * 2)
        pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit {
        pointer.deallocate()
    }
}
