import CEL
import Testing
@testable import Engine

/// `DeadlineTexts` gives each deadline message as `EngineText` makes it, made once, whichever
/// keys share a slot of its table and in whatever order they are asked.
struct DeadlineTextsTests {
    /// Every kind with many days and counts: three times more keys than the table has slots, so many
    /// share one, each asked twice (made, then kept or made again).
    @Test func eachMessageIsTheCataloguesWhateverSharesItsSlot() {
        let texts = DeadlineTexts()
        let start = CELDate(year: 2019, month: 8, day: 25)!.day
        for round in 0..<2 {
            for d: Int32 in 0..<80 {
                for n: Int64 in [0, 1, 2, 13, 400] {
                    let done = CELDate(day: start + d), due = CELDate(day: start + 20)
                    let asOf = CELDate(day: start + 2 * d + Int32(n))
                    #expect(texts.doneOnTime(done, due) == EngineText.doneOnTime(done, due), "round \(round)")
                    #expect(texts.doneLateTolerated(done, due, n, n + 3) == EngineText.doneLateTolerated(done, due, n, n + 3))
                    #expect(texts.doneLate(done, due, n) == EngineText.doneLate(done, due, n))
                    #expect(texts.notYetDue(due, n) == EngineText.notYetDue(due, n))
                    #expect(texts.notYetDue(done, n) == EngineText.notYetDue(done, n))
                    #expect(texts.overdue(due, asOf, n) == EngineText.overdue(due, asOf, n))
                    #expect(texts.scheduled(asOf) == EngineText.scheduled(asOf))
                    #expect(texts.expectationNotYetDue(asOf) == EngineText.expectationNotYetDue(asOf))
                }
            }
        }
    }

    /// A text asked again is the one made the first time, not made again.
    @Test func aTextAskedAgainIsNotMadeAgain() {
        let texts = DeadlineTexts()
        var made = 0
        let first = texts.text(.doneLate, 1, 2, 3) { made += 1; return "一" }
        let again = texts.text(.doneLate, 1, 2, 3) { made += 1; return "二" }
        // Another kind with the same numbers is another message.
        let other = texts.text(.doneLateTolerated, 1, 2, 3) { made += 1; return "三" }
        #expect((first, again, other, made) == ("一", "一", "三", 2))
    }
}
