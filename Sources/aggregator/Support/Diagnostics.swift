import Foundation
import Logging

/// The CLI's diagnostics on stderr (progress, per-feed lines, warnings, errors of one item among many), through
/// swift-log. A command's actual output goes to stdout, not here.
///
/// `Aggregator.main` sets the level once from the command's -v/-q (`DiagnosticCommand`); commands a command runs
/// in-process (as `demo` runs `fetch`) keep that level. Levels: --verbose shows debug and info, the default notice
/// and up (warnings, failures), --quiet errors only.
enum Diagnostics {
    /// swift-log allows one `LoggingSystem.bootstrap` per process: this runs it at most once, on first use.
    private static let bootstrapped: Bool = {
        LoggingSystem.bootstrap { label in StandardErrorLogHandler(label: label) }
        return true
    }()

    private static let setting = LevelSetting()

    /// The logger every command and the libraries it calls write through.
    static var logger: Logger {
        _ = bootstrapped
        return Logger(label: "aggregator")
    }

    /// The level messages must reach to be written (default: notice).
    static var level: Logger.Level {
        get { setting.value }
        set { setting.value = newValue }
    }
}

/// The process-wide level, read by every handler from any thread.
private final class LevelSetting: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Logger.Level.notice

    var value: Logger.Level {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
