import ArgumentParser
import Foundation

/// `--store DIR`: where the store lives. Shared by every command that reads or writes the store.
/// Without the option: `$AGGREGATOR_STORE`, else `Storage/` in the current folder.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "The store folder (default: $AGGREGATOR_STORE, else ./Storage).", valueName: "dir"))
    var explicitPath: String?

    /// The store folder to use.
    var path: String {
        if let explicitPath, !explicitPath.isEmpty { return explicitPath }
        if let fromEnvironment = ProcessInfo.processInfo.environment["AGGREGATOR_STORE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "Storage"
    }
}
