import Foundation

/// The JSON the claim commands print: sorted keys, unescaped slashes, a final newline.
enum ClaimJSON {
    static func encode(_ value: some Encodable) throws(ClaimCommandFailure) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw ClaimCommandFailure("--json: cannot encode the result (\(error)) — report this as a bug")
        }
    }
}
