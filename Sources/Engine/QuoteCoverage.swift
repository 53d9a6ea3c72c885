/// Which sentences of the source document state a duty (要…, 必须…, 不得…) that no rule quotes:
/// what `duibiao lint --coverage` lists, so the office sees the requirements still unchecked.
public enum QuoteCoverage {
    /// A sentence of the source document, with its paragraph's number (from 1).
    public struct Sentence: Sendable, Equatable {
        public let paragraph: Int
        public let text: String
    }

    /// Words that make a sentence a duty.
    static let markers = ["必须", "不得", "务必", "严禁", "应当", "要"]
    /// Words with 要 in them that state no duty (主要, 重要, …).
    static let notDuties = ["主要", "重要", "需要", "只要", "纲要", "摘要", "要点", "要素", "要害", "必要", "要件", "首要", "紧要", "总要求", "要义"]

    /// The duty sentences no rule's quote touches (a quote piece inside the sentence, or the
    /// sentence inside a piece), in document order; empty without a source document.
    public static func uncovered(_ ruleSet: RuleSet) -> [Sentence] {
        guard let source = ruleSet.source else { return [] }
        let pieces = ruleSet.rules.compactMap(\.quote).flatMap { $0.components(separatedBy: "…") }
            .map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        return sentences(source.text).filter { s in
            isDuty(s.text) && !pieces.contains { s.text.contains($0) || $0.contains(s.text) || overlaps($0, s.text) }
        }
    }

    /// Every sentence, split after 。！？； and at line ends.
    static func sentences(_ text: String) -> [Sentence] {
        var out: [Sentence] = []
        for (i, line) in Lines.of(text).enumerated() {
            var current = ""
            for c in line {
                current.append(c)
                if "。！？；".contains(c) {
                    let s = current.trimmingCharacters(in: " \t\r")
                    if !s.isEmpty { out.append(Sentence(paragraph: i + 1, text: s)) }
                    current = ""
                }
            }
            let s = current.trimmingCharacters(in: " \t\r")
            if !s.isEmpty { out.append(Sentence(paragraph: i + 1, text: s)) }
        }
        return out
    }

    static func isDuty(_ sentence: String) -> Bool {
        var s = sentence
        for word in notDuties { s = s.replacingOccurrences(of: word, with: "") }
        return markers.contains { s.contains($0) }
    }

    /// A quote piece that runs across a sentence boundary covers both sentences: true when
    /// the sentence's start or end (a dozen characters) is in the piece.
    static func overlaps(_ piece: String, _ sentence: String) -> Bool {
        let n = min(12, sentence.count)
        return n >= 6 && (piece.contains(String(sentence.prefix(n))) || piece.contains(String(sentence.suffix(n))))
    }
}
