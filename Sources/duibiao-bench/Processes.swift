import Foundation

/// `duibiao-bench processes`: what users run, measured as whole processes on the same files —
/// libyaml's bare event loop (`yamlbench events`) against `duibiao check --format json`, on one
/// core and on two, interleaved, as medians, with peak memory; and the time to load and check
/// the rules (`duibiao lint`). Prints one line per figure and writes a Markdown report.
enum Processes {
    struct Options {
        var units = 10_000
        var repeats = 3
        var duibiao = ".build/release/duibiao"
        var yamlbench = ".build/yamlbench"
        var rules = "Rules/theme-education-2019"
        var corpus = ".build/bench"
        var report: String?
    }

    /// Wall seconds, CPU seconds (user and system) and peak resident memory (KiB) of one command:
    /// one process, or several run at once.
    struct Sample { let seconds: Double; let cpuSeconds: Double; let peakKiB: Int }

    static func run(_ o: Options) {
        let dir = "\(o.corpus)/units-\(o.units)"
        writeCorpus(dir, o.units, Corpus.submission)
        // The same units, each sending a problem up that the next claims (or not): a campaign
        // rule looking every unit's problem up among every unit's claims, which must cost about
        // what checking the files costs, not the units squared.
        let joining = "\(o.corpus)/units-\(o.units)-joining"
        writeCorpus(joining, o.units) { Corpus.joining($0, of: o.units) }
        let asOf = "2019-12-01"
        let flags = ["--rules", o.rules, "--as-of", asOf, "--format", "json", "--fail-on", "never", "--no-roster"]
        let check = ["check", dir] + flags
        // Each command is one process, or several started together (timed until the last ends).
        let commands: [(name: String, argv: [[String]])] = [
            ("yamlbench events, 1 core", [["taskset", "-c", "0", o.yamlbench, "events", dir]]),
            ("duibiao check --format json, 1 core", [["taskset", "-c", "0", o.duibiao] + check]),
            ("duibiao check --format json, 2 cores", [["taskset", "-c", "0,1", o.duibiao] + check]),
            ("rules load and check (duibiao lint)", [[o.duibiao, "lint", o.rules]]),
            ("duibiao check, units sending problems up, 1 core", [["taskset", "-c", "0", o.duibiao, "check", joining] + flags]),
            // What this machine's two cores give at all: the same work as the first command,
            // twice, one process per core, at once.
            ("yamlbench events twice at once, one per core",
             [["taskset", "-c", "0", o.yamlbench, "events", dir], ["taskset", "-c", "1", o.yamlbench, "events", dir]]),
            // What they give this check's own work: the one-core check, twice, one process per
            // core, at once. Two processes share no memory, no reference counts and no thread,
            // so this is the most two cores can give the check here, whatever its threads do.
            ("duibiao check twice at once, one per core",
             [["taskset", "-c", "0", o.duibiao] + check, ["taskset", "-c", "1", o.duibiao] + check]),
        ]
        // A command that fails stops the bench: its figure would mean nothing.
        func run(_ argv: [[String]]) -> Sample {
            guard let s = measure(argv) else {
                print("bench: \(argv.map { $0.joined(separator: " ") }.joined(separator: " & ")) failed")
                exit(2)
            }
            return s
        }
        // Every file read once, untimed: the first process measured would otherwise read them
        // from the disk while the others find them in the page cache (at 100,000 units
        // yamlbench took 9.8 s cold against 5.7 s warm).
        if discard != "/dev/null" { print("  output discarded into \(discard): this machine's /dev/null is a file, not the device") }
        print(String(format: "  warm-up (untimed): %@: %.2f s", commands[0].name, run(commands[0].argv).seconds))
        print(String(format: "  warm-up (untimed): yamlbench events over the joining units: %.2f s",
                     run([["taskset", "-c", "0", o.yamlbench, "events", joining]]).seconds))
        var samples = Array(repeating: [Sample](), count: commands.count)
        // Interleaved: each round runs every command once, so drift hits all of them alike.
        for round in 1...o.repeats {
            for (i, c) in commands.enumerated() {
                let s = run(c.argv)
                samples[i].append(s)
                print(String(format: "  round %d: %@: %.2f s, %d MiB", round, c.name, s.seconds, s.peakKiB / 1024))
            }
        }
        let medians = samples.map { list -> Sample in
            let t = list.map(\.seconds).sorted(), m = list.map(\.peakKiB).sorted()
            let c = list.map(\.cpuSeconds).sorted()
            return Sample(seconds: t[t.count / 2], cpuSeconds: c[c.count / 2], peakKiB: m[m.count / 2])
        }
        let base = medians[0].seconds
        // The ratio of two commands within each round, then its median: each round runs them
        // minutes apart at most, so a machine whose speed drifts moves both alike.
        func paired(_ a: Int, over b: Int) -> Double {
            let r = zip(samples[a], samples[b]).map { $0.seconds / $1.seconds }.sorted()
            return r[r.count / 2]
        }
        var lines: [String] = []
        lines.append(String(format: "yamlbench events, 1 core: %.2f s, %.0f files/s, %d MiB peak",
                            base, Double(o.units) / base, medians[0].peakKiB / 1024))
        lines.append(String(format: "duibiao check, 1 core: %.2f s, %.0f units/s, %.2f× yamlbench, %.2f× paired by round (must ≤ 3×, aim 1.6×), %d MiB peak (must < 300 MB at 10,000)",
                            medians[1].seconds, Double(o.units) / medians[1].seconds, medians[1].seconds / base, paired(1, over: 0),
                            medians[1].peakKiB / 1024))
        // CPU time over wall time: the cores the run kept busy on average, which a machine
        // whose speed drifts between runs does not move (it slows both alike).
        let busy = samples[2].map { $0.cpuSeconds / $0.seconds }.sorted()
        lines.append(String(format: "duibiao check, 2 cores: %.2f s, %.2f× one core, %.2f× paired by round (must ≥ 1.7×), %.2f cores busy, %d MiB peak",
                            medians[2].seconds, medians[1].seconds / medians[2].seconds, paired(1, over: 2), busy[busy.count / 2],
                            medians[2].peakKiB / 1024))
        lines.append(String(format: "rules load and check: %.0f ms (must < 30 ms)", medians[3].seconds * 1000))
        lines.append(String(format: "duibiao check, units sending problems up that the next claims, 1 core: %.2f s, %.2f× the same units without, %.2f× paired by round (a join of every unit's problems with every unit's claims)",
                            medians[4].seconds, medians[4].seconds / medians[1].seconds, paired(4, over: 1)))
        // Twice the work in the pair's time: what two cores give a program that shares nothing.
        lines.append(String(format: "this machine's two cores: yamlbench events twice at once, one per core: %.2f s, %.2f× one core's rate, %.2f× paired by round (what two cores gave libyaml's loop)",
                            medians[5].seconds, 2 * base / medians[5].seconds, 2 * paired(0, over: 5)))
        // The check's two-core run against two one-core checks at once: what its threads lose
        // to sharing, apart from what the machine's cores lose to each other.
        let twice = 2 * medians[1].seconds / medians[6].seconds, twicePaired = 2 * paired(1, over: 6)
        lines.append(String(format: "this machine's two cores for the check: duibiao check twice at once, one per core: %.2f s, %.2f× one core's rate, %.2f× paired by round (the most two cores gave the check here); its 2-core run reached %.0f%% of that, %.0f%% paired by round",
                            medians[6].seconds, twice, twicePaired,
                            100 * (medians[1].seconds / medians[2].seconds) / twice, 100 * paired(1, over: 2) / twicePaired))
        // Counted once, after the timed rounds, on the corpus's first thousand files (the same
        // generator, the same files).
        let counted = "\(o.corpus)/units-\(Instructions.files)"
        writeCorpus(counted, Instructions.files, Corpus.submission)
        lines.append(Instructions.figure(duibiao: o.duibiao, yamlbench: o.yamlbench, corpus: counted, flags: flags)
                     ?? "instructions: not counted (valgrind or objcopy is not installed, or a count failed)")
        for l in lines { print(l) }
        if let path = o.report { writeReport(path, o, commands.map { $0.argv.map { $0.joined(separator: " ") }.joined(separator: " & ") }, lines) }
    }

    /// Where output is thrown away: `/dev/null`, unless this machine's is not the device but a
    /// file (some containers make it one, and then 2.5 GB of JSON at 100,000 units is written
    /// into memory and timed as the kernel's work); `/dev/zero` discards writes as well (zero(4)).
    static let discard: String = {
        var st = stat()
        if stat("/dev/null", &st) == 0, st.st_mode & S_IFMT == S_IFCHR { return "/dev/null" }
        if stat("/dev/zero", &st) == 0, st.st_mode & S_IFMT == S_IFCHR { return "/dev/zero" }
        return "/dev/null"
    }()

    /// Runs the processes `argvs` at once, their output discarded, until the last one ends: the
    /// wall time, their CPU time added up, the highest peak. Nil when one cannot start or exits
    /// with a signal.
    static func measure(_ argvs: [[String]]) -> Sample? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, discard, O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, discard, O_WRONLY, 0)
        let cargs = argvs.map { argv in argv.map { strdup($0) } + [nil] }
        defer { for args in cargs { for p in args { free(p) } } }
        var pids: [pid_t] = []
        let start = Date()
        for (argv, args) in zip(argvs, cargs) {
            var pid = pid_t()
            var args = args
            guard posix_spawnp(&pid, argv[0], &actions, nil, &args, environ) == 0 else { break }
            pids.append(pid)
        }
        var cpu = 0.0, peak = 0, failed = pids.count < argvs.count
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        for pid in pids {
            var status: Int32 = 0
            var usage = rusage()
            // Exited normally (any code: `check` may report findings) rather than by a signal.
            guard wait4(pid, &status, 0, &usage) == pid, status & 0x7f == 0 else { failed = true; continue }
            cpu += secs(usage.ru_utime) + secs(usage.ru_stime)
            peak = max(peak, Int(usage.ru_maxrss))
        }
        let seconds = Date().timeIntervalSince(start)
        return failed ? nil : Sample(seconds: seconds, cpuSeconds: cpu, peakKiB: peak)
    }

    /// `count` synthetic submissions in `dir`, written once and kept for later runs.
    static func writeCorpus(_ dir: String, _ count: Int, _ submission: (Int) -> String) {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: dir), existing.count == count { return }
        try? fm.removeItem(atPath: dir)
        try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for i in 0..<count {
            _ = fm.createFile(atPath: "\(dir)/unit-\(String(format: "%06d", i)).yaml", contents: Data(submission(i).utf8))
        }
    }

    static func writeReport(_ path: String, _ o: Options, _ commands: [String], _ lines: [String]) {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown"
        let memory = ProcessInfo.processInfo.physicalMemory / (1 << 30)
        let date = ISO8601DateFormatter().string(from: Date()).prefix(10)
        var md = """
        # Performance

        Written by `make bench` (`duibiao-bench processes`) on \(date): \(ProcessInfo.processInfo.processorCount) cores (\(cpu)),
        \(memory) GiB. \(o.units) synthetic submissions of the shipped 2019 schema (about 5 KB each,
        `Sources/duibiao-bench/Corpus.swift`), checked against `\(o.rules)` as of 2019-12-01, and
        the same units each sending a problem up that the next claims (`units-\(o.units)-joining`);
        whole processes, \(o.repeats) interleaved rounds after an untimed pass of yamlbench over
        each corpus (so every process finds the files in the page cache), medians, and each ratio
        also as the median of its rounds' ratios ("paired by round": a machine whose speed drifts
        moves both sides of a round alike); "cores busy" is the two-core run's CPU time (user and
        system) over its wall time, the cores it kept working on average, which such drift does
        not move; peak memory is the process's maximum resident set (`wait4`). The lines on this
        machine's two cores say what they gave at all: yamlbench run twice at once, one process
        per core, does twice the one-core work, and its rate over one core's is what two cores
        gave libyaml's loop; the one-core check run twice at once the same way (two processes
        that share nothing) is the most they gave the check's own work, and the
        two-core check's share of it is what its threads lost to each other, apart from what
        the cores lost to each other. The last line counts instructions with valgrind's
        callgrind over the first \(Instructions.files) files, `--jobs 1`, which no drift
        of the machine moves.

        """
        md += "\n| figure |\n|---|\n" + lines.map { "| \($0) |" }.joined(separator: "\n") + "\n"
        md += "\nThe commands, each with its output discarded (written to `\(discard)`\(discard == "/dev/null" ? "" : ", as this machine's `/dev/null` is a file, not the device")):\n\n```\n"
        md += commands.joined(separator: "\n") + "\n```\n"
        md += """

        The targets are issue 7's: one core at most 3× libyaml's event loop (aim 1.6×), two cores
        at least 1.7× one core, peak memory under 300 MB at 10,000 units and at most 1.5× that at
        100,000 (`make bench BENCH_UNITS=100000`), rules loaded and checked in under 30 ms.
        docs/architecture.md explains where the time goes today.

        """
        try? md.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
