import Engine

/// Units' sections of the HTML page, each finding that asks for attention with its quote and
/// the line it points at: made from the rules `begin` gave, on any thread, so a unit's own
/// section is made on its checking thread as the unit is done.
struct HTMLSections: FindingRenderer {
    let rules: [String: RuleInfo]
    /// A unit's section (`HTMLTemplates.unit`).
    var unit = HTMLTemplates.unit

    /// With rules and a template of its own: rendering counts references on both.
    func forAnotherThread(_ rules: [RuleInfo]) -> any FindingRenderer {
        HTMLSections(rules: Grouping.byID(rules) { $1 }, unit: template(HTMLTemplates.unitText))
    }

    /// A unit's own sections, each the first of its unit and file, so each with its anchor.
    func render(_ findings: [Finding], section: Section) -> RenderedBytes {
        var out = ""
        var last: (unit: String?, file: String?)?
        for group in Grouping.sections(findings, section) where !group.isEmpty {
            let first = group.first!
            // Sections of one file that differ only by the unit's name share the first's anchor.
            let anchored = last.map { $0.unit != first.unit || $0.file != first.file } ?? true
            last = (first.unit, first.file)
            out += render(group, section: section, anchored: anchored)
        }
        return RenderedBytes(Array(out.utf8))
    }

    /// One section; `anchored`: with the id its matrix row links to.
    func render(_ group: ArraySlice<Finding>, section: Section, anchored: Bool) -> String {
        let first = group.first!
        let anchor = anchored ? Self.anchor(unit: first.unit, file: first.file) : nil
        return unit.render(unitSection(group, heading: Grouping.heading(first, section), anchor: anchor))
    }

    /// The id of the section of a unit and file: `s`, then `u` and the unit, then `.f` and the
    /// file, each byte but ASCII letters, digits and `-` written as `_` and two hex digits. No
    /// two units and files share one, and it holds nothing an attribute or a link reads
    /// otherwise. It is the same in every run, whatever the order of the files.
    static func anchor(unit: String?, file: String?) -> String {
        var id: [UInt8] = [0x73]
        func add(_ text: String) {
            for b in text.utf8 {
                if (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D {
                    id.append(b)
                } else {
                    id += [0x5F, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]]
                }
            }
        }
        if let unit {
            id.append(0x75)
            add(unit)
        }
        if let file {
            id.append(contentsOf: ".f".utf8)
            add(file)
        }
        return String(decoding: id, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private func unitSection(_ group: ArraySlice<Finding>, heading: String, anchor: String?) -> [String: Any] {
        var counts = Summary()
        for f in group { counts.add(f) }
        let shown: [Fields] = group.filter { $0.status != .pass && Grouping.isShown($0) }.map { f in
            var finding = Fields([
                "status": Text(f.status.rawValue), "label": Text(ReportsText.label(f.status)), "rule": Text(f.rule),
                "title": Text(rules[f.rule]?.title ?? ""), "message": Text(f.message), "quoteLabel": Text(ReportsText.htmlQuote),
            ])
            finding["item"] = f.item.map(Text.init)
            finding["quote"] = rules[f.rule]?.quote.map(Text.init)
            if !f.locations.isEmpty {
                finding["location"] = Text(f.locations.prefix(3).map(\.description).joined(separator: "  ")
                    + (f.locations.count > 3 ? ReportsText.moreLocations(f.locations.count) : ""))
            }
            finding["excerpt"] = f.excerpt.map { l in Text(f.locations.first.map { "\($0.line) | " + l } ?? l) }
            return finding
        }
        return ["anchor": anchor.map(Text.init) ?? false, "heading": heading, "counts": ReportsText.counts(counts), "findings": shown,
                "allGood": ReportsText.nothingToFix]
    }
}
