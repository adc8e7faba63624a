import ArgumentParser

/// A failure of a claim command (`retag`, `items`, `claims list|show`): the message follows
/// `<what>: <problem> — <what to do>` and is printed as `aggregator: <message>` before exiting with `status`.
struct ClaimCommandFailure: Error, CustomStringConvertible {
    var description: String
    /// 1: the store or the request is wrong; 2: the claims file cannot be used; 3: the store is locked.
    var status: Int32

    init(_ description: String, status: Int32 = 1) {
        self.description = description
        self.status = status
    }

    /// Prints the message and returns the exit code to throw.
    func exit() -> ExitCode {
        StandardStreams.writeError("aggregator: \(description)\n")
        return ExitCode(status)
    }
}
