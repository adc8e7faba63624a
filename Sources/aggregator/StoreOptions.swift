import ArgumentParser
import Foundation

/// `--store DIR`: where the store lives. Shared by every command that reads or writes the store.
/// Without the option: `$AGGREGATOR_STORE`, else `store:` in aggregator.yaml, else `Storage/` in the current folder.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "The store folder (default: $AGGREGATOR_STORE, else store: in aggregator.yaml, else ./Storage).",
            valueName: "dir"))
    var explicitPath: String?

    /// The store folder to use.
    var path: String {
        if let explicitPath, !explicitPath.isEmpty { return explicitPath }
        if let fromEnvironment = ProcessInfo.processInfo.environment["AGGREGATOR_STORE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return ActiveConfiguration.current.store ?? "Storage"
    }

    func validate() throws {
        try ActiveConfiguration.check()
    }
}
