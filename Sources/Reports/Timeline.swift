import Engine

/// The HTML report's timeline as drawing data: a lane per deadline rule, its due dates as red
/// lines and the days things were done as dots sized by how many, on one axis of days.
struct Timeline {
    static let width = 1000
    static let left = 220
    static let right = 980
    static let laneHeight = 26
    static let top = 28

    let data: [String: Any]

    init(lanes: [String: HTMLReport.Lane], rules: [RuleInfo], asOf: Day) {
        let ordered = rules.filter { lanes[$0.id] != nil }
        var days: [Int32] = [asOf.number]
        for r in ordered {
            let l = lanes[r.id]!
            days += Array(l.dues.keys) + Array(l.onTime.keys) + Array(l.late.keys)
        }
        let lo = days.min()!, hi = max(days.max()!, lo + 1)
        func x(_ day: Int32) -> Int { Self.left + Int(Double(day - lo) / Double(hi - lo) * Double(Self.right - Self.left)) }
        func radius(_ n: Int) -> Int { min(9, 2 + Int(Double(n).squareRoot())) }
        let bottom = Self.top + ordered.count * Self.laneHeight + 4
        var lanesOut: [[String: Any]] = []
        for (i, r) in ordered.enumerated() {
            let l = lanes[r.id]!
            let y = Self.top + i * Self.laneHeight + Self.laneHeight / 2
            let dues = l.dues.sorted { $0.key < $1.key }.map { day, n -> [String: Any] in
                ["x": x(day), "top": y - 9, "bottom": y + 9, "title": ReportsText.htmlDue(r.id, Day(number: day).chinese, n)]
            }
            let dones = (l.onTime.map { ($0.key, $0.value, false) } + l.late.map { ($0.key, $0.value, true) })
                .sorted { ($0.0, $0.2 ? 1 : 0) < ($1.0, $1.2 ? 1 : 0) }
                .map { day, n, late -> [String: Any] in
                    ["x": x(day), "y": y, "r": radius(n), "fill": late ? "#cf222e" : "#2da44e",
                     "title": ReportsText.htmlDone(r.id, Day(number: day).chinese, n, late: late)]
                }
            lanesOut.append(["name": String(r.id.prefix(34)), "textY": y + 4, "y": y, "left": Self.left, "right": Self.right,
                             "dues": dues, "dones": dones])
        }
        // About eight ticks, on the first of a month when the span is long enough.
        var ticks: [[String: Any]] = []
        let step = max(1, Int(hi - lo) / 8)
        var d = lo
        while d <= hi {
            ticks.append(["x": x(d), "label": Day(number: d).description, "bottom": bottom])
            d += Int32(step)
        }
        data = [
            "width": Self.width, "height": bottom + 22, "lanes": lanesOut, "ticks": ticks,
            "asOf": ["x": x(asOf.number), "bottom": bottom, "labelY": bottom + 16, "label": asOf.chinese],
        ]
    }
}
