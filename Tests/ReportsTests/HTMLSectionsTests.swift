import Testing
@testable import Reports

/// The ids of the HTML report's sections, made from a unit and its file on the checking threads.
@Suite struct HTMLSectionsTests {
    @Test func noTwoUnitsAndFilesShareAnAnchorAndEachIsASafeId() {
        let units: [String?] = [nil, "", "XZ-0051", "XZ_0051", "XZ-0051.f", "青县", "a b", "_2D", "-"]
        let files: [String?] = [nil, "", "a.yaml", "a_2Eyaml", "Examples/青县.yaml", "x\"y", ".f"]
        var seen: [String: (String?, String?)] = [:]
        for u in units {
            for f in files {
                let id = HTMLSections.anchor(unit: u, file: f)
                #expect(seen[id] == nil, "\(id): \(String(describing: u)), \(String(describing: f)) and \(String(describing: seen[id]))")
                seen[id] = (u, f)
                // Letters, digits, '-', '_' and '.': nothing an attribute, a link or CSS reads otherwise.
                #expect(id.utf8.allSatisfy { b in
                    (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D || b == 0x5F || b == 0x2E
                }, "\(id)")
            }
        }
        #expect(HTMLSections.anchor(unit: "XZ-0051", file: "a/b.yaml") == "suXZ-0051.fa_2Fb_2Eyaml")
        #expect(HTMLSections.anchor(unit: "青", file: nil) == "su_E9_9D_92")
    }
}
