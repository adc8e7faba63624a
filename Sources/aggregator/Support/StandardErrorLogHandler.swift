import Foundation
import Logging

/// swift-log's backend for the command-line tool: one line per message on stderr.
///
/// A line is `aggregator: `, then `warning: ` or `error: ` for those two levels only, then the message and any
/// metadata as ` key=value`. There are no timestamps, on a terminal or not: cron mail and the systemd journal
/// stamp each line themselves, and at a terminal the reader is watching. Each line goes out in one `write(2)`, so
/// lines from the fetch thread and the store thread never interleave mid-line.
///
/// The level is the process's (`Diagnostics.level`, set from -v/-q), read at each call, so every logger agrees
/// whenever it was made; setting `logLevel` on one logger overrides it for that logger only, as swift-log asks.
struct StandardErrorLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    private var ownLevel: Logger.Level?

    init(label: String) {}

    var logLevel: Logger.Level {
        get { ownLevel ?? Diagnostics.level }
        set { ownLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        StandardStreams.writeError(Self.line(level: event.level, message: "\(event.message)", metadata: metadata))
    }

    /// The text written for one message, newline included.
    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = "aggregator: "
        switch level {
        case .warning: line += "warning: "
        case .error, .critical: line += "error: "
        default: break
        }
        line += message
        for key in metadata.keys.sorted() {
            if let value = metadata[key] { line += " \(key)=\(value)" }
        }
        return line + "\n"
    }
}
