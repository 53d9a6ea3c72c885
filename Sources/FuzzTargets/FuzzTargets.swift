import CEL
import Engine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import YAML

/// What the fuzzers feed untrusted bytes to. Each target must return for any input: a crash,
/// a hang or a runaway allocation is a bug. Used by `duibiao-fuzz` (libFuzzer) and by the
/// tests that replay `Tests/Fuzz/regressions`.
public enum FuzzTargets {
    /// The targets by name, as `make fuzz` and the regression folders name them.
    public static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "yaml": yaml,
        "cel": cel,
        "check": check,
        "rules": rules,
    ]

    /// The YAML layer: events, then the node tree rules files use.
    @Sendable public static func yaml(_ bytes: [UInt8]) {
        let reader = EventReader(bytes: bytes)
        var events = 0
        while events < 1_000_000, (try? reader.next()) != nil { events += 1 }
        _ = try? Composer.compose(bytes: bytes)
    }

    /// Typed variables shaped like a submission, so field selections type-check.
    static let env: Env = {
        let member = ObjectType(name: "member", fields: [("name", .string), ("role", .string)])
        let visit = ObjectType(name: "visit", fields: [("member", .string), ("site", .string), ("date", .date), ("n", .int)])
        return Env(variables: ["members": .list(.object(member)), "visits": .list(.object(visit)), "x": .dyn,
                               "values": .map(.string, .dyn), "as_of": .date, "s": .string, "i": .int, "d": .double])
    }()

    static let activation: Activation = {
        let member = ObjectType(name: "member", fields: [("name", .string), ("role", .string)])
        let visit = ObjectType(name: "visit", fields: [("member", .string), ("site", .string), ("date", .date), ("n", .int)])
        let date = CELDate.parse("2019-09-16")!
        let visits = (0..<20).map { i in
            Value.object(CELObject.make(type: visit, fields: [.string("王五"), .string("村\(i % 4)"), .date(date), .int(Int64(i))]))
        }
        return Activation(["members": .list([.object(CELObject.make(type: member, fields: [.string("王五"), .string("书记")]))]),
                           "visits": .list(visits), "x": .list([.int(1), .string("a")]), "values": .map(CELMap()),
                           "as_of": .date(date), "s": .string("主题教育"), "i": .int(3), "d": .double(0.5)])
    }()

    /// The CEL layer: parse, check, print (the printed form must parse again), evaluate
    /// within a cost budget, twice with one meter (the second time from what the first kept
    /// and indexed); each value must be the one the nodes as written give (chains, lookups
    /// and kept parts change only the steps spent).
    @Sendable public static func cel(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let parsed = try? Parser.parse(text) {
            let printed = Printer.print(parsed)
            if (try? Parser.parse(printed)) == nil {
                fatalError("the printed form does not parse again: \(printed)")
            }
        }
        guard let program = try? env.compile(text) else { return }
        var a = activation, written = activation
        a.meter = CostMeter(limit: 100_000)
        written.meter = CostMeter(limit: 100_000)
        let expected = program.unchained.eval(written)
        for _ in 0..<2 {
            let value = program.eval(a)
            // Only when neither ran out of budget: the written nodes may spend more.
            if !a.meter!.exhausted, !written.meter!.exhausted, Printer.literal(value) != Printer.literal(expected) {
                fatalError("\(text) is \(Printer.literal(value)), as written \(Printer.literal(expected))")
            }
        }
    }

    /// The shipped 2019 rules (or DUIBIAO_RULES), loaded once: the `check` target checks one
    /// submission against them.
    static let rules: RuleSet? = {
        // DUIBIAO_RULES, else the repository's own, found from this file's place in it.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let dir = ProcessInfo.processInfo.environment["DUIBIAO_RULES"] ?? "\(repository)/Rules/theme-education-2019"
        return try? RulesLoader.load(paths: [dir])
    }()

    /// The shipped 2019 rule set's files but its second batch, and the folder they are in.
    public static let rulesFolder: (path: String, files: [(path: String, bytes: [UInt8]?)])? = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let dir = "\(repository)/Rules/theme-education-2019"
        var files: [(path: String, bytes: [UInt8]?)] = []
        for name in ["schema.yaml", "office.yaml", "first-batch.yaml"] {
            guard case .success(let bytes) = Paths.read("\(dir)/\(name)") else { return nil }
            files.append(("\(dir)/\(name)", bytes))
        }
        return (dir, files)
    }()

    /// The office's side: the bytes as the 2019 rule set's second-batch file, loaded with the
    /// set's other files (every mistake a diagnostic), and when they load, an example county
    /// checked against them, as JSON.
    @Sendable public static func rules(_ bytes: [UInt8]) { _ = rulesChecked(bytes) }

    /// What `rules` makes of the bytes: the example's JSON report, or nil when the rules do
    /// not load.
    public static func rulesChecked(_ bytes: [UInt8]) -> String? {
        guard let folder = rulesFolder else { fatalError("the rules target needs the shipped rules (./Rules)") }
        guard let set = try? RulesLoader.load(sources: folder.files + [("\(folder.path)/second-batch.yaml", bytes)]) else { return nil }
        let county = "\(folder.path)/../../Examples/theme-education-2019/county-qingxian.yaml"
        let input = Paths.read(county)
        let result = CheckRun.run(set, inputs: [(county, { @Sendable in input })], asOf: CELDate.parse("2019-10-15")!, roster: false)
        return JSONReport.render(result)
    }

    /// A whole check of one submission, rendered in every format but the workbook (as text and
    /// JSON only past 2,000 findings): nothing a unit writes may make the JSON, SARIF or JUnit
    /// documents ill-formed.
    @Sendable public static func check(_ bytes: [UInt8]) {
        guard let rules else { fatalError("the check target needs the shipped rules (DUIBIAO_RULES or ./Rules)") }
        let input = bytes
        for path in ["fuzz.yaml", "fuzz.json"] {
            let result = CheckRun.run(rules, inputs: [(path, { @Sendable in .success(input) })], asOf: CELDate.parse("2019-10-15")!, roster: false)
            _ = TextReport.render(result, rulesLabel: "Rules", color: true)
            let json = JSONReport.render(result)
            guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else { fatalError("the JSON report does not parse") }
            // The other writers do the same for every finding: past a few thousand (an
            // amplification seed's) they would only outlast the fuzzer's time limit.
            guard result.findings.count <= 2_000 else { continue }
            let sarif = rendered(result) { SARIFReport($0) }
            guard (try? JSONSerialization.jsonObject(with: Data(sarif))) != nil else { fatalError("the SARIF report does not parse") }
            let junit = rendered(result) { JUnitReport($0) }
            guard XMLParser(data: Data(junit)).parse() else { fatalError("the JUnit report is not well-formed XML") }
            _ = rendered(result) { MarkdownReport(rulesLabel: "Rules", $0) }
            _ = rendered(result) { HTMLReport(rulesLabel: "Rules", $0) }
            // A unit's part as its checking thread renders it.
            for sink in [JUnitReport { _ in true }, MarkdownReport(rulesLabel: "Rules") { _ in true },
                         HTMLReport(rulesLabel: "Rules") { _ in true }] as [FindingSink] {
                sink.begin(result.header)
                _ = sink.renderer?.render(result.findings, section: .unit)
            }
        }
    }

    /// A held run written by the sink `make` makes, as one document.
    private static func rendered(_ result: CheckResult, _ make: (@escaping ([UInt8]) -> Bool) -> FindingSink) -> [UInt8] {
        var all: [UInt8] = []
        result.replay(into: make { all += $0; return true })
        return all
    }
}
