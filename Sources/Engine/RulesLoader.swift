import CEL
import Foundation
import YAML

/// Rules that could not be loaded: every located problem, in file order.
public struct RulesError: Error, Sendable {
    public let diagnostics: [Diagnostic]
}

/// Loads rules files (the office's) into a checked `RuleSet`, or every problem found.
public enum RulesLoader {
    static let topKeys = ["duibiao", "campaign", "applies_to", "values", "schema", "rules", "waivers", "expected_units", "limits"]
    static let ruleKeys = ["id", "implements", "title", "quote", "applies_to", "severity", "scope", "for_each",
                           "group_by", "label", "for_unit", "value", "expect", "done_on", "due", "tolerance", "message"]
    static let waiverKeys = ["unit", "rule", "item", "reason", "approver", "expires"]
    static let expectedUnitKeys = ["id", "name"]
    static let campaignKeys = ["id", "title", "source", "period"]
    /// More diagnostics than this are cut: the first ones are what to fix first.
    static let maxDiagnostics = 200

    /// The rule sets the paths hold. A folder with rules files directly in it is one set (its
    /// subfolders included); a folder with none, only subfolders of rules, holds one set per
    /// subfolder (`Rules/` with a folder per campaign). Files named directly form one set.
    public static func sets(_ paths: [String]) -> [[String]] {
        var sets: [[String]] = []
        var loose: [String] = []
        for path in paths {
            guard Paths.isFolder(path), let names = try? Paths.list(path), !names.contains(where: isRulesFile) else {
                loose.append(path)
                continue
            }
            let subfolders = names.sorted().filter { !$0.hasPrefix(".") }
                .map { path.hasSuffix("/") ? path + $0 : "\(path)/\($0)" }
                .filter { Paths.isFolder($0) && !Paths.expand([$0], extensions: ["yaml", "yml"]).isEmpty }
            if subfolders.isEmpty { loose.append(path) } else { sets += subfolders.map { [$0] } }
        }
        if !loose.isEmpty { sets.insert(loose, at: 0) }
        return sets
    }

    private static func isRulesFile(_ name: String) -> Bool {
        let ext = Paths.nameExtension(name)
        return !name.hasPrefix(".") && (ext == "yaml" || ext == "yml")
    }

    /// The folder of a rule set that holds its test cases (`duibiao test`), not rules.
    public static let testsFolder = "tests"

    /// Loads rules from files and folders (folders: every `*.yaml`/`*.yml` below, sorted,
    /// except the test cases in a `tests` folder). `projected` as for `load(sources:projected:)`.
    public static func load(paths: [String], projected: Bool = true) throws(RulesError) -> RuleSet {
        let expanded = files(paths)
        if expanded.isEmpty {
            let place = paths.first ?? "."
            throw RulesError(diagnostics: [Diagnostic("rules.none", EngineText.noRulesFiles(place), at: Location(file: place, line: 1, column: 1))])
        }
        return try load(sources: expanded.map { ($0, try? Paths.read($0).get()) }, projected: projected)
    }

    /// The rules files the paths name: folders give every `*.yaml`/`*.yml` below them, sorted,
    /// except those in a `tests` folder (rule test cases).
    public static func files(_ paths: [String]) -> [String] {
        paths.flatMap { path in
            Paths.expand([path], extensions: ["yaml", "yml"]).filter { file in
                !Paths.isFolder(path) || !file.dropFirst(path.count).split(separator: "/").dropLast().contains(Substring(testsFolder))
            }
        }
    }

    /// Loads rules from file contents already read (nil: the file could not be read).
    /// `projected: false` keeps every field of the campaign's records (`RuleSet.withWholeRecords`);
    /// `functions`: the CEL functions the rules call (`FunctionTable.fresh()` for a copy of its own).
    public static func load(sources: [(path: String, bytes: [UInt8]?)], projected: Bool = true,
                            functions: FunctionTable = .standard) throws(RulesError) -> RuleSet {
        var diagnostics: [Diagnostic] = []
        var files: [(SourceText, Mapping)] = []
        for (path, bytes) in sources {
            guard let bytes else {
                diagnostics.append(Diagnostic("rules.read", EngineText.cannotRead(path), at: Location(file: path, line: 1, column: 1)))
                continue
            }
            let source = SourceText(path: path, bytes: bytes)
            do {
                let node = try Composer.compose(bytes: bytes)
                guard case .mapping(let m) = node else {
                    diagnostics.append(source.diagnostic("rules.shape", EngineText.rulesFileMustBeMapping, at: node.mark))
                    continue
                }
                files.append((source, m))
            } catch {
                diagnostics.append(source.diagnostic(error.code, error.message, at: error.mark))
            }
        }
        var builder = RuleSetBuilder(files: files, projects: projected, functions: functions)
        let set = builder.build()
        diagnostics += builder.diagnostics
        // Warnings alone do not stop the load; with an error they are shown beside it.
        guard !diagnostics.contains(where: { !$0.isWarning }), let set else {
            let sorted = diagnostics.sorted { $0.location < $1.location }
            throw RulesError(diagnostics: Array(sorted.prefix(maxDiagnostics)))
        }
        set.warnings = Array(diagnostics.sorted { $0.location < $1.location }.prefix(maxDiagnostics))
        set.sources = sources
        return set
    }
}

/// The steps of loading, in order: schema, values, environments, rules, waivers, roster.
struct RuleSetBuilder {
    let files: [(SourceText, Mapping)]
    /// Whether campaign rules read records of only the fields they read (`CampaignProjection`,
    /// `SubmissionProjection`); off, every field is kept.
    let projects: Bool
    /// The functions every environment of the rules has.
    let functions: FunctionTable
    var diagnostics: [Diagnostic] = []

    init(files: [(SourceText, Mapping)], projects: Bool = true, functions: FunctionTable = .standard) {
        (self.files, self.projects, self.functions) = (files, projects, functions)
    }

    /// The variables a rule binds anew for each item or group it judges (`Env.varying`).
    static let perItem: Set<String> = ["it", "value", "group", "key"]

    mutating func build() -> RuleSet? {
        for (source, m) in files { checkTopLevel(source, m) }
        guard let (schemaSource, schema, conditionsToCompile) = loadSchema() else { return nil }
        let (values, valuesType) = loadValues()
        var campaignTypes = CampaignTypes(schema: schema)
        var common: [String: CELType] = ["values": .object(valuesType), "as_of": .date]
        var unitVariables = common.merging(zip(schema.root.names, schema.root.fields.map(\.celType)).map { ($0, $1) }) { a, _ in a }
        unitVariables["dated_records"] = .list(.object(schema.datedRecordType))
        // Every evaluation binds `values` to this object: its fields are read into the rules.
        let constants: [String: Value] = ["values": .object(values)]
        let unitEnv = Env(variables: unitVariables, functions: functions, constants: constants, varying: Self.perItem)
        common["all"] = .object(campaignTypes.all)
        let campaignEnv = Env(variables: common, functions: functions, constants: constants, varying: Self.perItem)

        var conditions: [String: [(String, CompiledExpression)]] = [:]
        let literals = LiteralChecks(schema: schema, campaignTypes: campaignTypes)
        var compiler = ExpressionCompiler(source: schemaSource, literals: literals)
        for c in conditionsToCompile {
            let env = Env(variables: ["it": .object(c.object.type), "values": .object(valuesType), "as_of": .date], functions: functions,
                          constants: constants, varying: Self.perItem)
            if let e = compiler.compile(c.text, env, expecting: [.bool]) {
                conditions[c.object.path, default: []].append((c.field, e))
            }
        }
        diagnostics += compiler.diagnostics

        var rules: [Rule] = []
        var seen: [String: Location] = [:]
        var waivers: [Waiver] = []
        var expected: [ExpectedUnit] = []
        var sourceDocument: CampaignSource?
        var campaignItems: [(source: SourceText, item: Node)] = []
        for (source, m) in files {
            var ruleLoader = RuleLoader(source: source, unitEnv: unitEnv, campaignEnv: campaignEnv, rootNames: schema.root.names + ["dated_records"], literals: literals)
            ruleLoader.loadCampaign(m["campaign"])
            let fileApplies = m["applies_to"].flatMap { ruleLoader.fileAppliesTo($0) }
            if let list = m["rules"] {
                guard case .sequence(let seq) = list else {
                    report(source, "rules.shape", EngineText.mustBeList("rules"), list.mark)
                    continue
                }
                for item in seq.items {
                    guard let rule = ruleLoader.load(item, fileAppliesTo: fileApplies) else { continue }
                    if rule.scope == .campaign { campaignItems.append((source, item)) }
                    if let first = seen[rule.id] {
                        report(source, "rules.duplicate-id", EngineText.duplicateRule(rule.id, first), item.mapping?["id"]?.mark ?? item.mark)
                        continue
                    }
                    seen[rule.id] = rule.location
                    rules.append(rule)
                }
            }
            diagnostics += ruleLoader.diagnostics
            if sourceDocument == nil, let seed = ruleLoader.seed, let path = ruleLoader.seedPath {
                sourceDocument = CampaignSource(path: Paths.normalized(path), text: seed.text)
            }
            waivers += loadWaivers(source, m["waivers"])
            expected += loadExpected(source, m["expected_units"], unit: schema.unitSpec, identity: schema.identity)
        }
        checkWaiverTargets(waivers, rules: rules, roster: expected)
        let limits = loadLimits()
        guard !diagnostics.contains(where: { !$0.isWarning }) else { return nil }
        // Checked against every field (so mistakes are named with every field to suggest), the
        // campaign rules are compiled again against items of only the fields they read.
        let keep = projects ? CampaignProjection.fields(rules, campaignTypes, labels: schema.labels(campaignTypes)) : [:]
        let projected = CampaignTypes(schema: schema, keep: keep)
        if !projected.kept.isEmpty {
            common["all"] = .object(projected.all)
            let projectedLiterals = LiteralChecks(schema: schema, campaignTypes: projected)
            var recompiled: [String: Rule] = [:]
            for (source, item) in campaignItems {
                var loader = RuleLoader(source: source, unitEnv: unitEnv, campaignEnv: Env(variables: common, functions: functions, constants: constants, varying: Self.perItem),
                                        rootNames: schema.root.names + ["dated_records"], literals: projectedLiterals)
                if let rule = loader.load(item, fileAppliesTo: nil), !loader.diagnostics.contains(where: { !$0.isWarning }) {
                    recompiled[rule.id] = rule
                }
            }
            // Only when every campaign rule compiles against the projection (it always should).
            if recompiled.count == campaignItems.count {
                rules = rules.map { recompiled[$0.id] ?? $0 }
                campaignTypes = projected
            }
        }
        let campaignLists = CampaignReads.lists(rules, all: campaignTypes.all)
        if projects, campaignLists.contains("submissions") {
            campaignTypes.submissionMasks = SubmissionProjection.masks(rules, schema: schema, all: campaignTypes.all,
                                                                       labels: schema.labels(campaignTypes))
        }
        return RuleSet(limits: limits, files: files.map { RulesFile(path: $0.0.path, sha256: SHA256.hex($0.0.bytes)) },
                       schema: schema, values: values, rules: rules, waivers: waivers, expectedUnits: expected,
                       roster: Dictionary(expected.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
                       labels: schema.labels(campaignTypes),
                       campaignLists: campaignLists,
                       campaignRecordLists: schema.recordLists.map(\.name).filter(campaignLists.contains),
                       conditions: conditions.mapValues { $0.map { (field: $0.0, condition: $0.1) } },
                       campaignTypes: campaignTypes,
                       // Any use counts, `applies_to` and message holes included: unbound, it would fail.
                       usesDatedRecords: rules.contains { rule in
                           !Reads.paths(in: rule.compiledExpressions.map(\.program.expr), roots: ["dated_records"]).isEmpty
                       }, source: sourceDocument)
    }

    private mutating func checkTopLevel(_ source: SourceText, _ m: Mapping) {
        for (key, _) in m.entries where !RulesLoader.topKeys.contains(key.value) {
            report(source, "rules.key", EngineText.unknownKey(key.value, Suggest.closest(key.value, in: RulesLoader.topKeys)), key.mark)
        }
        if let v = m["duibiao"] {
            if v.scalar?.value != "1" { report(source, "rules.version", EngineText.badVersion(v.scalar?.value ?? ""), v.mark) }
        } else {
            report(source, "rules.version", EngineText.missingVersion, m.mark)
        }
    }

    private mutating func loadSchema() -> (SourceText, Schema, [(object: ObjectSpec, field: String, text: Scalar)])? {
        let withSchema = files.filter { $0.1["schema"] != nil }
        guard let (source, m) = withSchema.first else {
            if let (source, m) = files.first {
                // One file of a rule set checked alone: the schema is usually its neighbour's.
                let folder = (source.path as NSString).deletingLastPathComponent
                let siblings = Paths.expand([folder.isEmpty ? "." : folder], extensions: ["yaml", "yml"])
                let name = (source.path as NSString).lastPathComponent
                let alone = files.count == 1 && siblings.contains { ($0 as NSString).lastPathComponent != name }
                report(source, "rules.schema", alone ? EngineText.noSchemaLintFolder(folder.isEmpty ? "." : folder) : EngineText.noSchema, m.mark)
            }
            return nil
        }
        for (other, om) in withSchema.dropFirst() {
            report(other, "rules.schema", EngineText.secondSchema(source.path), om.keyScalar("schema")!.mark)
        }
        var loader = SchemaLoader(source: source)
        let schema = loader.load(m["schema"]!)
        diagnostics += loader.diagnostics
        guard let schema else { return nil }
        return (source, schema, loader.conditions)
    }

    private mutating func loadValues() -> (CELObject, ObjectType) {
        var all: [(String, Value, CELType)] = []
        var seen: [String: Location] = [:]
        for (source, m) in files {
            guard let node = m["values"] else { continue }
            guard case .mapping(let vm) = node else {
                report(source, "values.shape", EngineText.mustBeMapping("values"), node.mark)
                continue
            }
            var loader = ValuesLoader(source: source)
            for (i, field) in loader.fields(vm, path: "values").enumerated() {
                let key = vm.entries[i].key
                if let first = seen[field.0] {
                    report(source, "values.duplicate", EngineText.duplicateValue(field.0, first), key.mark)
                    continue
                }
                seen[field.0] = Location(file: source.path, key.mark)
                all.append(field)
            }
            diagnostics += loader.diagnostics
        }
        let type = ObjectType(name: "values", fields: all.map { ($0.0, $0.2) })
        return (CELObject.make(type: type, fields: all.map(\.1)), type)
    }

    /// `limits:` (see `RuleLimits.keys`), at most once across the files.
    private mutating func loadLimits() -> RuleLimits {
        var limits = RuleLimits()
        var first: String?
        for (source, m) in files {
            guard let node = m["limits"] else { continue }
            if let first {
                report(source, "limits.duplicate", EngineText.secondLimits(first), node.mark)
                continue
            }
            first = source.path
            guard let lm = node.mapping else {
                report(source, "limits.shape", EngineText.mustBeMapping("limits"), node.mark)
                continue
            }
            checkKeys(source, lm, allowed: RuleLimits.keys.map(\.key), code: "limits.key", EngineText.unknownLimitsKey)
            for (key, path) in RuleLimits.keys {
                guard let c = lm[key] else { continue }
                if let n = c.scalar.flatMap({ Int($0.value.replacingOccurrences(of: "_", with: "")) }), n > 0 {
                    limits[keyPath: path] = n
                } else {
                    report(source, "limits.\(key)", EngineText.badLimit(key, c.scalar?.value ?? ""), c.mark)
                }
            }
        }
        return limits
    }

    private mutating func loadWaivers(_ source: SourceText, _ node: Node?) -> [Waiver] {
        guard let node else { return [] }
        guard case .sequence(let seq) = node else {
            report(source, "waivers.shape", EngineText.mustBeList("waivers"), node.mark)
            return []
        }
        var out: [Waiver] = []
        for item in seq.items {
            guard case .mapping(let w) = item else {
                report(source, "waivers.shape", EngineText.mustBeMapping("waivers 的每一项"), item.mark)
                continue
            }
            // An unknown key is a slip that changes meaning (`expire:` never expires): refused.
            checkKeys(source, w, allowed: RulesLoader.waiverKeys, code: "waivers.key", EngineText.unknownWaiverKey)
            let fields = ["unit", "rule", "reason", "approver"]
            let missing = fields.filter { w[$0]?.scalar == nil }
            if !missing.isEmpty {
                report(source, "waivers.field", EngineText.waiverMissing(missing), w.mark)
                continue
            }
            var expires: CELDate?
            if let e = w["expires"]?.scalar {
                expires = CELDate.parse(e.value)
                if expires == nil { report(source, "waivers.date", EngineText.notADate(e.value), e.mark) }
            }
            out.append(Waiver(unit: w["unit"]!.scalar!.value, rule: w["rule"]!.scalar!.value, item: w["item"]?.scalar?.value,
                              reason: w["reason"]!.scalar!.value, approver: w["approver"]!.scalar!.value,
                              expires: expires, location: Location(file: source.path, w.mark),
                              ruleMark: w["rule"]!.mark, unitMark: w["unit"]!.mark, source: source))
        }
        return out
    }

    /// Every waiver must name a rule that exists, and a unit on the roster when there is one:
    /// a slip in either waives nothing, silently.
    private mutating func checkWaiverTargets(_ waivers: [Waiver], rules: [Rule], roster: [ExpectedUnit]) {
        let ids = rules.map(\.id)
        let known = Set(ids)
        let units = Set(roster.map(\.id))
        for w in waivers {
            if !known.contains(w.rule) {
                report(w.source, "waivers.rule", EngineText.unknownWaiverRule(w.rule, Suggest.closest(w.rule, in: ids)), w.ruleMark)
            }
            if !units.isEmpty, !units.contains(w.unit) {
                report(w.source, "waivers.unit", EngineText.unknownWaiverUnit(w.unit, Suggest.closest(w.unit, in: roster.map(\.id))), w.unitMark)
            }
        }
    }

    /// Reports each key of `m` that is not `allowed`, with the nearest allowed key as a hint.
    private mutating func checkKeys(_ source: SourceText, _ m: Mapping, allowed: [String], code: String,
                                    _ message: (String, String?) -> String) {
        for (key, _) in m.entries where !allowed.contains(key.value) {
            report(source, code, message(key.value, Suggest.closest(key.value, in: allowed)), key.mark)
        }
    }

    private mutating func loadExpected(_ source: SourceText, _ node: Node?, unit unitSpec: ObjectSpec?, identity: UnitIdentity) -> [ExpectedUnit] {
        guard let node else { return [] }
        guard case .sequence(let seq) = node else {
            report(source, "expected.shape", EngineText.mustBeList("expected_units"), node.mark)
            return []
        }
        // An entry may carry any field of the schema's unit record, typed as a submission's would be.
        let allowed = unitSpec?.names ?? RulesLoader.expectedUnitKeys
        var out: [ExpectedUnit] = []
        for item in seq.items {
            if let s = item.scalar {
                out.append(ExpectedUnit(id: s.value, name: nil, location: Location(file: source.path, s.mark)))
            } else if let m = item.mapping, let id = m[identity.id]?.scalar {
                checkKeys(source, m, allowed: allowed, code: "expected.key") { EngineText.unknownExpectedUnitKey($0, $1, allowed) }
                var entry = ExpectedUnit(id: id.value, name: m[identity.name]?.scalar?.value, location: Location(file: source.path, m.mark))
                for (key, value) in m.entries where key.value != identity.id && key.value != identity.name {
                    guard let spec = unitSpec?.field(key.value) else { continue }
                    guard let text = value.scalar else {
                        report(source, "expected.value", EngineText.mustBeText("expected_units.\(key.value)"), value.mark)
                        continue
                    }
                    let (v, problem) = ScalarDecoder.decode(text.value, as: spec.kind, origin: nil)
                    if let problem { report(source, "expected.value", problem, text.mark); continue }
                    if let allowed = spec.allowed, !allowed.contains(text.value) {
                        report(source, "expected.value", EngineText.notAllowed(text.value, allowed), text.mark)
                        continue
                    }
                    if let v { entry.fields.append((key.value, v)) }
                }
                out.append(entry)
            } else {
                report(source, "expected.shape", EngineText.expectedUnitShape, item.mark)
            }
        }
        return out
    }

    private mutating func report(_ source: SourceText, _ code: String, _ message: String, _ mark: Mark) {
        diagnostics.append(source.diagnostic(code, message, at: mark))
    }
}
