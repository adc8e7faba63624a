/// One mailbox, `local@domain` with an optional display name, validated so that it cannot inject headers or
/// SMTP commands.
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The bare `local@domain` (ASCII), as used in the SMTP envelope.
    public var address: String
    public var displayName: String?

    /// Parses `local@domain`, `<local@domain>` or `Display Name <local@domain>`.
    public init(parsing text: String) throws(DigestError) {
        let trimmed = text.trimmingSpaces()
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .invalidAddress(text, reason: "it contains a line break or control character")
        }
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">") else { throw .invalidAddress(text, reason: "the closing \">\" is missing") }
            let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = String(trimmed[..<open]).trimmingSpaces()
            if name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            try self.init(address: inner, displayName: name.isEmpty ? nil : name, original: text)
        } else {
            try self.init(address: trimmed, displayName: nil, original: text)
        }
    }

    private init(address: String, displayName: String?, original: String) throws(DigestError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .invalidAddress(original, reason: "expected exactly one \"@\" between a local part and a domain")
        }
        let allowedLocal = Set("!#$%&'*+-/=?^_`{|}~.")
        for scalar in address.unicodeScalars {
            guard scalar.isASCII, scalar.value > 0x20 else {
                throw .invalidAddress(original, reason: "only ASCII letters, digits and punctuation are allowed")
            }
        }
        guard parts[0].allSatisfy({ $0.isLetter || $0.isNumber || allowedLocal.contains($0) }),
            parts[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else {
            throw .invalidAddress(original, reason: "it contains characters not allowed in an address")
        }
        self.address = address
        self.displayName = displayName
    }

    /// The domain part (after "@").
    public var domain: String {
        address.split(separator: "@").last.map(String.init) ?? address
    }

    /// The header form: `Name <local@domain>` with the name quoted or RFC 2047 encoded as needed.
    public var headerValue: String {
        guard let displayName, !displayName.isEmpty else { return address }
        return HeaderEncoding.phrase(displayName) + " <" + address + ">"
    }

    public var description: String { headerValue }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " || view.first == "\t" { view = view.dropFirst() }
        while view.last == " " || view.last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
