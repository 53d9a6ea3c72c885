import CEL
import Engine
import Foundation

// duibiao-bench [FILES] [--rules Rules] — checks FILES synthetic submissions against the rules
// and compares the CPU time with libyaml's bare event loop over the same bytes. Prints the
// ratio that issue 2's target holds to 1.6, and the peak memory.
var args = Array(CommandLine.arguments.dropFirst())
var rulesPath = "Rules"
if let i = args.firstIndex(of: "--rules"), i + 1 < args.count { rulesPath = args[i + 1]; args.removeSubrange(i...(i + 1)) }
let count = args.first.flatMap(Int.init) ?? 10_000

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func wallSeconds() -> Double { Date().timeIntervalSince1970 }

let files = (0..<count).map { Array(Corpus.submission($0).utf8) }
let bytes = files.reduce(0) { $0 + $1.count }
print("corpus: \(count) files, \(bytes / count) bytes each on average")

let ruleSet: RuleSet
do { ruleSet = try RulesLoader.load(paths: [rulesPath]) } catch {
    print("bench: rules do not load: \(error.diagnostics.first?.description ?? "")")
    exit(2)
}

// Warm up once so page faults and lazy initialisation are not measured.
_ = Baseline.events(files[0])

var c0 = cpuSeconds(), w0 = wallSeconds()
var events = 0
for f in files { events += Baseline.events(f) }
let baseCPU = cpuSeconds() - c0, baseWall = wallSeconds() - w0
print(String(format: "libyaml events:  %.2f s CPU, %.2f s wall, %.0f files/s (one core), %d events", baseCPU, baseWall, Double(count) / baseCPU, events))

let asOf = CELDate.parse("2019-12-01")!
c0 = cpuSeconds(); w0 = wallSeconds()
let result = CheckRun.run(ruleSet, inputs: files.enumerated().map { i, f in ("bench-\(i).yaml", { f }) }, asOf: asOf)
let checkCPU = cpuSeconds() - c0, checkWall = wallSeconds() - w0
print(String(format: "duibiao check:   %.2f s CPU, %.2f s wall, %.0f files/s per core, %d findings", checkCPU, checkWall, Double(count) / checkCPU, result.findings.count))
print(String(format: "ratio (CPU, check / libyaml): %.2f×  (target ≤ 1.6×)", checkCPU / baseCPU))
var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print("peak memory: \(usage.ru_maxrss / 1024) MiB")
