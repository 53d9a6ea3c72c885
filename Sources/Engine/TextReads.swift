import CEL

/// Which text fields of a unit's records no rule reads: the decoder keeps them as their bytes
/// (`RecordField.text`), with no `String` made unless a message, a report or a record used
/// whole reads them. Only speed depends on it: a field kept as bytes reads as the same text.
enum TextReads {
    /// For each record spec with such fields, a flag per slot; empty when there are none.
    /// A list, not a table: a schema has a few such specs, and the decoder looks its record's
    /// up for every record.
    ///
    /// A field is read when any expression (a rule's, or a `required_when` condition) selects
    /// its name on any record, when it names records in findings (its type's `label:`, or
    /// `id`, `title`, `name`), or when the decoder itself checks the text (`enum`, `ref`).
    static func keptAsBytes(_ rules: [Rule], conditions: [CompiledExpression], schema: Schema) -> [(spec: ObjectIdentifier, mask: [Bool])] {
        var read: Set<String> = ["id", "title", "name"]
        // Child by child (`forEachChild`), not `children`, which makes an array at each node
        // of every rule.
        func walk(_ e: Expr) {
            if case .select(_, let field, _) = e.kind { read.insert(field) }
            e.forEachChild(walk)
        }
        for rule in rules {
            for e in rule.compiledExpressions { walk(e.program.expr) }
        }
        for c in conditions { walk(c.program.expr) }
        var out: [(spec: ObjectIdentifier, mask: [Bool])] = []
        for spec in schema.objects {
            let mask = zip(spec.names, spec.fields).map { name, field in
                if case .string = field.kind { field.allowed == nil && field.ref == nil && name != spec.labelField && !read.contains(name) } else { false }
            }
            if mask.contains(true) { out.append((ObjectIdentifier(spec), mask)) }
        }
        return out
    }
}
