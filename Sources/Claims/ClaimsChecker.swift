import FeedModel

/// Validates a claims file: ids, titles, every query and per-language query, cues. Used by
/// `aggregator claims check` and before a `Tagger` is built.
public enum ClaimsChecker {
    /// Every problem in the file, errors and warnings, in file order.
    public static func problems(in file: ClaimsFile) -> [ClaimProblem] {
        var problems = file.readProblems
        var seen: [String: Int] = [:]
        for (index, claim) in file.claims.enumerated() {
            let name = claim.id.isEmpty ? "claims[\(index)]" : claim.id
            if claim.id.isEmpty {
                problems.append(
                    error(name, "id", "the claim has no id: add a slug such as `trump-endorses-ceding-donbas`"))
            } else if !isSlug(claim.id) {
                problems.append(
                    error(name, "id", "an id is a slug: lowercase letters, digits and '-', e.g. `russia-demands-x`"))
            }
            if let first = seen[claim.id], !claim.id.isEmpty {
                problems.append(error(name, "id", "duplicate id: claims[\(first)] has the same id; ids must be unique"))
            } else {
                seen[claim.id] = index
            }
            if claim.title.trimmingSpaces.isEmpty {
                problems.append(error(name, "title", "the claim has no title: write the statement it tracks"))
            }
            problems.append(contentsOf: queryProblems(claim.query, claim: name, field: "query"))
            for language in claim.localizedQueries.keys.sorted() {
                if !isLanguageCode(language) {
                    problems.append(
                        warning(
                            name, "queries.\(language)",
                            "not a language code like `ru` or `uk`; the query is used anyway"))
                }
                problems.append(
                    contentsOf: queryProblems(
                        claim.localizedQueries[language] ?? "", claim: name, field: "queries.\(language)"))
            }
            for (field, cues) in [("support_cues", claim.supportCues), ("dispute_cues", claim.disputeCues)] {
                for cue in cues where cue.trimmingSpaces.isEmpty {
                    problems.append(error(name, field, "an empty cue: remove it or write a phrase"))
                }
            }
        }
        return problems
    }

    /// Problems of one query (syntax errors with their column, and suspicious terms as warnings).
    public static func queryProblems(_ query: String, claim: String, field: String) -> [ClaimProblem] {
        let node: QueryNode
        do {
            node = try QueryParser.parse(query)
        } catch {
            return [
                ClaimProblem(
                    severity: .error, claimID: claim, field: field, column: error.column, message: error.message)
            ]
        }
        var problems: [ClaimProblem] = []
        for term in node.terms where !term.text.unicodeScalars.contains(where: TextTables.isPythonWord) {
            problems.append(
                ClaimProblem(
                    severity: .warning, claimID: claim, field: field, column: term.column,
                    message:
                        "\(term.display) has no letter or digit, so it matches punctuation only: quote or remove it"))
        }
        if !canMatch(node) {
            problems.append(
                ClaimProblem(
                    severity: .warning, claimID: claim, field: field, column: 1,
                    message: "the query has only NOT terms, so it links every item without them: add a positive term"))
        }
        return problems
    }

    private static func canMatch(_ node: QueryNode) -> Bool {
        switch node {
        case .term, .near: return true
        case .not: return false
        case .scoped(_, let kid): return canMatch(kid)
        case .and(let kids): return kids.contains(where: canMatch)
        case .or(let kids): return kids.allSatisfy(canMatch)
        }
    }

    private static func isSlug(_ id: String) -> Bool {
        !id.hasPrefix("-") && !id.hasSuffix("-")
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private static func isLanguageCode(_ code: String) -> Bool {
        (2...3).contains(code.count) && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
    }

    private static func error(_ claim: String, _ field: String, _ message: String) -> ClaimProblem {
        ClaimProblem(severity: .error, claimID: claim, field: field, message: message)
    }

    private static func warning(_ claim: String, _ field: String, _ message: String) -> ClaimProblem {
        ClaimProblem(severity: .warning, claimID: claim, field: field, message: message)
    }
}

extension String {
    var trimmingSpaces: Substring {
        var slice = Substring(self)
        while let first = slice.unicodeScalars.first, TextTables.isPythonSpace(first) {
            slice = Substring(slice.unicodeScalars.dropFirst())
        }
        while let last = slice.unicodeScalars.last, TextTables.isPythonSpace(last) {
            slice = Substring(slice.unicodeScalars.dropLast())
        }
        return slice
    }
}
