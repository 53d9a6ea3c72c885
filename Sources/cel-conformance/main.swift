import CEL
import Foundation

// cel-conformance FOLDER [--verbose] [--floor N]
// Runs cel-spec's simple conformance tests from FOLDER/*.textproto. Files outside the in-scope
// list count every test as skipped; inside it, tests needing protobuf messages or enums are
// skipped (Runner.protobufMarkers); everything else passes or fails.
let inScope: Set<String> = ["basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists",
                            "logic", "macros", "macros2", "namespace", "parse", "string", "timestamps",
                            // cel-go's extension libraries
                            "bindings_ext", "encoders_ext", "math_ext", "string_ext", "optionals"]

var args = Array(CommandLine.arguments.dropFirst())
let verbose = args.contains("--verbose")
args.removeAll { $0 == "--verbose" }
var floor: Int?
if let i = args.firstIndex(of: "--floor"), i + 1 < args.count {
    floor = Int(args[i + 1])
    args.removeSubrange(i...(i + 1))
}
guard let folder = args.first else {
    FileHandle.standardError.write(Data("usage: cel-conformance FOLDER [--verbose] [--floor N]\n".utf8))
    exit(2)
}
let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".textproto") }.sorted()
if files.isEmpty {
    FileHandle.standardError.write(Data("cel-conformance: no *.textproto files in \(folder)\n".utf8))
    exit(2)
}
var totals = (pass: 0, fail: 0, skip: 0)
var passedAtCompile = 0
for file in files {
    let name = String(file.dropLast(".textproto".count))
    guard let text = try? String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8) else {
        print("\(name): unreadable")
        totals.fail += 1
        continue
    }
    let root: TextMessage
    do { root = try TextProtoParser.parse(text) } catch {
        print("\(name): cannot parse: \(error)")
        totals.fail += 1
        continue
    }
    var counts = (pass: 0, fail: 0, skip: 0)
    // Why tests were skipped, counted by reason ("needs protobuf", "file out of scope", …).
    var reasons: [String: Int] = [:]
    for case .message(let section) in root.all("section") {
        for case .message(let test) in section.all("test") {
            guard inScope.contains(name) else { counts.skip += 1; reasons["file out of scope", default: 0] += 1; continue }
            switch Runner.run(test) {
            case .pass: counts.pass += 1
            case .passAtCompile:
                counts.pass += 1
                passedAtCompile += 1
            case .skip(let why):
                counts.skip += 1
                reasons[why.hasPrefix("needs protobuf") ? "needs protobuf" : why, default: 0] += 1
            case .fail(let why):
                counts.fail += 1
                if verbose {
                    print("  FAIL \(name)/\(section.string("name") ?? "")/\(test.string("name") ?? ""): \(test.string("expr") ?? "")\n       \(why)")
                }
            }
        }
    }
    let why = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    print("\(name): \(counts.pass) passed, \(counts.fail) failed, \(counts.skip) skipped" + (why.isEmpty ? "" : " (\(why))"))
    totals.pass += counts.pass
    totals.fail += counts.fail
    totals.skip += counts.skip
}
if verbose { print("(\(passedAtCompile) of the passes expected an error and got it when compiling)") }
print("conformance: \(totals.pass) passed, \(totals.fail) failed, \(totals.skip) skipped")
if let floor, totals.pass < floor {
    FileHandle.standardError.write(Data("cel-conformance: \(totals.pass) passed is below the floor of \(floor)\n".utf8))
    exit(1)
}
