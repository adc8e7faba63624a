import ArgumentParser
import Foundation

/// The configuration file in force for this process (`$AGGREGATOR_CONFIG`, else `./aggregator.yaml`, else none),
/// loaded once. Commands read defaults from it; their flags and the environment take precedence.
enum ActiveConfiguration {
    private static let loaded: Result<AggregatorConfiguration, ConfigurationError> = {
        do throws(ConfigurationError) {
            return .success(try AggregatorConfiguration.load(explicitPath: nil))
        } catch {
            return .failure(error)
        }
    }()

    /// The configuration, or an empty one when the file is broken (`check()` reports that).
    static var current: AggregatorConfiguration {
        (try? loaded.get()) ?? AggregatorConfiguration()
    }

    /// Stops the command with exit status 2 and one line naming the file, line and key if the file is broken.
    static func check() throws {
        if case .failure(let error) = loaded {
            StandardStreams.writeError("aggregator: \(error.description)\n")
            throw ExitCode(2)
        }
    }
}
