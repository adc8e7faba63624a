/// Resolves URL references found in feeds (links, enclosures, `xml:base`) against a base URL, following
/// RFC 3986 section 5 (reference resolution, `remove_dot_segments`, recomposition).
///
/// Like browsers (WHATWG URL), ASCII tab, CR and LF are removed from anywhere in the reference and leading and
/// trailing whitespace and control characters are trimmed. References using the `javascript:`, `vbscript:` or
/// `data:` schemes are rejected, because links from feeds end up in HTML digests.
public enum URLResolver {
    /// RFC 3986 reference resolution of `reference` (trimmed) against `base`.
    ///
    /// Returns the reference as-is when it is already absolute (fast path for `http://` and `https://`), and
    /// nil for empty input and for `javascript:`, `vbscript:` and `data:` URLs. A relative reference with no
    /// usable base (nil, or not absolute) is returned trimmed but unresolved: it is the best there is.
    public static func resolve(_ reference: String, against base: String?) -> String? {
        let trimmed = clean(reference)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://") { return trimmed }

        let parts = Components(parsing: trimmed)
        if let scheme = parts.scheme {
            return isForbidden(scheme: scheme) ? nil : trimmed
        }
        guard let base else { return trimmed }
        let baseParts = Components(parsing: clean(base))
        guard let baseScheme = baseParts.scheme, !isForbidden(scheme: baseScheme) else { return trimmed }
        return resolve(parts, against: baseParts, baseScheme: baseScheme)
    }
}

// MARK: - Components

extension URLResolver {
    /// The five components of RFC 3986 Appendix B: `scheme ":" "//" authority path "?" query "#" fragment`.
    struct Components {
        var scheme: Substring?
        var authority: Substring?
        var path: Substring
        var query: Substring?
        var fragment: Substring?

        init(parsing string: String) {
            var rest = Substring(string)
            if let hash = rest.firstIndex(of: "#") {
                fragment = rest[rest.index(after: hash)...]
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = rest[rest.index(after: question)...]
                rest = rest[..<question]
            }
            if let colon = rest.firstIndex(of: ":"), URLResolver.isScheme(rest[..<colon]) {
                scheme = rest[..<colon]
                rest = rest[rest.index(after: colon)...]
            }
            if rest.hasPrefix("//") {
                let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
                let pathStart = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
                authority = rest[afterSlashes..<pathStart]
                rest = rest[pathStart...]
            }
            path = rest
        }
    }

    /// RFC 3986 5.2.2 (strict: a reference with a scheme never reaches here) and 5.3.
    private static func resolve(_ reference: Components, against base: Components, baseScheme: Substring) -> String {
        var authority: Substring?
        var path: String
        var query: Substring?
        if let referenceAuthority = reference.authority {
            authority = referenceAuthority
            path = removeDotSegments(reference.path)
            query = reference.query
        } else {
            authority = base.authority
            if reference.path.isEmpty {
                path = String(base.path)
                query = reference.query ?? base.query
            } else {
                if reference.path.hasPrefix("/") {
                    path = removeDotSegments(reference.path)
                } else {
                    path = removeDotSegments(merge(base: base, referencePath: reference.path))
                }
                query = reference.query
            }
        }

        var result = String(baseScheme)
        result += ":"
        if let authority {
            result += "//"
            result += authority
        }
        result += path
        if let query {
            result += "?"
            result += query
        }
        if let fragment = reference.fragment {
            result += "#"
            result += fragment
        }
        return result
    }

    /// RFC 3986 5.2.3.
    private static func merge(base: Components, referencePath: Substring) -> Substring {
        if base.authority != nil, base.path.isEmpty {
            return "/" + referencePath
        }
        guard let slash = base.path.lastIndex(of: "/") else { return referencePath }
        return base.path[...slash] + referencePath
    }

    /// RFC 3986 5.2.4: removes `.` and `..` segments.
    static func removeDotSegments(_ path: Substring) -> String {
        guard path.contains(".") else { return String(path) }
        var input = path
        var output: [Substring] = []
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if input == "/.." {
                input = "/"
                if !output.isEmpty { output.removeLast() }
            } else if input == "." || input == ".." {
                input = ""
            } else {
                // Move the first segment (with its leading "/", if any) to the output.
                let searchStart = input.hasPrefix("/") ? input.index(after: input.startIndex) : input.startIndex
                let segmentEnd = input[searchStart...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[..<segmentEnd])
                input = input[segmentEnd...]
            }
        }
        return output.joined()
    }
}

// MARK: - Helpers

extension URLResolver {
    /// Trims whitespace and C0 controls at both ends and drops tab, CR and LF anywhere (as WHATWG URL does).
    private static func clean(_ string: String) -> String {
        // Fast path, no copy: printable ASCII at both ends and no tab, CR or LF inside.
        let utf8 = string.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F,
            !utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        {
            return string
        }
        let scalars = string.unicodeScalars
        func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value <= 0x20 || scalar.properties.isWhitespace
        }
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        let core = string.unicodeScalars[first...last]
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex),
            !core.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
        {
            return string
        }
        var result = String.UnicodeScalarView()
        for scalar in core where scalar != "\t" && scalar != "\n" && scalar != "\r" {
            result.append(scalar)
        }
        return String(result)
    }

    /// RFC 3986 3.1: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    private static func isScheme(_ candidate: Substring) -> Bool {
        guard let first = candidate.utf8.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A else { return false }
        return candidate.utf8.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2B
                || byte == 0x2D || byte == 0x2E
        }
    }

    private static func isForbidden(scheme: Substring) -> Bool {
        let lower = scheme.lowercased()
        return lower == "javascript" || lower == "vbscript" || lower == "data"
    }
}
