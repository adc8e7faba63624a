import FeedModel
import Foundation
import Yams

/// The claims the digest reports on, read from the claims file (`claims:` list of `id` and `title`).
///
/// Interim: the digest needs only each claim's id and title. When the Claims module's loader is merged,
/// replace `load(from:)` with it.
enum DigestClaimsFile {
    static func load(from path: String) throws -> [Claim] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DigestCommandError("\(path): cannot read the claims file — pass --claims with the right path")
        }
        do {
            let file = try YAMLDecoder().decode(ClaimsFileContents.self, from: data)
            return file.claims.map { Claim(id: $0.id, title: $0.title ?? $0.id, query: "") }
        } catch {
            throw DigestCommandError("\(path): not a claims file (\(error)) — check its YAML")
        }
    }
}

private struct ClaimsFileContents: Decodable {
    struct Entry: Decodable {
        var id: String
        var title: String?
    }
    var claims: [Entry]
}
