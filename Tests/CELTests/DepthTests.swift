import Testing
@testable import CEL

/// Long and deep expressions are refused with a located error before any recursive walk
/// (checker, interpreter, printer, release of the tree) could exhaust the stack.
@Suite struct DepthTests {
    @Test(arguments: [
        String(repeating: "!", count: 10_000) + "true",
        String(repeating: "-", count: 10_000) + "1",
        Array(repeating: "1", count: 10_000).joined(separator: " + "),
        Array(repeating: "true", count: 10_000).joined(separator: " && "),
        Array(repeating: "true", count: 10_000).joined(separator: " || "),
        Array(repeating: "1", count: 10_000).joined(separator: " < "),
        "[[1]]" + String(repeating: "[0]", count: 10_000),
        "x" + String(repeating: ".a", count: 10_000),
        String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
        String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        String(repeating: "{1: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000),
        String(repeating: "f(", count: 10_000) + String(repeating: ")", count: 10_000),
    ])
    func tooDeepIsAnErrorNotACrash(_ text: String) {
        let d = diagnostics(text, ["x": .dyn])
        #expect(d.map(\.code) == ["cel.depth"])
        #expect(d.first?.message == "表达式嵌套超过 200 层")
    }

    @Test func deepButReasonableExpressionsStillWork() throws {
        #expect(try eval(Array(repeating: "1", count: 150).joined(separator: " + ")).text == "150")
        #expect(try eval(String(repeating: "!", count: 150) + "true").text == "true")
        #expect(try eval("[[1]]" + String(repeating: "[0]", count: 2) + " + 0").text == "1")
    }

    @Test(arguments: [
        Array(repeating: "1", count: 199).joined(separator: " + "),
        String(repeating: "-", count: 150) + "x",
        Array(repeating: "-(x", count: 60).joined(separator: " + ") + String(repeating: ")", count: 60),
        "x" + String(repeating: ".a", count: 190),
    ])
    func theCanonicalFormOfAnAcceptedExpressionParsesAgain(_ text: String) throws {
        // Fully parenthesised, the printed form nests deeper than the text: it must still parse.
        let printed = Printer.print(try Parser.parse(text))
        #expect(Printer.print(try Parser.parse(printed)) == printed)
    }
}
