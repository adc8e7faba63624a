import Foundation
import Yams

/// The optional `aggregator.yaml` file: defaults for the store, subscriptions, claims, fetching and mail.
///
/// Precedence, highest first: command-line flags, environment variables (`AGGREGATOR_*`), this file, built-in
/// defaults. The file is `$AGGREGATOR_CONFIG` when set (it must exist), else `./aggregator.yaml` if present.
struct AggregatorConfiguration: Sendable, Equatable {
    var store: String?
    var opml: String?
    var claims: String?
    /// Contact (an email address or URL) named in the User-Agent, as polite crawlers do.
    var contact: String?
    var concurrency: Int?
    var perHost: Int?
    var timeoutSeconds: Int?
    var maxBodyMiB: Int?
    var mail = Mail()

    /// Mail settings for `digest --send`.
    struct Mail: Sendable, Equatable {
        var from: String?
        var to: [String] = []
        var subject: String?
        /// `sendmail`, `smtp://host:port` or `smtps://host:port`.
        var send: String?
    }

    /// The configuration file that applies, if any: an explicit path must exist; the implicit ones are optional.
    static func load(
        explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> AggregatorConfiguration {
        if let path = explicitPath ?? environment["AGGREGATOR_CONFIG"] {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ConfigurationError(file: path, line: nil, key: nil, problem: "the file does not exist")
            }
            return try parse(fileAt: path)
        }
        if FileManager.default.fileExists(atPath: "aggregator.yaml") {
            return try parse(fileAt: "aggregator.yaml")
        }
        return AggregatorConfiguration()
    }

    /// Parses one file; every problem names the file, the line and the key.
    static func parse(fileAt path: String) throws(ConfigurationError) -> AggregatorConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, line: nil, key: nil, problem: "the file cannot be read")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    static func parse(_ text: String, file: String) throws(ConfigurationError) -> AggregatorConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, yamlError: error)
        } catch {
            throw ConfigurationError(file: file, line: nil, key: nil, problem: "\(error)")
        }
        var configuration = AggregatorConfiguration()
        guard let root else { return configuration }
        guard let mapping = root.mapping else {
            throw ConfigurationError(file: file, line: root.mark?.line, key: nil, problem: "expected key: value pairs")
        }
        let reader = NodeReader(file: file)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "store": configuration.store = try reader.string(value, key: key)
            case "opml": configuration.opml = try reader.string(value, key: key)
            case "claims": configuration.claims = try reader.string(value, key: key)
            case "contact": configuration.contact = try reader.string(value, key: key)
            case "concurrency": configuration.concurrency = try reader.integer(value, key: key, in: 1...256)
            case "per_host": configuration.perHost = try reader.integer(value, key: key, in: 1...32)
            case "timeout_seconds": configuration.timeoutSeconds = try reader.integer(value, key: key, in: 1...3600)
            case "max_body_mib": configuration.maxBodyMiB = try reader.integer(value, key: key, in: 1...1024)
            case "mail": configuration.mail = try reader.mail(value)
            default:
                throw ConfigurationError(
                    file: file, line: keyNode.mark?.line, key: key,
                    problem: "unknown key (known: store, opml, claims, contact, concurrency, per_host, "
                        + "timeout_seconds, max_body_mib, mail)")
            }
        }
        return configuration
    }
}

/// Reads typed values out of YAML nodes, reporting the line and key of anything malformed.
private struct NodeReader {
    let file: String

    func string(_ node: Node, key: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else {
            throw ConfigurationError(file: file, line: node.mark?.line, key: key, problem: "expected a single value")
        }
        return scalar.string
    }

    func integer(_ node: Node, key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = Int(try string(node, key: key)), range.contains(value) else {
            throw ConfigurationError(
                file: file, line: node.mark?.line, key: key,
                problem: "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func mail(_ node: Node) throws(ConfigurationError) -> AggregatorConfiguration.Mail {
        guard let mapping = node.mapping else {
            throw ConfigurationError(
                file: file, line: node.mark?.line, key: "mail", problem: "expected key: value pairs")
        }
        var mail = AggregatorConfiguration.Mail()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "from": mail.from = try string(value, key: "mail.from")
            case "subject": mail.subject = try string(value, key: "mail.subject")
            case "send": mail.send = try string(value, key: "mail.send")
            case "to":
                if let sequence = value.sequence {
                    mail.to = try sequence.map { (item: Node) throws(ConfigurationError) -> String in
                        try string(item, key: "mail.to")
                    }
                } else {
                    mail.to = [try string(value, key: "mail.to")]
                }
            default:
                throw ConfigurationError(
                    file: file, line: keyNode.mark?.line, key: "mail.\(key)",
                    problem: "unknown key (known: from, to, subject, send)")
            }
        }
        return mail
    }
}

/// A configuration file problem: which file, which line and key, what is wrong.
struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    var file: String
    var line: Int?
    var key: String?
    var problem: String

    init(file: String, line: Int?, key: String?, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    init(file: String, yamlError: YamlError) {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            self.init(file: file, line: mark.line, key: nil, problem: "not valid YAML: \(problem)")
        default:
            self.init(file: file, line: nil, key: nil, problem: "not valid YAML: \(yamlError)")
        }
    }

    var description: String {
        var location = file
        if let line { location += ":\(line)" }
        let subject = key.map { " key '\($0)':" } ?? ""
        return "\(location):\(subject) \(problem) — fix the configuration file "
            + "(or point AGGREGATOR_CONFIG at another one)"
    }
}
