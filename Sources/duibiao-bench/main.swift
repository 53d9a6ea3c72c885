import CEL
import Engine
import Foundation

// duibiao-bench processes [--units N] [--repeat N] [--duibiao PATH] [--yamlbench PATH]
//   [--rules DIR] [--report FILE] — whole processes, as users run them (see Processes).
// duibiao-bench [FILES] [--rules DIR] [--repeat N] — in process: checks FILES synthetic
// submissions against the rules and compares the CPU time with libyaml's bare event loop over
// the same bytes, and the peak memory. Each phase runs N times and the fastest run counts.
var args = Array(CommandLine.arguments.dropFirst())
if args.first == "processes" {
    var o = Processes.Options()
    var i = 1
    while i + 1 < args.count {
        let v = args[i + 1]
        switch args[i] {
        case "--units": o.units = Int(v) ?? o.units
        case "--repeat": o.repeats = max(1, Int(v) ?? o.repeats)
        case "--duibiao": o.duibiao = v
        case "--yamlbench": o.yamlbench = v
        case "--rules": o.rules = v
        case "--corpus": o.corpus = v
        case "--report": o.report = v
        default: print("bench: unknown option \(args[i])"); exit(2)
        }
        i += 2
    }
    Processes.run(o)
    exit(0)
}
var rulesPath = "Rules/theme-education-2019"
if let i = args.firstIndex(of: "--rules"), i + 1 < args.count { rulesPath = args[i + 1]; args.removeSubrange(i...(i + 1)) }
var repeatCount = 1
if let i = args.firstIndex(of: "--repeat"), i + 1 < args.count { repeatCount = max(1, Int(args[i + 1]) ?? 1); args.removeSubrange(i...(i + 1)) }
let repeats = repeatCount
let count = args.first.flatMap(Int.init) ?? 10_000

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func wallSeconds() -> Double { Date().timeIntervalSince1970 }

/// Runs `body` `repeats` times and keeps the fastest run.
func fastest(_ body: () -> Int) -> (cpu: Double, wall: Double, result: Int) {
    var best: (cpu: Double, wall: Double, result: Int) = (Double.infinity, 0, 0)
    for _ in 0..<repeats {
        let c0 = cpuSeconds()
        let w0 = wallSeconds()
        let r = body()
        let cpu = cpuSeconds() - c0
        if cpu < best.cpu { best = (cpu, wallSeconds() - w0, r) }
    }
    return best
}

let files: [[UInt8]] = (0..<count).map { Array(Corpus.submission($0).utf8) }
let bytes = files.reduce(0) { $0 + $1.count }
print("corpus: \(count) files, \(bytes / count) bytes each on average")

let ruleSet: RuleSet
do { ruleSet = try RulesLoader.load(paths: [rulesPath]) } catch {
    print("bench: rules do not load: \(error.diagnostics.first?.description ?? "")")
    exit(2)
}

// Warm up once so page faults and lazy initialisation are not measured.
_ = Baseline.events(files[0])

let base = fastest {
    var events = 0
    for f in files { events += Baseline.events(f) }
    return events
}
print(String(format: "libyaml events:  %.2f s CPU, %.2f s wall, %.0f files/s (one core), %d events",
             base.cpu, base.wall, Double(count) / base.cpu, base.result))

let asOf = CELDate.parse("2019-12-01")!
var given: [CheckRun.Input] = []
for (i, f) in files.enumerated() {
    let bytes = f
    given.append((path: "bench-\(i).yaml", read: { .success(bytes) }))
}
let check = fastest { CheckRun.run(ruleSet, inputs: given, asOf: asOf).findings.count }
print(String(format: "duibiao check:   %.2f s CPU, %.2f s wall, %.0f files/s per core, %d findings",
             check.cpu, check.wall, Double(count) / check.cpu, check.result))
print(String(format: "ratio (CPU, check / libyaml): %.2f×  (target ≤ 1.6×)", check.cpu / base.cpu))
var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print("peak memory: \(usage.ru_maxrss / 1024) MiB")
