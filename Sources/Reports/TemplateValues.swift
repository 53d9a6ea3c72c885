import Mustache

/// A text a template writes (escaped as its document kind says). The template engine asks a
/// value of unknown type what it is, cast by cast, at every use; it takes this one at its
/// second question, where a `String` takes its seventh.
struct Text: MustacheCustomRenderable {
    let renderText: String
    var isNull: Bool { false }
    init(_ text: String) { renderText = text }
}

/// A record a template reads fields of, per finding or per cell: a name it does not hold is
/// false, never looked for in the records around it, so a record needs no key for a section it
/// lacks (a variable it lacks would be written as `false`: give it a text, empty if need be).
struct Fields: MustacheParent {
    private var fields: [String: Any]
    init(_ fields: [String: Any]) { self.fields = fields }

    subscript(name: String) -> Any? {
        get { fields[name] }
        set { fields[name] = newValue }
    }

    func child(named name: String) -> Any? { fields[name] ?? false }
}
