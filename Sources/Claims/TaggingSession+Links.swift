import FeedModel

/// Evidence and stance for one matched (item, claim): the sentence(s) where the terms matched and the
/// sentence-level cues around them. See docs/CLAIMS.md, "Stance".
struct LinkAnalysis {
    var link: ClaimLink
    /// Whether every top-level part of the query occurs within a window of two neighbouring sentences of
    /// one field, or in the title plus one sentence (the proximity the stemmed mode requires for a link).
    var isLocal = true
    var groupCount: Int
    var coveredGroups: Int
    var coreSentence: Int
    var cues: StanceCue
    var cueWords: [String]
    var claimCue: String?
    /// Why the stance was chosen, kept as data: only `explain` needs it in words (`reason`).
    var stanceReason = StanceReason.none
    var reason: String { stanceReason.text }
}

/// The rule of the stance method that decided a link's stance (see `decideStance`).
enum StanceReason {
    case none
    case noSentence
    case claimDisputeCue(String)
    case question
    case refusalStated(StanceCue)
    case denialOrRejection(StanceCue)
    case rejectionPresupposes(StanceCue)
    case negatedTerms
    case hedged(StanceCue)
    case claimSupportCue(String)
    case incomplete(groups: Int, covered: Int)
    case plainSentence

    var text: String {
        switch self {
        case .none: return ""
        case .noSentence: return "the terms were found only by a punctuation pattern, so no sentence could be read"
        case .claimDisputeCue(let cue): return "the claim's dispute cue \(cue) is in the evidence"
        case .question: return "the sentence that matches is a question"
        case .refusalStated(let cues):
            return "a denial or rejection cue (\(cues)) states a claim that is itself a refusal"
        case .denialOrRejection(let cues): return "a denial, failure or the actor's rejection (\(cues))"
        case .rejectionPresupposes(let cues):
            return "a rejection (\(cues)) by another party presupposes the claim's proposal"
        case .negatedTerms: return "a negation stands within three words before the claim's terms"
        case .hedged(let cues): return "hedging, a call or a prediction (\(cues)) in the sentence that matches"
        case .claimSupportCue(let cue): return "the claim's support cue \(cue) is in the evidence"
        case .incomplete(let groups, let covered):
            return "no sentence holds all \(groups) parts of the query (best: \(covered))"
        case .plainSentence: return "one sentence states all parts of the query with no denial, negation or hedging"
        }
    }
}

extension TaggingState {
    static let snippetLimit = 300

    mutating func makeLink(itemID: String, claim claimIndex: Int32, subquery subqueryIndex: Int) -> LinkAnalysis {
        let subquery = Int(program.rootStart[Int(claimIndex)]) + subqueryIndex
        let termStart = Int(program.subqueryTermStart[subquery])
        let termEnd = termStart + Int(program.subqueryTermCount[subquery])
        let subqueryGroups = Int(program.subqueryGroupCount[subquery])
        let claimID = claimIDs[Int(claimIndex)]

        // Which top-level groups of the query each sentence covers, and the terms that were found.
        var sentenceGroups = groupBuffer
        groupBuffer = []
        defer { groupBuffer = sentenceGroups }
        sentenceGroups.removeAll(keepingCapacity: true)
        sentenceGroups.append(contentsOf: repeatElement(0, count: sentences.count))
        var terms: [String] = []
        var firstField: UInt8 = 0
        for position in termStart..<termEnd {
            let term = program.subqueryTermPool[position]
            var occurrence = termFirst[Int(term)]
            if occurrence < 0 { continue }
            terms.append(program.terms[Int(term)].display)
            while occurrence >= 0 {
                let found = occurrences[Int(occurrence)]
                if found.sentence >= 0 && Int(found.sentence) < sentenceGroups.count {
                    sentenceGroups[Int(found.sentence)] |= program.subqueryBitPool[position]
                }
                if firstField == 0 { firstField = found.field }
                occurrence = found.next
            }
        }
        var core = -1
        var best = 0
        for (index, groups) in sentenceGroups.enumerated() where groups.nonzeroBitCount > best {
            best = groups.nonzeroBitCount
            core = index
        }
        let groupCount = max(subqueryGroups, 1)
        let full: UInt64 = groupCount >= 64 ? UInt64.max : (1 << UInt64(groupCount)) - 1
        // Only the stemmed (folding) mode asks for locality; the exact mode links on the query alone.
        var isLocal = subqueryGroups <= 1 || !program.fold
        if !isLocal {
            var titleGroups: UInt64 = 0
            for (index, groups) in sentenceGroups.enumerated() where sentences[index].field == .title {
                titleGroups |= groups
            }
            for (index, groups) in sentenceGroups.enumerated() {
                var window = groups | titleGroups
                if index + 1 < sentenceGroups.count && sentences[index + 1].field == sentences[index].field {
                    window |= sentenceGroups[index + 1]
                }
                if window & full == full {
                    isLocal = true
                    break
                }
            }
        }
        var analysis = LinkAnalysis(
            link: ClaimLink(
                itemID: itemID, claimID: claimID, stance: .mentions, confidence: 0.3, terms: terms,
                field: core >= 0 ? sentences[core].field : field(ofBit: firstField), snippet: ""),
            groupCount: groupCount, coveredGroups: best, coreSentence: core,
            cues: [], cueWords: [], claimCue: nil)
        analysis.isLocal = isLocal
        analysis.link.snippet = snippet(core: core, groups: sentenceGroups, groupCount: groupCount)
        decideStance(&analysis, claimIndex: Int(claimIndex), terms: termStart..<termEnd)
        return analysis
    }

    private func field(ofBit bit: UInt8) -> ItemField {
        bit == FieldScope.summary.rawValue ? .summary : bit == FieldScope.content.rawValue ? .content : .title
    }

    // MARK: - Evidence

    private mutating func snippet(core: Int, groups: [UInt64], groupCount: Int) -> String {
        guard core >= 0 else { return "" }
        var text = sentenceText(core)
        var length = scalarCount(core)
        let coreGroups = groups[core]
        if coreGroups.nonzeroBitCount < groupCount {
            // Add the sentence that covers most of the missing groups, if it fits.
            var extra = -1
            var extraBest = 0
            for (index, other) in groups.enumerated() where index != core {
                let added = (other & ~coreGroups).nonzeroBitCount
                if added > extraBest {
                    extraBest = added
                    extra = index
                }
            }
            if extra >= 0 {
                let extraLength = scalarCount(extra)
                if length + extraLength + 3 <= Self.snippetLimit {
                    let second = sentenceText(extra)
                    text = extra < core ? second + " … " + text : text + " … " + second
                    length += extraLength + 3
                }
            }
        }
        if length > Self.snippetLimit {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.snippetLimit - 1))) + "…"
        }
        return text
    }

    /// Unicode scalars in a sentence's (untrimmed) byte range: an upper bound of its trimmed length (cached per
    /// item: several links often share a sentence).
    private mutating func scalarCount(_ index: Int) -> Int {
        if sentenceScalars.count < sentences.count {
            sentenceScalars.append(contentsOf: repeatElement(-1, count: sentences.count - sentenceScalars.count))
        }
        if sentenceScalars[index] >= 0 { return Int(sentenceScalars[index]) }
        let sentence = sentences[index]
        let bytes = fieldBytes[Int(sentence.field.slot)]
        let end = min(Int(sentence.end), bytes.count)
        var count = 0
        var position = max(0, Int(sentence.start))
        while position < end {
            if bytes[position] & 0xC0 != 0x80 { count += 1 }
            position += 1
        }
        sentenceScalars[index] = Int32(count)
        return count
    }

    /// The sentence's text, trimmed (cached per item: several links often share a sentence).
    mutating func sentenceText(_ index: Int) -> String {
        if index < sentenceTexts.count, let cached = sentenceTexts[index] { return cached }
        let sentence = sentences[index]
        let bytes = fieldBytes[Int(sentence.field.slot)]
        var start = max(0, min(Int(sentence.start), bytes.count))
        var end = max(start, min(Int(sentence.end), bytes.count))
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x09) { end -= 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        if sentenceTexts.count < sentences.count {
            sentenceTexts.append(contentsOf: repeatElement(nil, count: sentences.count - sentenceTexts.count))
        }
        sentenceTexts[index] = text
        return text
    }

    // MARK: - Stance

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    private mutating func decideStance(
        _ analysis: inout LinkAnalysis, claimIndex: Int, terms: Range<Int>
    ) {
        let core = analysis.coreSentence
        guard core >= 0 else {
            analysis.stanceReason = .noSentence
            return
        }
        let isRefusal = program.claims[claimIndex].isRefusal
        let coreSentence = sentences[core]
        // The claim's own term occurrences in the core sentence: cue words inside them are part of the claim.
        var claimSpans: [(start: Int32, end: Int32, actor: Bool)] = []
        for position in terms {
            var occurrence = termFirst[Int(program.subqueryTermPool[position])]
            while occurrence >= 0 {
                let found = occurrences[Int(occurrence)]
                if Int(found.sentence) == core {
                    claimSpans.append((found.tokenStart, found.tokenEnd, program.subqueryBitPool[position] & 1 != 0))
                }
                occurrence = found.next
            }
        }
        var cues: StanceCue = []
        var cueWords: [String] = []
        var negatedClaimTerm = false
        var actorRejects = false
        for term in cueTerms {
            var occurrence = termFirst[Int(term)]
            while occurrence >= 0 {
                let found = occurrences[Int(occurrence)]
                occurrence = found.next
                guard Int(found.sentence) == core else { continue }
                if claimSpans.contains(where: { found.tokenStart <= $0.end && found.tokenEnd >= $0.start }) { continue }
                var cue = StanceCue(rawValue: program.termCues[Int(term)])
                // The actor's own call or demand is the claim itself ("Trump says Kyiv should cede…").
                if cue.contains(.call) && claimSpans.contains(where: { $0.actor && $0.end < found.tokenStart }) {
                    cue.remove(.call)
                    if cue.isEmpty { continue }
                }
                if cue.contains(.rejection) && claimSpans.contains(where: { $0.actor && $0.end < found.tokenStart }) {
                    actorRejects = true
                }
                cues.formUnion(cue)
                cueWords.append(program.terms[Int(term)].display)
                if cue.contains(.negation) {
                    if claimSpans.contains(where: {
                        !$0.actor && $0.start > found.tokenEnd && $0.start - found.tokenEnd <= 3
                    }) {
                        negatedClaimTerm = true
                    }
                }
            }
        }
        analysis.cues = cues
        analysis.cueWords = cueWords
        let complete = analysis.coveredGroups >= analysis.groupCount
        let inTitle = coreSentence.field == .title

        func set(_ stance: Stance, _ confidence: Double, _ reason: StanceReason) {
            analysis.link.stance = stance
            analysis.link.confidence = confidence
            analysis.stanceReason = reason
        }

        // 1. A claim-specific dispute cue is the strongest evidence.
        if let (cue, inCore) = claimCue(program.claims[claimIndex].disputeCueTerms, core: core) {
            analysis.claimCue = cue
            set(.disputes, inCore ? 0.9 : 0.75, .claimDisputeCue(cue))
            return
        }
        // 2. Questions raise the claim without taking a side.
        if coreSentence.isQuestion {
            set(.mentions, 0.75, .question)
            return
        }
        // 3. Denial, rejection or failure. For a claim that is itself a refusal ("US rules out troops") these
        //    words state the claim. A rejection by someone other than the claim's actor ("Kyiv rejects Putin's
        //    demand") presupposes the proposal and so supports a claim about it.
        if !cues.intersection([.denial, .rejection, .failure]).isEmpty {
            if isRefusal {
                set(.supports, 0.6, .refusalStated(cues))
            } else if !cues.intersection([.denial, .failure]).isEmpty || actorRejects || analysis.groupCount == 1 {
                set(.disputes, complete ? 0.75 : 0.6, .denialOrRejection(cues))
            } else {
                set(.supports, 0.5, .rejectionPresupposes(cues))
            }
            return
        }
        // 3b. Negation in front of the claim's action.
        if negatedClaimTerm && !isRefusal {
            set(.disputes, complete ? 0.65 : 0.55, .negatedTerms)
            return
        }
        // 4. Hedging, calls, predictions: the claim is raised, not asserted.
        if cues.contains(.prediction) || (!cues.intersection([.hedge, .call]).isEmpty && !cues.contains(.confirmation))
        {
            set(.mentions, 0.6, .hedged(cues))
            return
        }
        // 5. A claim-specific support cue in a plain sentence.
        if let (cue, inCore) = claimCue(program.claims[claimIndex].supportCueTerms, core: core), inCore {
            analysis.claimCue = cue
            set(.supports, 0.85, .claimSupportCue(cue))
            return
        }
        // 7. Terms spread over several sentences: the item touches the claim, it does not state it.
        if !complete {
            set(.mentions, 0.4, .incomplete(groups: analysis.groupCount, covered: analysis.coveredGroups))
            return
        }
        // 8. Everything in one plain sentence: the item reports the claim.
        var confidence = inTitle ? 0.75 : 0.7
        if cues.contains(.report) { confidence -= 0.1 }
        if cues.contains(.confirmation) { confidence += 0.1 }
        set(.supports, confidence, .plainSentence)
    }

    /// The first claim cue found in the core sentence (true), else in any sentence with claim terms (false).
    private func claimCue(_ cueTerms: [Int32], core: Int) -> (String, Bool)? {
        var fallback: String?
        for term in cueTerms {
            var occurrence = termFirst[Int(term)]
            while occurrence >= 0 {
                let found = occurrences[Int(occurrence)]
                if Int(found.sentence) == core { return (program.terms[Int(term)].display, true) }
                if fallback == nil { fallback = program.terms[Int(term)].display }
                occurrence = found.next
            }
        }
        return fallback.map { ($0, false) }
    }
}
