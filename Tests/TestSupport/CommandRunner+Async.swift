import Foundation

extension CommandRunner {
    /// Runs `aggregator` from async tests. Everything that blocks (waiting for the child, draining its pipes)
    /// happens on dedicated threads, never on the cooperative pool or GCD's global queues: on a 2-core machine
    /// those have 2 threads, and the test's own HTTP servers need them while the child talks to them.
    public static func aggregatorAsync(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil
    ) async throws -> CommandResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try run(
                            aggregatorBinary, arguments, environment: environment, currentDirectory: currentDirectory)
                    })
            }
            thread.start()
        }
    }
}
