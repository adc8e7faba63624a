/// Receives the body of one 200 response, chunk by chunk, as libcurl delivers it (already decoded from gzip,
/// deflate, br or zstd). The pipeline's sink feeds each chunk straight into the parser's push parser.
///
/// A sink is created by the `makeSink` factory passed to `Fetcher`, only for a 200 response, once its headers are
/// known; it lives on the fetcher's thread and is never shared. Other statuses never reach a sink.
public protocol FetchBodySink: AnyObject, SendableMetatype {
    /// What the sink produces once the body is complete (e.g. a parsed feed).
    associatedtype Product: Sendable

    /// One chunk of the body. Return false to abort the transfer (reported as `FetchError.Kind.rejectedBody`).
    /// The buffer is only valid during the call.
    func receive(_ chunk: UnsafeRawBufferPointer) -> Bool

    /// The transfer ended: `error` is nil when the whole body arrived, else why it stopped (the body is then
    /// incomplete and should be discarded or marked as such). Called exactly once.
    func finish(error: FetchError?) -> Product
}

/// A sink that collects the whole body in memory (for autodiscovery and tests).
public final class DataSink: FetchBodySink {
    /// The bytes received so far.
    public private(set) var bytes: [UInt8] = []
    /// The number of chunks received (a body that streams arrives in several).
    public private(set) var chunkCount = 0

    /// An empty sink.
    public init() {}

    /// Appends the chunk.
    public func receive(_ chunk: UnsafeRawBufferPointer) -> Bool {
        bytes.append(contentsOf: chunk)
        chunkCount += 1
        return true
    }

    /// The collected body, with the error when the transfer did not complete.
    public func finish(error: FetchError?) -> CollectedBody {
        CollectedBody(bytes: bytes, chunkCount: chunkCount, error: error)
    }
}

/// A whole body collected by `DataSink`.
public struct CollectedBody: Sendable, Hashable {
    /// The decoded body.
    public var bytes: [UInt8]
    /// How many chunks it arrived in.
    public var chunkCount: Int
    /// Why the body is incomplete, or nil when it arrived whole.
    public var error: FetchError?

    /// The body as UTF-8 text (invalid sequences replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
