/// A failure of the digest command, with a message for stderr.
struct DigestCommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
