import FeedModel
import Foundation

/// An item of the labelled evaluation set: its text and, per claim it speaks to, the stance a person gave.
/// A claim absent from `labels` means "not linked".
public struct LabelledItem: Sendable, Hashable {
    /// The item's id in the set.
    public var id: String
    /// The item's title.
    public var title: String
    /// The item's text (tagged as its summary).
    public var text: String
    /// Claim id → labelled stance.
    public var labels: [String: Stance]

    /// Creates a labelled item.
    public init(id: String, title: String, text: String, labels: [String: Stance]) {
        self.id = id
        self.title = title
        self.text = text
        self.labels = labels
    }

    /// Reads the evaluation set's JSON Lines: `{"id", "title", "text", "labels": {"claim-id": "supports"}}`.
    public static func load(jsonLines data: Data, source: String) throws(ClaimsError) -> [LabelledItem] {
        var items: [LabelledItem] = []
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated() {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
                let id = object["id"] as? String
            else {
                throw ClaimsError(
                    source: source, message: "line \(number + 1) is not an item with an \"id\": fix the line")
            }
            var labels: [String: Stance] = [:]
            for (claim, value) in object["labels"] as? [String: Any] ?? [:] {
                guard let text = value as? String, let stance = Stance(rawValue: text) else {
                    throw ClaimsError(
                        source: source,
                        message: "line \(number + 1): label of \(claim) must be supports, disputes or mentions")
                }
                labels[claim] = stance
            }
            items.append(
                LabelledItem(
                    id: id, title: object["title"] as? String ?? "", text: object["text"] as? String ?? "",
                    labels: labels))
        }
        return items
    }
}
