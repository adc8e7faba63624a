import FeedModel
import Foundation
import TestSupport
import Testing

@testable import Claims

/// The stemmer works on reused scalar buffers (`Stemmer.stem(utf8:scratch:into:)`); its stems must be those of
/// the `String`-based stemmer it replaced (kept below as `ReferenceStemmer`), word for word.
@Suite struct StemmerTests {
    static let crafted: [String] = [
        "cede", "cedes", "ceded", "ceding", "guarantee", "guarantees", "guaranteed", "agreed", "agrees", "stopped",
        "stopping", "planning", "deny", "denies", "denied", "denying", "carries", "classes", "status", "analysis",
        "us", "bus", "ties", "tied", "series", "fly", "flying", "trump", "trump's", "ukrainian", "ukraine", "naïve",
        "café", "résumés", "straße", "donbas", "donbass", "донбасс", "донбасса", "донбасу", "донбасом",
        "трамп", "трампа", "трампом", "отказался", "відмовилася", "переговорів", "переговоров", "украины",
        "україни", "їх", "ії", "єю", "вооружённых", "вооруженных", "demilitarization", "ççç", "ab", "abc",
        "x\u{301}yz", "日本語", "a1b2", "1990s", "", "ssss", "eeee", "yyyy", "ёлка", "привет\u{1F54A}",
    ]

    @Test func stemsEqualTheStringStemmersOnCraftedWords() {
        expectSameStems(Self.crafted)
    }

    @Test(.enabled(if: TestPaths.realCorpusIsPresent, "shared corpus not present"))
    func stemsEqualTheStringStemmersOnEveryWordOfTheRealCorpus() throws {
        var words = Set<String>()
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.realCorpus.path)
        for file in files.sorted() {
            let data = try Data(contentsOf: TestPaths.realCorpus.appendingPathComponent(file))
            let text = TextTables.normalize(String(decoding: data, as: UTF8.self), fold: true)
            for word in text.unicodeScalars.split(whereSeparator: { !TextTables.isPythonWord($0) }) {
                words.insert(String(String.UnicodeScalarView(word)))
            }
        }
        #expect(words.count > 10_000)
        expectSameStems(words.sorted())
    }

    private func expectSameStems(_ words: [String]) {
        var scratch: [UInt32] = []
        var output: [UInt8] = []
        var mismatches: [String] = []
        for word in words {
            let expected = ReferenceStemmer.stem(word)
            let stemmed = Stemmer.stem(word)
            if stemmed != expected { mismatches.append("\(word): \(stemmed) != \(expected)") }
            let bytes = Array(word.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                Stemmer.stem(utf8: buffer, scratch: &scratch, into: &output)
            }
            if output != Array(expected.utf8) {
                mismatches.append("\(word): \(String(decoding: output, as: UTF8.self)) != \(expected) (from UTF-8)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}

/// The stemmer as it was before it worked on buffers (commit 869f538), as the reference.
private enum ReferenceStemmer {
    /// The stem of one lowered word.
    static func stem(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        if scalars.contains(where: isCyrillic) {
            stemSlavic(&scalars)
        } else if scalars.allSatisfy({ $0.value < 0x250 }) {
            stemEnglish(&scalars)
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    private static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x400 && scalar.value < 0x530
    }

    // MARK: - English

    private static func stemEnglish(_ word: inout [Unicode.Scalar]) {
        guard word.count >= 4 else { return }
        var strippedSuffix = false
        if hasSuffix(word, "ies") && word.count > 4 {
            word.removeLast(3)
            word.append("i")
            return
        }
        if hasSuffix(word, "ied") && word.count > 4 {
            word.removeLast(3)
            word.append("i")
            return
        }
        if hasSuffix(word, "sses") {
            word.removeLast(2)
        } else if hasSuffix(word, "s") && !hasSuffix(word, "ss") && !hasSuffix(word, "us") && !hasSuffix(word, "is") {
            word.removeLast()
        }
        if hasSuffix(word, "ing") && word.count >= 6 {
            word.removeLast(3)
            strippedSuffix = true
        } else if hasSuffix(word, "ed") && word.count >= 5 {
            word.removeLast(2)
            strippedSuffix = true
        }
        if strippedSuffix {
            if hasSuffix(word, "ee") {
                word.removeLast()
            } else if word.count >= 4, let last = word.last, last == word[word.count - 2], isDoubledConsonant(last) {
                word.removeLast()
            }
        } else if hasSuffix(word, "e") && word.count >= 4 {
            word.removeLast()
        }
        if let last = word.last, last == "y", word.count >= 4 {
            word[word.count - 1] = "i"
        }
    }

    private static func isDoubledConsonant(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "b", "d", "f", "g", "m", "n", "p", "r", "t": return true
        default: return false
        }
    }

    // MARK: - Russian and Ukrainian

    /// Endings, longest first within each group; the first that leaves at least three letters is removed.
    private static let reflexive: [[Unicode.Scalar]] = ["ся", "сь"].map { Array($0.unicodeScalars) }
    private static let endings: [[Unicode.Scalar]] = [
        // adjectives and participles
        "ого", "его", "ому", "ему", "ыми", "ими", "ими", "ому", "ій", "ої", "ій", "ого", "ому",
        // nouns
        "ами", "ями", "ові", "еві", "ою", "ею", "єю",
        // verbs
        "ить", "ать", "ять", "еть", "уть", "ити", "ати", "яти", "ете", "ите", "ешь", "ишь", "ила", "ило", "или",
        "ала", "ало", "али", "ыла", "ыли", "ула", "ули", "ила", "ує", "ють", "ать", "ить",
        "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ую", "юю", "ых", "их", "ым", "им",
        "ах", "ях", "ов", "ев", "ей", "ом", "ем", "ам", "ям", "ів", "їв",
        "ет", "ит", "ут", "ют", "ат", "ят", "ил", "ал", "ял", "ел", "ть", "ти",
        "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "і", "ї", "є", "й", "л",
    ].map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    private static func stemSlavic(_ word: inout [Unicode.Scalar]) {
        guard word.count >= 4 else { return }
        for ending in reflexive where hasSuffix(word, ending) && word.count - ending.count >= 3 {
            word.removeLast(ending.count)
            break
        }
        for ending in endings where hasSuffix(word, ending) && word.count - ending.count >= 3 {
            word.removeLast(ending.count)
            break
        }
        // Донбасс / Донбас: a doubled final consonant counts once.
        if word.count >= 4, let last = word.last, last == word[word.count - 2], !isSlavicVowel(last) {
            word.removeLast()
        }
    }

    private static func isSlavicVowel(_ scalar: Unicode.Scalar) -> Bool {
        "аеёиоуыэюяіїє".unicodeScalars.contains(scalar)
    }

    // MARK: - Helpers

    private static func hasSuffix(_ word: [Unicode.Scalar], _ suffix: String) -> Bool {
        hasSuffix(word, Array(suffix.unicodeScalars))
    }

    private static func hasSuffix(_ word: [Unicode.Scalar], _ suffix: [Unicode.Scalar]) -> Bool {
        guard word.count >= suffix.count else { return false }
        return word[(word.count - suffix.count)...].elementsEqual(suffix)
    }
}
