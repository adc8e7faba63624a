/// The kinds of sentence-level evidence the stance method looks for (see docs/CLAIMS.md, "Stance").
public struct StanceCue: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    /// Creates a cue set from its bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Denials of a report's truth: denies, refutes, false, fake; опроверг, ложь; спростував, неправда.
    public static let denial = StanceCue(rawValue: 1 << 0)
    /// Rejections of a proposal or demand: rejects, refuses, rules out; отверг, отказался; відкинув, відмовився.
    public static let rejection = StanceCue(rawValue: 1 << 8)
    /// Negation words: not, no, never, won't; не, нет, никогда; не, ні, ніколи.
    public static let negation = StanceCue(rawValue: 1 << 1)
    /// Failure of an event: no agreement, collapsed, ended without; сорвались, без соглашения; зірвано, без угоди.
    public static let failure = StanceCue(rawValue: 1 << 2)
    /// Hedging and speculation: may, might, reportedly, is considering; возможно, якобы; можливо, нібито.
    public static let hedge = StanceCue(rawValue: 1 << 3)
    /// Calls and demands by third parties, arguments: urges, calls for, should; призвал, следует; закликав.
    public static let call = StanceCue(rawValue: 1 << 4)
    /// Reported speech: said, according to; заявил, по словам; заявив, за словами.
    public static let report = StanceCue(rawValue: 1 << 5)
    /// Confirmation: confirmed, officially, signed; подтвердил, официально; підтвердив, офіційно.
    public static let confirmation = StanceCue(rawValue: 1 << 6)
    /// Predictions and hypotheticals: will, would, if, expected to; если, будет; якщо, буде.
    public static let prediction = StanceCue(rawValue: 1 << 7)

    /// Cue names, for `explain`.
    public var description: String {
        let names: [(StanceCue, String)] = [
            (.denial, "denial"), (.rejection, "rejection"), (.negation, "negation"), (.failure, "failure"),
            (.hedge, "hedge"), (.call, "call"),
            (.report, "reported speech"), (.confirmation, "confirmation"), (.prediction, "prediction"),
        ]
        return names.filter { contains($0.0) }.map(\.1).joined(separator: ", ")
    }
}
