import Foundation

/// What the fetch and import pipelines get from the claims file: a ready tagger, or the reason items are
/// stored untagged. Loading never throws, so a broken claims file can never stop items from being stored.
///
/// ```swift
/// switch TaggerLoad.load(claimsAt: url) {
/// case .ready(let tagger, let warnings): ...          // tag while storing; log the warnings
/// case .skipped(let reason): log("not tagging: \(reason)")  // store anyway; `retag` once fixed
/// }
/// ```
public enum TaggerLoad: Sendable {
    /// The file loaded and every claim compiled; warnings are worth a log line.
    case ready(Tagger, warnings: [ClaimProblem])
    /// Tagging is skipped: the file is missing, unreadable, or has errors (the reason says which and what to do).
    case skipped(reason: String)

    /// Loads and compiles the claims file at `url`. Any error (even in one claim) skips tagging for the whole
    /// run, so links never come from a half-valid file; `aggregator claims check` lists the problems.
    public static func load(claimsAt url: URL) -> TaggerLoad {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return .skipped(reason: "\(url.path): no claims file, so items are stored untagged (create it or pass --claims)")
        }
        let file: ClaimsFile
        do {
            file = try ClaimsFile.load(contentsOf: url)
        } catch {
            return .skipped(reason: error.description)
        }
        let problems = ClaimsChecker.problems(in: file)
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else {
            let first = errors[0]
            return .skipped(
                reason: "\(file.source): \(errors.count) error(s), e.g. \(first); items are stored untagged — "
                    + "run `aggregator claims check` and then `aggregator retag`")
        }
        do {
            return .ready(try Tagger(file: file), warnings: problems)
        } catch {
            return .skipped(reason: error.description)
        }
    }

    /// The tagger, when tagging can go ahead.
    public var tagger: Tagger? {
        if case .ready(let tagger, _) = self { return tagger }
        return nil
    }
}
