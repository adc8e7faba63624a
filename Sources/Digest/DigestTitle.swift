import Foundation

/// Wording shared by the renderers (title, subject, balance line), so text, HTML and mail agree.
public enum DigestTitle {
    /// "Claims digest, 2026-11-24 07:00 UTC to 2026-11-25 07:00 UTC".
    public static func heading(_ report: DigestReport) -> String {
        "Claims digest, " + DigestTime.minute(report.period.start) + " to " + DigestTime.minute(report.period.end)
    }

    /// The default mail subject, e.g. "Claims digest 2026-11-25: 3 claims moved, 142 new items".
    public static func subject(_ report: DigestReport) -> String {
        let claims = report.counts.claimsTouched
        let items = report.counts.newItems
        return "Claims digest \(DigestTime.day(report.period.end)): \(claims) claim\(claims == 1 ? "" : "s") moved, "
            + "\(items) new item\(items == 1 ? "" : "s")"
    }

    /// "supports 40% → 62% of sided links (2:3 → 8:5)", or "no sided links before → 75% (3:1)".
    static func balance(_ change: DigestReport.BalanceChange) -> String {
        func percent(_ share: Double?) -> String {
            share.map { "\(Int(($0 * 100).rounded()))%" } ?? "none"
        }
        let before = change.before
        let after = change.after
        return "supports \(percent(before.supportShare)) → \(percent(after.supportShare)) of sided links "
            + "(\(before.supports):\(before.disputes) → \(after.supports):\(after.disputes) supports:disputes)"
    }
}
