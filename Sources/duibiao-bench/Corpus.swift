import Foundation

/// Synthetic submissions of about 5 KB, written to the shipped schema, varied by a seed so
/// that rules pass and fail in different places.
enum Corpus {
    static let names = ["张三", "李四", "王五", "赵六", "钱七", "孙八"]
    static let sites = ["石桥村", "东岗村", "柳河村", "青石镇", "南湾村", "北坡村", "西岭村"]

    /// Submission `n` of `count` as `submission(_:)` writes it, but its first problem sent up
    /// to the next unit (`escalated_to`), which claims it when `n` is even: every unit's
    /// problem looked for among every unit's claims (`escalated-problems-claimed`).
    static func joining(_ n: Int, of count: Int) -> String {
        var y = submission(n).replacingOccurrences(of: "    - {id: P1, ", with: "    - {id: P1, escalated_to: U-\((n + 1) % count), ")
        let from = (n + count - 1) % count
        if from % 2 == 0 {
            y = y.replacingOccurrences(of: "  problems:\n", with: "  claimed_problems:\n    - {from_unit: U-\(from), problem: P1, date: 2019-10-08}\n  problems:\n")
        }
        return y
    }

    static func submission(_ n: Int) -> String {
        var r = n &* 2654435761 & 0x7fffffff
        func next(_ bound: Int) -> Int { r = (r &* 1103515245 &+ 12345) & 0x7fffffff; return r % bound }
        let members = Array(names.prefix(3 + next(3)))
        let kind = ["county", "township", "township", "branch"][next(4)]
        func date(_ month: Int, _ day: Int) -> String { "2019-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)" }
        var y = """
        unit:
          id: U-\(n)
          name: 第\(n)号单位党委
          kind: \(kind)
          batch: 2
        members:

        """
        for (i, m) in members.enumerated() { y += "  - {name: \(m), role: \(i == 0 ? "书记" : "委员")}\n" }
        y += "records:\n  study_sessions:\n"
        for i in 0..<(3 + next(4)) {
            y += "    - {date: \(date(9 + i / 3, 2 + 7 * (i % 3) + next(5))), days: \(1 + next(2)), format: \(["读书班", "中心组学习", "交流研讨"][next(3)]), topic: 专题\(["一", "二", "三", "四"][i % 4]), attendees: [\(members.joined(separator: ", "))], speakers: [\(members[next(members.count)])]}\n"
        }
        y += "  self_study:\n"
        for m in members {
            y += "    - {member: \(m), material: 《习近平新时代中国特色社会主义思想学习纲要》, date: \(date(9, 10 + next(15)))}\n"
        }
        y += "  research_plans:\n    - {date: \(date(9, 5 + next(8))), scope: 班子}\n  research_topics:\n"
        for (i, m) in members.enumerated() {
            y += "    - id: T\(i + 1)\n      owner: \(m)\n      title: 关于第\(i + 1)项工作的调研\n      steps:\n"
            y += "        - {step: 个人选题, date: \(date(9, 2))}\n        - {step: 书记统筹, date: \(date(9, 4))}\n        - {step: 精准定题, date: \(date(9, 6 + next(6)))}\n"
        }
        y += "  research_visits:\n"
        for (i, m) in members.enumerated() {
            y += "    - {member: \(m), topic: T\(i + 1), site: \(sites[next(sites.count)]), date: \(date(9, 16 + next(12))), method: \(["蹲点跟班", "分层座谈", "访谈问计"][next(3)])}\n"
        }
        y += "  research_reports:\n"
        for (i, m) in members.enumerated() { y += "    - {topic: T\(i + 1), owner: \(m), date: \(date(10, 5 + next(12))), title: 调研报告\(i + 1)}\n" }
        y += "  exchange_meetings:\n    - {date: \(date(10, 14 + next(14)))}\n  party_lectures:\n"
        for m in members { y += "    - {speaker: \(m), date: \(date(10, 20 + next(11)))}\n" }
        y += "  opinions:\n    - {channel: 意见箱, date: \(date(9, 10)), count: 12}\n    - {channel: 座谈会, date: \(date(9, 12)), count: 3}\n  problems:\n"
        for i in 0..<(2 + next(3)) {
            y += "    - {id: P\(i + 1), found: \(date(9, 10 + i)), source: \(["个人找", "群众提", "集体议", "上级点"][i % 4]), aspect: \(["思想", "政治", "作风", "廉政"][next(4)]), description: 问题描述\(i + 1), cause: 根源剖析, rectification: 立行立改, measures: 整改措施, deadline: \(date(10, 30)), status: 已完成, completed: \(date(10, 1 + next(28)))}\n"
        }
        y += "  special_rectifications:\n    - {item: 领导人员利用特殊资源谋取私利, status: 整改中}\n"
        y += "  publications:\n    - {date: \(date(11, 20)), channel: 政务公开栏, content: 整改落实情况}\n"
        y += "  meetings:\n    - {type: \(kind == "branch" ? "专题组织生活会" : "专题民主生活会"), date: \(date(11, 10 + next(20)))}\n"
        return y
    }
}
