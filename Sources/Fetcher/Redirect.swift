/// One redirect hop of a transfer.
public struct Redirect: Sendable, Hashable, Codable {
    /// The URL that answered with a redirect.
    public var from: String
    /// The absolute URL it pointed to.
    public var to: String
    /// 301, 302, 303, 307 or 308.
    public var statusCode: Int

    /// A hop from `from` to `to` with `statusCode`.
    public init(from: String, to: String, statusCode: Int) {
        self.from = from
        self.to = to
        self.statusCode = statusCode
    }

    /// 301 and 308 are permanent: the new URL should replace the stored one. 302, 303 and 307 are not.
    public var isPermanent: Bool { statusCode == 301 || statusCode == 308 }
}
