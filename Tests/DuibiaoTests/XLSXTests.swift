import Foundation
import Testing

/// The workbook read back by an independent reader (Python's openpyxl): its sheets, the matrix
/// with coloured cells and frozen headers, every finding as a filterable row.
@Suite struct XLSXTests {
    static let check = """
    import sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    print("|".join(wb.sheetnames))
    m = wb[wb.sheetnames[1]]
    print(m.freeze_panes, m.max_row, m["A2"].value)
    cells = [c for row in m.iter_rows(min_row=2, min_col=3) for c in row if c.value]
    print(len(cells), len({c.fill.fgColor.rgb for c in cells}))
    f = wb[wb.sheetnames[2]]
    print(f.auto_filter.ref, f.freeze_panes, f.max_row - 1)
    print(sum(r[1].value or 0 for r in wb[wb.sheetnames[0]].iter_rows(min_row=5, max_row=13)))
    """

    /// Writes the examples' workbook and runs a Python script on it (its path is `sys.argv[1]`).
    static func read(_ script: String) throws -> (status: Int32, said: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duibiao-xlsx-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = dir.appendingPathComponent("检查结果.xlsx").path
        _ = try GoldenTests.run(FormatTests.examples + ["--format", "xlsx", "--output", book])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, book]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, said)
    }

    @Test func theWorkbookHoldsTheSummaryTheMatrixAndEveryFinding() throws {
        let (status, said) = try Self.read(Self.check)
        let lines = said.split(separator: "\n").map(String.init)
        try #require(status == 0 && lines.count == 5, "\(said)")
        #expect(lines[0] == "汇总|单位×规则|全部结果")
        // Headers frozen; the worst unit first (SW-014: ten rules failed).
        #expect(lines[1] == "C2 10 SW-014 市交通局党组", "\(lines[1])")
        let colours = lines[2].split(separator: " ").compactMap { Int($0) }
        #expect(colours.count == 2 && colours[0] > 100 && colours[1] >= 5, "\(lines[2])")
        // Every one of the 364 findings, with filters and the heading row frozen.
        #expect(lines[3] == "A1:M365 A2 364", "\(lines[3])")
        #expect(lines[4] == "364")
    }

    /// Every sheet as text (one line a row, cells by tab, a status cell's fill after it), held
    /// to a golden file like the other formats: the workbook itself is a zip and not readable.
    static let dump = """
    import sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    for ws in wb:
        print("== " + ws.title + " (freeze " + str(ws.freeze_panes) + ", filter " + str(ws.auto_filter.ref) + ")")
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = "" if c.value is None else str(c.value)
                rgb = c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None
                cells.append(v + ("[" + rgb[-6:] + "]" if isinstance(rgb, str) and v else ""))
            print("\t".join(cells).rstrip("\t"))
    """

    @Test func theWorkbookReadsAsItsGoldenFile() throws {
        let (status, text) = try Self.read(Self.dump)
        try #require(status == 0, "\(text)")
        GoldenTests.compare(folder: "check-examples-2019-10-15-xlsx", files: [("sheets.txt", text)])
    }

    @Test func aWorkbookIsNotPouredOntoATerminal() throws {
        let shown = try GoldenTests.onTerminal("check Examples/theme-education-2019 --rules Rules/theme-education-2019 --format xlsx")
        #expect(shown.contains("请用 --output 指定文件"), "\(shown.prefix(200))")
        #expect(!shown.contains("PK"))
    }
}
