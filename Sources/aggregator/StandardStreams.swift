import Foundation

/// Unbuffered writes to stdout and stderr (the only place the CLI writes to them besides ArgumentParser).
enum StandardStreams {
    /// Writes all of `bytes` to standard output.
    static func writeOutput(_ bytes: [UInt8]) throws {
        try write(bytes, to: 1)
    }

    /// Writes a message to standard error, ignoring failures (there is nowhere left to report them).
    static func writeError(_ message: String) {
        try? write(Array(message.utf8), to: 2)
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(
                    descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteUnknown)
                }
                offset += written
            }
        }
    }
}
