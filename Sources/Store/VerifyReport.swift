/// One problem `StoreVerifier` found, and what `--repair` did about it.
public struct VerifyFinding: Sendable, Hashable, CustomStringConvertible {
    /// Errors make the store invalid; notices are harmless leftovers (e.g. of an interrupted run).
    public enum Severity: String, Sendable, Hashable {
        case error
        case notice
    }

    /// The file, relative to the store folder.
    public var path: String
    public var problem: String
    public var severity: Severity
    /// What the repair did (nil when not repairing).
    public var action: String?

    public var description: String {
        "\(path): \(problem)" + (action.map { " — \($0)" } ?? "")
    }
}

/// The outcome of `StoreVerifier.verify`.
public struct VerifyReport: Sendable, Hashable {
    public var findings: [VerifyFinding] = []
    public var segmentsChecked = 0
    public var recordsChecked = 0
    public var itemCount = 0
    public var repaired = false

    /// True when no error was found, or every error was repaired.
    public var isHealthy: Bool {
        !findings.contains { $0.severity == .error && $0.action == nil }
    }

    public var errorCount: Int { findings.count { $0.severity == .error } }
}
