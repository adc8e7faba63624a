/// A term split into words and the separators between them, as the scanner matches it.
///
/// Words are maximal runs of word characters of the normalised term; a separator is a list of elements that
/// must cover the text between two consecutive words exactly: literal characters (`-` in `28-point`, `'` in
/// `ukraine's`) and runs of whitespace (`\s+`, between the words of a phrase). Terms that start or end with
/// punctuation cannot be anchored on a word and are matched by a direct scan (`isFallback`).
struct TermPattern: Sendable, Hashable {
    enum Element: Sendable, Hashable {
        case literal([UInt8])
        case spaces
    }

    var words: [[UInt8]] = []
    var separators: [[Element]] = []
    /// All elements in order (words as literals), for the fallback scan.
    var elements: [Element] = []
    var isPrefix: Bool
    var isFallback: Bool = false

    /// Splits normalised (lowered / folded) term text.
    init(normalized text: String, isPrefix: Bool) {
        self.isPrefix = isPrefix
        var leading: [Element] = []
        var current: [Element] = []
        var word: [UInt8] = []
        var sawWord = false

        func appendLiteral(_ scalar: Unicode.Scalar, to list: inout [Element]) {
            let bytes = Array(String(scalar).utf8)
            if case .literal(let previous)? = list.last {
                list[list.count - 1] = .literal(previous + bytes)
            } else {
                list.append(.literal(bytes))
            }
        }

        for scalar in text.unicodeScalars {
            if TextTables.isPythonWord(scalar) {
                word.append(contentsOf: String(scalar).utf8)
                continue
            }
            if !word.isEmpty {
                if sawWord { separators.append(current) } else { leading = current }
                current = []
                words.append(word)
                appendWordElement(word)
                word = []
                sawWord = true
            }
            if TextTables.isPythonSpace(scalar) {
                if current.last != .spaces { current.append(.spaces) }
                if elements.last != .spaces { elements.append(.spaces) }
            } else {
                appendLiteral(scalar, to: &current)
                appendLiteral(scalar, to: &elements)
            }
        }
        if !word.isEmpty {
            if sawWord { separators.append(current) } else { leading = current }
            current = []
            words.append(word)
            appendWordElement(word)
        }
        isFallback = words.isEmpty || !leading.isEmpty || !current.isEmpty
    }

    private mutating func appendWordElement(_ word: [UInt8]) {
        if case .literal(let previous)? = elements.last {
            elements[elements.count - 1] = .literal(previous + word)
        } else {
            elements.append(.literal(word))
        }
    }
}
