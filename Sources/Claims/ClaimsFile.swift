import FeedModel
import Foundation
import Yams

/// A claims file (`Feeds/claims.yaml`, or the bench's JSON): the claims and how their queries match.
///
/// ```yaml
/// version: 1
/// matching: stemmed          # optional: exact | stemmed (YAML default stemmed, JSON default exact)
/// claims:
///   - id: trump-endorses-ceding-donbas
///     title: Trump endorses Ukraine ceding the Donbas
///     query: 'trump AND (donbas OR donetsk) AND (cede OR "give up")'
///     queries: {ru: 'трамп AND донбасс AND уступить'}
///     support_cues: ["endorses"]
///     dispute_cues: ["will not cede"]
/// ```
public struct ClaimsFile: Sendable, Hashable {
    /// The file format version (1).
    public var version: Int
    /// How query words match item words.
    public var matching: MatchingMode
    /// The claims, in file order. Claims with problems are kept here; `problems` says what is wrong.
    public var claims: [Claim]
    /// Problems found while reading (missing fields, unknown keys, ...); `ClaimsChecker` adds query problems.
    public var readProblems: [ClaimProblem]
    /// Where the claims came from (a path), for messages.
    public var source: String

    /// Creates a claims file from values (tests, or claims built in code).
    public init(
        claims: [Claim], matching: MatchingMode = .stemmed, version: Int = 1, source: String = "claims",
        readProblems: [ClaimProblem] = []
    ) {
        self.claims = claims
        self.matching = matching
        self.version = version
        self.source = source
        self.readProblems = readProblems
    }

    /// Reads and decodes a claims file; throws when it cannot be read or is not a claims document at all.
    public static func load(contentsOf url: URL) throws(ClaimsError) -> ClaimsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ClaimsError(
                source: url.path,
                message: "cannot read the claims file (\(error.localizedDescription)): check the path or pass --claims")
        }
        return try decode(data, source: url.path)
    }

    /// Decodes YAML or JSON (a document whose first character is `{` is read as JSON).
    public static func decode(_ data: Data, source: String) throws(ClaimsError) -> ClaimsFile {
        let isJSON = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "{")
        let root: Any?
        if isJSON {
            do {
                root = try JSONSerialization.jsonObject(with: data)
            } catch {
                throw ClaimsError(
                    source: source, message: "not valid JSON (\(error.localizedDescription)): fix the syntax")
            }
        } else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw ClaimsError(source: source, message: "the file is not UTF-8 text: save it as UTF-8")
            }
            do {
                root = try Yams.load(yaml: text)
            } catch {
                throw ClaimsError(source: source, message: "not valid YAML: \(error): fix the syntax")
            }
        }
        var reader = ClaimsFileReader(source: source, defaultMatching: isJSON ? .exact : .stemmed)
        return try reader.read(root)
    }
}

/// Maps a decoded YAML/JSON tree to claims, collecting problems instead of stopping at the first.
private struct ClaimsFileReader {
    let source: String
    let defaultMatching: MatchingMode
    var problems: [ClaimProblem] = []

    static let topKeys: Set<String> = ["version", "matching", "claims"]
    static let claimKeys: Set<String> = [
        "id", "title", "query", "description", "queries", "support_cues", "dispute_cues",
    ]

    init(source: String, defaultMatching: MatchingMode) {
        self.source = source
        self.defaultMatching = defaultMatching
    }

    mutating func read(_ root: Any?) throws(ClaimsError) -> ClaimsFile {
        guard let top = root as? [String: Any] else {
            throw ClaimsError(
                source: source,
                message: "expected a mapping with `version: 1` and `claims:` at the top: see docs/CLAIMS.md")
        }
        var version = 1
        if let raw = top["version"] {
            guard let number = raw as? Int, number == 1 else {
                throw ClaimsError(
                    source: source, message: "unsupported version \(raw): this aggregator reads version 1")
            }
            version = number
        }
        var matching = defaultMatching
        if let raw = top["matching"] {
            guard let text = raw as? String, let mode = MatchingMode(rawValue: text) else {
                throw ClaimsError(source: source, message: "matching must be `exact` or `stemmed`, not \(raw)")
            }
            matching = mode
        }
        for key in top.keys.sorted() where !Self.topKeys.contains(key) {
            problems.append(
                ClaimProblem(
                    severity: .warning, claimID: "(file)", field: key,
                    message: "unknown top-level key, ignored (known: version, matching, claims)"))
        }
        guard let list = top["claims"] as? [Any] else {
            throw ClaimsError(source: source, message: "`claims:` is missing or is not a list: add the list of claims")
        }
        var claims: [Claim] = []
        for (index, entry) in list.enumerated() {
            if let claim = readClaim(entry, index: index) { claims.append(claim) }
        }
        return ClaimsFile(claims: claims, matching: matching, version: version, source: source, readProblems: problems)
    }

    private mutating func readClaim(_ entry: Any, index: Int) -> Claim? {
        let position = "claims[\(index)]"
        guard let map = entry as? [String: Any] else {
            problems.append(
                ClaimProblem(
                    severity: .error, claimID: position, field: "claim",
                    message: "a claim must be a mapping with id, title and query"))
            return nil
        }
        let id = text(map["id"]) ?? ""
        let name = id.isEmpty ? position : id
        for key in map.keys.sorted() where !Self.claimKeys.contains(key) {
            problems.append(
                ClaimProblem(
                    severity: .warning, claimID: name, field: key,
                    message: "unknown key, ignored (known: \(Self.claimKeys.sorted().joined(separator: ", ")))"))
        }
        var localized: [String: String] = [:]
        if let raw = map["queries"] {
            if let queries = raw as? [String: Any] {
                for (language, value) in queries {
                    if let query = text(value) {
                        localized[language] = query
                    } else {
                        problems.append(
                            ClaimProblem(
                                severity: .error, claimID: name, field: "queries.\(language)",
                                message: "must be a query string"))
                    }
                }
            } else {
                problems.append(
                    ClaimProblem(
                        severity: .error, claimID: name, field: "queries",
                        message: "must map language codes to queries, e.g. `ru: 'трамп AND донбасс'`"))
            }
        }
        return Claim(
            id: id, title: text(map["title"]) ?? "", query: text(map["query"]) ?? "",
            description: text(map["description"]), localizedQueries: localized,
            supportCues: list(map["support_cues"], claim: name, field: "support_cues"),
            disputeCues: list(map["dispute_cues"], claim: name, field: "dispute_cues"))
    }

    private func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        case let flag as Bool: return String(flag)
        default: return nil
        }
    }

    private mutating func list(_ value: Any?, claim: String, field: String) -> [String] {
        guard let value else { return [] }
        if let items = value as? [Any] {
            return items.compactMap { text($0) }
        }
        if let single = text(value) { return [single] }
        problems.append(
            ClaimProblem(severity: .error, claimID: claim, field: field, message: "must be a list of phrases"))
        return []
    }
}
