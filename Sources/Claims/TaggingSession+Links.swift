import FeedModel

/// Evidence and stance for one matched (item, claim): the sentence(s) where the terms matched and the
/// sentence-level cues around them. See docs/CLAIMS.md, "Stance".
struct LinkAnalysis {
    var link: ClaimLink
    var subqueryLabel: String
    var groupCount: Int
    var coveredGroups: Int
    var coreSentence: Int
    var cues: StanceCue
    var cueWords: [String]
    var claimCue: String?
    var reason: String
}

extension TaggingState {
    static let snippetLimit = 300

    mutating func makeLink(itemID: String, claim claimIndex: Int32, subquery subqueryIndex: Int) -> LinkAnalysis {
        let claim = program.claims[Int(claimIndex)]
        let subquery = claim.subqueries[subqueryIndex]
        let claimID = claimIDs[Int(claimIndex)]

        // Which top-level groups of the query each sentence covers, and the terms that were found.
        var sentenceGroups = [UInt64](repeating: 0, count: sentences.count)
        var terms: [String] = []
        var firstField: UInt8 = 0
        for (position, term) in subquery.positiveTerms.enumerated() {
            var occurrence = termFirst[Int(term)]
            if occurrence < 0 { continue }
            terms.append(program.terms[Int(term)].display)
            while occurrence >= 0 {
                let found = occurrences[Int(occurrence)]
                if found.sentence >= 0 && Int(found.sentence) < sentenceGroups.count {
                    sentenceGroups[Int(found.sentence)] |= subquery.groupBits[position]
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
        let groupCount = max(subquery.groupCount, 1)
        var analysis = LinkAnalysis(
            link: ClaimLink(
                itemID: itemID, claimID: claimID, stance: .mentions, confidence: 0.3, terms: terms,
                field: core >= 0 ? sentences[core].field : field(ofBit: firstField), snippet: ""),
            subqueryLabel: subquery.label, groupCount: groupCount, coveredGroups: best, coreSentence: core,
            cues: [], cueWords: [], claimCue: nil, reason: "")
        analysis.link.snippet = snippet(core: core, groups: sentenceGroups, groupCount: groupCount)
        decideStance(&analysis, claim: claim, subquery: subquery)
        return analysis
    }

    private func field(ofBit bit: UInt8) -> ItemField {
        bit == FieldScope.summary.rawValue ? .summary : bit == FieldScope.content.rawValue ? .content : .title
    }

    // MARK: - Evidence

    private func snippet(core: Int, groups: [UInt64], groupCount: Int) -> String {
        guard core >= 0 else { return "" }
        var text = sentenceText(core)
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
                let second = sentenceText(extra)
                if text.count + second.count + 3 <= Self.snippetLimit {
                    text = extra < core ? second + " … " + text : text + " … " + second
                }
            }
        }
        if text.count > Self.snippetLimit {
            text = String(text.prefix(Self.snippetLimit - 1)) + "…"
        }
        return text
    }

    func sentenceText(_ index: Int) -> String {
        let sentence = sentences[index]
        let bytes = fieldBytes[Int(sentence.field.slot)]
        let start = max(0, min(Int(sentence.start), bytes.count))
        let end = max(start, min(Int(sentence.end), bytes.count))
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return String(text.trimmingSpaces)
    }

    // MARK: - Stance

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    private mutating func decideStance(
        _ analysis: inout LinkAnalysis, claim: MatcherProgram.CompiledClaim, subquery: MatcherProgram.SubQuery
    ) {
        let core = analysis.coreSentence
        guard core >= 0 else {
            analysis.reason = "the terms were found only by a punctuation pattern, so no sentence could be read"
            return
        }
        let coreSentence = sentences[core]
        // The claim's own term occurrences in the core sentence: cue words inside them are part of the claim.
        var claimSpans: [(start: Int32, end: Int32, actor: Bool)] = []
        for (position, term) in subquery.positiveTerms.enumerated() {
            var occurrence = termFirst[Int(term)]
            while occurrence >= 0 {
                let found = occurrences[Int(occurrence)]
                if Int(found.sentence) == core {
                    claimSpans.append((found.tokenStart, found.tokenEnd, subquery.groupBits[position] & 1 != 0))
                }
                occurrence = found.next
            }
        }
        var cues: StanceCue = []
        var cueWords: [String] = []
        var negatedClaimTerm = false
        var actorBeforeDenial = false
        for term in cueTerms {
            var occurrence = termFirst[Int(term)]
            while occurrence >= 0 {
                let found = occurrences[Int(occurrence)]
                occurrence = found.next
                guard Int(found.sentence) == core else { continue }
                if claimSpans.contains(where: { found.tokenStart <= $0.end && found.tokenEnd >= $0.start }) { continue }
                let cue = StanceCue(rawValue: program.termCues[Int(term)])
                cues.formUnion(cue)
                cueWords.append(program.terms[Int(term)].display)
                if cue.contains(.negation) {
                    if claimSpans.contains(where: { !$0.actor && $0.start > found.tokenEnd && $0.start - found.tokenEnd <= 3 }) {
                        negatedClaimTerm = true
                    }
                }
                if !cue.intersection([.denial, .failure]).isEmpty {
                    if claimSpans.contains(where: { $0.actor && $0.end < found.tokenStart }) { actorBeforeDenial = true }
                }
            }
        }
        analysis.cues = cues
        analysis.cueWords = cueWords
        let complete = analysis.coveredGroups >= analysis.groupCount
        let inTitle = coreSentence.field == .title

        func set(_ stance: Stance, _ confidence: Double, _ reason: String) {
            analysis.link.stance = stance
            analysis.link.confidence = confidence
            analysis.reason = reason
        }

        // 1. Claim-specific cues are the strongest evidence.
        if let (cue, inCore) = claimCue(claim.disputeCueTerms, core: core) {
            analysis.claimCue = cue
            set(.disputes, inCore ? 0.9 : 0.75, "the claim's dispute cue \(cue) is in the evidence")
            return
        }
        if let (cue, inCore) = claimCue(claim.supportCueTerms, core: core) {
            analysis.claimCue = cue
            set(.supports, inCore ? 0.85 : 0.7, "the claim's support cue \(cue) is in the evidence")
            return
        }
        // 2. Questions raise the claim without taking a side.
        if coreSentence.isQuestion {
            set(.mentions, 0.75, "the sentence that matches is a question")
            return
        }
        // 3. Denial, rejection or failure.
        if !cues.intersection([.denial, .failure]).isEmpty {
            if actorBeforeDenial || analysis.groupCount == 1 || cues.contains(.failure) {
                set(.disputes, complete ? 0.75 : 0.6, "a denial or failure cue (\(cues)) follows the claim's actor")
            } else {
                set(
                    .supports, 0.5,
                    "a denial cue (\(cues)) by another party: a reaction, which reports the event itself")
            }
            return
        }
        // 4. Negation in front of the claim's action.
        if negatedClaimTerm {
            set(.disputes, complete ? 0.65 : 0.55, "a negation stands within three words before the claim's terms")
            return
        }
        // 5. Hedging, calls, predictions: the claim is raised, not asserted.
        if !cues.intersection([.hedge, .call, .prediction]).isEmpty && !cues.contains(.confirmation) {
            set(.mentions, 0.6, "hedging, a call or a prediction (\(cues)) in the sentence that matches")
            return
        }
        // 6. Terms spread over several sentences: the item touches the claim, it does not state it.
        if !complete {
            set(
                .mentions, 0.4,
                "no sentence holds all \(analysis.groupCount) parts of the query (best: \(analysis.coveredGroups))")
            return
        }
        // 7. Everything in one plain sentence: the item reports the claim.
        var confidence = inTitle ? 0.75 : 0.7
        if cues.contains(.report) { confidence -= 0.1 }
        if cues.contains(.confirmation) { confidence += 0.1 }
        set(.supports, confidence, "one sentence states all parts of the query with no denial, negation or hedging")
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
