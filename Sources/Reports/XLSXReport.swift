import CXLSX
import Engine
import Foundation

/// The workbook an office forwards, written with Debian's libxlsxwriter: a summary sheet, a
/// units × rules matrix coloured by status with frozen headers, and every finding as a row with
/// filters. Findings go to their sheet as they come (libxlsxwriter's constant-memory mode writes
/// each row out at once); the summary and the matrix, which need every unit, are kept as counts
/// and written at the end. A sheet holds at most 1,048,576 rows: findings go on to a next sheet.
public final class XLSXReport: FindingSink {
    private let rulesLabel: String
    private let emit: ([UInt8]) -> Bool
    private var header: RunHeader?
    private var rules: [String: RuleInfo] = [:]
    private var matrix = StatusMatrix(rules: [])
    private var facts: UnitFacts?
    private let path: String?
    private let workbook: UnsafeMutablePointer<lxw_workbook>?
    private var summarySheet: UnsafeMutablePointer<lxw_worksheet>?
    private var matrixSheet: UnsafeMutablePointer<lxw_worksheet>?
    private var findingSheet: UnsafeMutablePointer<lxw_worksheet>?
    private var findingSheets = 0
    private var row: UInt32 = 0
    private var bold: UnsafeMutablePointer<lxw_format>?
    private var statusFormats: [Status: UnsafeMutablePointer<lxw_format>] = [:]
    private var failure: String?
    private let rowsPerSheet: UInt32

    /// Excel's rows per sheet, and the longest text a cell holds.
    public static let maxRows: UInt32 = 1_048_576
    static let maxText = 32_000

    /// `rowsPerSheet` is Excel's limit; tests lower it to see findings go on to a next sheet.
    public init(rulesLabel: String, rowsPerSheet: UInt32 = XLSXReport.maxRows, _ emit: @escaping ([UInt8]) -> Bool) {
        self.rulesLabel = rulesLabel
        self.emit = emit
        self.rowsPerSheet = max(2, min(rowsPerSheet, Self.maxRows))
        // The library is opened now, not at every start (CXLSX): said if it is not installed.
        if let missing = cxlsx_load() {
            (path, workbook) = (nil, nil)
            failure = ReportsText.xlsxNoLibrary(String(cString: missing))
            return
        }
        // libxlsxwriter writes the workbook to a path: a file of our own, read back at the end.
        guard case .success(let file) = Paths.temporaryFile(in: NSTemporaryDirectory(), prefix: "duibiao-xlsx-") else {
            path = nil
            workbook = nil
            failure = ReportsText.xlsxNoTemp
            return
        }
        close(file.fd)
        let path = file.path
        self.path = path
        var options = lxw_workbook_options(constant_memory: UInt8(LXW_TRUE.rawValue), tmpdir: nil, use_zip64: UInt8(LXW_TRUE.rawValue))
        workbook = cxlsx_workbook_new_opt(path, &options)
        if workbook == nil { failure = ReportsText.xlsxNoTemp }
    }

    deinit {
        if let path { unlink(path) }
    }

    public var problem: String? { failure }

    public func begin(_ header: RunHeader) {
        self.header = header
        rules = Grouping.byID(header.rules) { $1 }
        matrix = StatusMatrix(rules: header.rules)
        guard let workbook else { return }
        bold = cxlsx_workbook_add_format(workbook)
        cxlsx_format_set_bold(bold)
        for s in Status.allCases {
            let f = cxlsx_workbook_add_format(workbook)
            cxlsx_format_set_bg_color(f, Self.colour(s))
            statusFormats[s] = f
        }
        // In this order in the workbook: what a reader opens first comes first.
        summarySheet = cxlsx_workbook_add_worksheet(workbook, ReportsText.xlsxSummarySheet)
        matrixSheet = cxlsx_workbook_add_worksheet(workbook, ReportsText.xlsxMatrixSheet)
        nextFindingSheet()
    }

    public func unit(_ facts: UnitFacts) { self.facts = facts }

    public func write(_ findings: [Finding], section: Section) {
        for group in Grouping.sections(findings, section) { matrix.add(group, facts: facts) }
        facts = nil
        guard workbook != nil else { return }
        for f in findings {
            if row >= rowsPerSheet { nextFindingSheet() }
            let cells: [String?] = [f.unit, f.unitName, f.file, f.rule, f.implements.joined(separator: ","), rules[f.rule]?.title,
                                    ReportsText.label(f.status), f.severity == .error ? ReportsText.xlsxError : ReportsText.xlsxWarning,
                                    f.message, f.item, f.due?.description, f.doneOn?.description,
                                    f.locations.map(\.description).joined(separator: " ")]
            for (c, text) in cells.enumerated() {
                guard let text, !text.isEmpty else { continue }
                put(findingSheet, row, UInt16(c), text, c == 6 ? statusFormats[f.status] : nil)
            }
            row += 1
        }
    }

    public func end(_ summary: Summary) {
        guard let workbook, let header, let path else { return }
        finishFindingSheet()
        writeSummary(header, summary)
        writeMatrix()
        let closed = cxlsx_workbook_close(workbook)
        guard closed == LXW_NO_ERROR else {
            failure = ReportsText.xlsxFailed(String(cString: cxlsx_strerror(closed)))
            return
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            failure = ReportsText.xlsxNoTemp
            return
        }
        defer { try? handle.close() }
        while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty {
            guard emit([UInt8](data)) else { return }
        }
    }

    private func nextFindingSheet() {
        finishFindingSheet()
        findingSheets += 1
        let name = findingSheets == 1 ? ReportsText.xlsxFindingsSheet : ReportsText.xlsxFindingsSheetMore(findingSheets)
        findingSheet = cxlsx_workbook_add_worksheet(workbook, name)
        let headings = ReportsText.xlsxFindingColumns
        for (c, h) in headings.enumerated() { put(findingSheet, 0, UInt16(c), h, bold) }
        for (c, width) in [10.0, 16, 28, 30, 8, 30, 9, 6, 60, 18, 11, 11, 36].enumerated() {
            cxlsx_worksheet_set_column(findingSheet, UInt16(c), UInt16(c), width, nil)
        }
        cxlsx_worksheet_freeze_panes(findingSheet, 1, 0)
        row = 1
    }

    /// Filters over the sheet's rows, now that its last row is known.
    private func finishFindingSheet() {
        guard let findingSheet else { return }
        cxlsx_worksheet_autofilter(findingSheet, 0, 0, max(0, row - 1), UInt16(ReportsText.xlsxFindingColumns.count - 1))
    }

    private func writeSummary(_ header: RunHeader, _ summary: Summary) {
        guard let sheet = summarySheet else { return }
        put(sheet, 0, 0, ReportsText.htmlTitle, bold)
        put(sheet, 1, 0, ReportsText.heading(asOf: header.asOf, rules: rulesLabel, ruleFiles: header.ruleFiles.count, files: header.files), nil)
        put(sheet, 3, 0, ReportsText.markdownColumns["status"]!, bold)
        put(sheet, 3, 1, ReportsText.markdownColumns["count"]!, bold)
        var r: UInt32 = 4
        for (status, count) in summary.rows {
            put(sheet, r, 0, ReportsText.label(status), statusFormats[status])
            cxlsx_worksheet_write_number(sheet, r, 1, Double(count), nil)
            r += 1
        }
        r += 1
        put(sheet, r, 0, ReportsText.xlsxUnitCount(matrix.rows.count), nil)
        cxlsx_worksheet_set_column(sheet, 0, 0, 16, nil)
        cxlsx_worksheet_set_column(sheet, 1, 1, 10, nil)
    }

    private func writeMatrix() {
        guard let sheet = matrixSheet else { return }
        let columns = matrix.columns
        put(sheet, 0, 0, ReportsText.htmlUnitColumn, bold)
        put(sheet, 0, 1, ReportsText.xlsxParentColumn, bold)
        for (c, r) in columns.enumerated() { put(sheet, 0, UInt16(c + 2), r.id, bold) }
        cxlsx_worksheet_set_column(sheet, 0, 0, 22, nil)
        cxlsx_worksheet_set_column(sheet, 2, UInt16(columns.count + 1), 5, nil)
        cxlsx_worksheet_freeze_panes(sheet, 1, 2)
        for (i, r) in matrix.worstFirst().prefix(Int(Self.maxRows) - 1).enumerated() {
            let y = UInt32(i + 1)
            put(sheet, y, 0, r.label, nil)
            if let p = r.parent { put(sheet, y, 1, p, nil) }
            for c in columns.indices {
                guard let s = r.status(c) else { continue }
                put(sheet, y, UInt16(c + 2), TextReport.mark(s), statusFormats[s])
            }
        }
    }

    /// A text cell; text from files is cut to what a cell holds and control characters shown.
    private func put(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ r: UInt32, _ c: UInt16, _ text: String,
                     _ format: UnsafeMutablePointer<lxw_format>?) {
        var t = TerminalText.safe(text)
        if t.count > Self.maxText { t = String(t.prefix(Self.maxText)) + "…" }
        let result = cxlsx_worksheet_write_string(sheet, r, c, t, format)
        if result != LXW_NO_ERROR, failure == nil { failure = ReportsText.xlsxFailed(String(cString: cxlsx_strerror(result))) }
    }

    /// The fill of a status, as the HTML report colours it.
    static func colour(_ s: Status) -> lxw_color_t {
        switch s {
        case .pass: 0xDAFBE1
        case .fail, .error, .invalid, .missing: 0xFFD8D3
        case .warn: 0xFFF1C2
        case .pending: 0xDDF4FF
        case .waived: 0xEADCFF
        case .notApplicable: 0xF6F8FA
        }
    }
}
