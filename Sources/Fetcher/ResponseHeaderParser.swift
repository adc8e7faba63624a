import Foundation

/// Accumulates the header lines libcurl hands to the header callback into a `ResponseHead`, and records the
/// redirect chain: every header block that starts with a status line is one hop.
struct ResponseHeaderParser {
    /// The head of the block being read (the latest response so far).
    private(set) var head: ResponseHead
    /// Redirect answers seen before the current block, with their resolved targets.
    private(set) var redirects: [Redirect] = []
    private var currentURL: String
    private let receivedAt: () -> Date

    init(url: String, clock: @escaping () -> Date = Date.init) {
        currentURL = url
        head = ResponseHead(statusCode: 0, url: url)
        receivedAt = clock
    }

    /// Feeds one raw header line (CRLF included, as libcurl delivers it).
    mutating func consume(line raw: String) {
        var copy = raw
        copy.withUTF8 { consume(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Feeds one raw header line as bytes. Only the headers the fetcher acts on are turned into strings.
    mutating func consume(bytes line: UnsafeRawBufferPointer) {
        if line.count >= 5, line[0] == 0x48, line[1] == 0x54, line[2] == 0x54, line[3] == 0x50, line[4] == 0x2F {
            startBlock(
                statusLine: String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            return
        }
        guard let colon = line.firstIndex(of: 0x3A), colon > 0 else { return }
        guard let name = Self.knownHeader(UnsafeRawBufferPointer(rebasing: line[..<colon])) else { return }
        var start = colon + 1
        var end = line.count
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start,
            line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D
                || line[end - 1] == 0x0A
        {
            end -= 1
        }
        apply(name: name, value: String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self))
    }

    private static let knownHeaders = [
        "content-type", "content-encoding", "etag", "last-modified", "cache-control", "expires", "date", "retry-after",
        "content-length", "location",
    ].map { (name: $0, bytes: Array($0.utf8)) }

    /// The lower-cased name when it is one the fetcher reads, compared without allocating.
    private static func knownHeader(_ raw: UnsafeRawBufferPointer) -> String? {
        var end = raw.count
        while end > 0, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
        candidates: for candidate in knownHeaders where candidate.bytes.count == end {
            for index in 0..<end {
                let byte = raw[index]
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if lower != candidate.bytes[index] { continue candidates }
            }
            return candidate.name
        }
        return nil
    }

    private mutating func startBlock(statusLine: String) {
        // A previous block that was a redirect with a Location is one hop of the chain.
        if (300...399).contains(head.statusCode), let location = head.location {
            let target = URL(string: location, relativeTo: URL(string: currentURL))?.absoluteString ?? location
            redirects.append(Redirect(from: currentURL, to: target, statusCode: head.statusCode))
            currentURL = target
        }
        let fields = statusLine.split(separator: " ", maxSplits: 2)
        let code = fields.count >= 2 ? Int(fields[1]) ?? 0 : 0
        head = ResponseHead(statusCode: code, url: currentURL)
    }

    private mutating func apply(name: String, value: String) {
        switch name {
        case "content-type":
            let (mediaType, charset) = Self.parseContentType(value)
            head.mediaType = mediaType
            head.charset = charset
        case "content-encoding": head.contentEncoding = value.lowercased()
        case "etag": head.etag = value.isEmpty ? nil : value
        case "last-modified": head.lastModified = value.isEmpty ? nil : value
        case "cache-control": head.maxAge = Self.parseMaxAge(value) ?? head.maxAge
        case "expires": head.expires = HTTPDate.parse(value)
        case "date": head.date = HTTPDate.parse(value)
        case "retry-after": head.retryAfter = Self.parseRetryAfter(value, now: receivedAt())
        case "content-length": head.contentLength = Int64(value)
        case "location": head.location = value
        default: break
        }
    }
}

// MARK: - Header value grammar

extension ResponseHeaderParser {
    /// `type/subtype; charset="x"` → (`type/subtype` lower-cased, `x`).
    static func parseContentType(_ value: String) -> (String?, String?) {
        let parts = value.split(separator: ";")
        let mediaType = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var charset: String?
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let raw = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            if !raw.isEmpty { charset = raw }
        }
        return (mediaType?.isEmpty == true ? nil : mediaType, charset)
    }

    /// `max-age=N` from a Cache-Control list (`no-cache`/`no-store` mean 0).
    static func parseMaxAge(_ value: String) -> TimeInterval? {
        var result: TimeInterval?
        for directive in value.split(separator: ",") {
            let pair = directive.split(separator: "=", maxSplits: 1)
            let name = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            if name == "max-age", pair.count == 2,
                let seconds = Int(pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])),
                seconds >= 0
            {
                result = TimeInterval(seconds)
            } else if name == "no-cache" || name == "no-store", result == nil {
                result = 0
            }
        }
        return result
    }

    /// `Retry-After: 120` or `Retry-After: <HTTP-date>` → the instant to wait until.
    static func parseRetryAfter(_ value: String, now: Date) -> Date? {
        if let seconds = Int(value), seconds >= 0 {
            return now.addingTimeInterval(TimeInterval(seconds))
        }
        return HTTPDate.parse(value)
    }
}
