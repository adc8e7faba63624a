/// Unicode block sparklines for the plain-text activity chart.
enum Sparkline {
    private static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, scaled to `maximum` (at least the largest value): zero is the lowest block,
    /// any non-zero value at least the second lowest, so "none" and "a little" differ.
    static func render(_ values: [Int], maximum: Int? = nil) -> String {
        let top = max(maximum ?? 0, values.max() ?? 0)
        guard top > 0 else { return String(repeating: blocks[0], count: values.count) }
        var line = ""
        for value in values {
            if value <= 0 {
                line.append(blocks[0])
            } else {
                let level = Int((Double(value) / Double(top) * 7).rounded(.up))
                line.append(blocks[min(blocks.count - 1, max(1, level))])
            }
        }
        return line
    }
}
