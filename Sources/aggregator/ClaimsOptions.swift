import ArgumentParser
import Foundation

/// `--claims FILE`: the tracked claims. Shared by every command that reads them.
/// Without the option: `$AGGREGATOR_CLAIMS`, else `claims:` in aggregator.yaml, else `Feeds/claims.yaml`.
struct ClaimsOptions: ParsableArguments {
    /// Where the path came from; a missing file is only worth a warning when someone named it.
    enum Source: Equatable {
        case flag
        case environment
        case configuration
        case builtInDefault
    }

    /// The file used when nothing names one.
    static let defaultPath = "Feeds/claims.yaml"

    @Option(
        name: .customLong("claims"),
        help: ArgumentHelp(
            "The claims file, YAML or the bench's JSON (default: $AGGREGATOR_CLAIMS, else claims: in "
                + "aggregator.yaml, else Feeds/claims.yaml).",
            valueName: "file"))
    var explicitPath: String?

    /// The claims file to use.
    var path: String { resolved.path }

    /// Where `path` came from.
    var source: Source { resolved.source }

    private var resolved: (path: String, source: Source) {
        if let explicitPath, !explicitPath.isEmpty { return (explicitPath, .flag) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["AGGREGATOR_CLAIMS"], !fromEnvironment.isEmpty {
            return (fromEnvironment, .environment)
        }
        if let fromFile = ActiveConfiguration.current.claims, !fromFile.isEmpty { return (fromFile, .configuration) }
        return (Self.defaultPath, .builtInDefault)
    }

    func validate() throws {
        try ActiveConfiguration.check()
    }
}
