import FeedParser
import Foundation

/// Loading and saving the OPML subscription list. A missing file is an empty list; saving is atomic
/// (temporary file, then rename), so a crash never leaves half a list.
enum SubscriptionFile {
    /// Why the list could not be read or written (a configuration error: exit status 2).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The list at `path`, or an empty one when the file does not exist (and `mustExist` is false).
    static func load(_ path: String, mustExist: Bool = false) throws(Failure) -> OPMLDocument {
        guard FileManager.default.fileExists(atPath: path) else {
            if mustExist {
                throw Failure(
                    description: "\(path): no such subscription list — add a feed with `aggregator feeds add URL`, "
                        + "import one with `aggregator feeds import FILE.opml`, or pass --opml FILE")
            }
            return OPMLDocument(title: "aggregator subscriptions")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): cannot read the subscription list — check its permissions")
        }
        do {
            return try OPMLDocument.parse(Array(data), source: path)
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Writes the list to `path` atomically, creating its folder if needed.
    static func save(_ document: OPMLDocument, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(document.xml().utf8).write(to: url, options: .atomic)
        } catch {
            throw Failure(
                description: "\(path): cannot write the subscription list (\(error.localizedDescription)) — check "
                    + "that the folder is writable")
        }
    }
}
