import Foundation

/// Instructions counted by valgrind's callgrind: the whole `duibiao check --format json` process
/// on one job against `yamlbench events`, on the same files. A busy or drifting machine moves
/// the bench's seconds, not these counts, so a change to the program shows here even when the
/// timed rounds cannot tell it from the machine.
enum Instructions {
    /// Files counted: enough for every rule and the campaign phase to weigh as they do at
    /// scale, few enough that callgrind (about fifty times slower) takes a minute.
    static let files = 1_000

    /// The figure's line, or nil when valgrind or objcopy is missing or a count fails.
    static func figure(duibiao: String, yamlbench: String, corpus: String, flags: [String]) -> String? {
        guard let valgrind = find("valgrind"), let objcopy = find("objcopy") else { return nil }
        // Valgrind 3.19 cannot read the DWARF 5 debug information of a Swift release build; a
        // copy without it runs the same instructions.
        let stripped = NSTemporaryDirectory() + "duibiao-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: stripped) }
        guard run([objcopy, "--strip-debug", duibiao, stripped]) != nil else { return nil }
        let callgrind = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        // Hashing seeded the same way in every run, so that hash tables cost the same each time.
        guard let y = collected(callgrind + [yamlbench, "events", corpus]),
              let d = collected(callgrind + [stripped, "check", corpus] + flags + ["--jobs", "1"],
                                environment: ["SWIFT_DETERMINISTIC_HASHING": "1"])
        else { return nil }
        return String(format: "instructions (callgrind, %d files, one job): duibiao check %.3f G, yamlbench events %.3f G, %.2f× (not moved by a busy machine)",
                      files, Double(d) / 1e9, Double(y) / 1e9, Double(d) / Double(y))
    }

    /// The instructions callgrind says the command ran (its "Collected" line).
    private static func collected(_ argv: [String], environment: [String: String] = [:]) -> Int? {
        guard let err = run(argv, environment: environment),
              let line = err.split(separator: "\n").last(where: { $0.contains("Collected :") }),
              let n = line.split(separator: " ").last.flatMap({ Int($0) }) else { return nil }
        return n
    }

    /// Runs `argv` to its end, its output discarded; its standard error, or nil if it could not
    /// start or failed.
    private static func run(_ argv: [String], environment: [String: String] = [:]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        p.standardOutput = FileHandle(forWritingAtPath: Processes.discard)
        let err = Pipe()
        p.standardError = err
        guard (try? p.run()) != nil else { return nil }
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationReason == .exit else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The program `name` on the PATH.
    private static func find(_ name: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
