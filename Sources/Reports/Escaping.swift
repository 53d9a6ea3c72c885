import Engine
import Mustache

/// How text from files is made safe inside each kind of document the templates write.
/// Registered once with the template engine under the names the templates' pragmas use.
enum Escaping {
    /// Registers the content types; templates name them with `{{% CONTENT_TYPE: XML}}` etc.
    static let registered: Void = {
        MustacheContentTypes.register(XMLText(), named: "XML")
        MustacheContentTypes.register(MarkdownCell(), named: "MARKDOWN")
    }()

    /// XML 1.0 text and attribute values: markup characters as entities, line breaks and tabs
    /// as character references (so they survive in attributes), and characters XML forbids
    /// (other controls) shown as `\u{1B}`, as the terminal report shows them.
    struct XMLText: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for c in text.unicodeScalars {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                case "\n": out += "&#10;"
                case "\r": out += "&#13;"
                case "\t": out += "&#9;"
                default:
                    if c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.value == 0xFFFE || c.value == 0xFFFF {
                        out += TerminalText.escaped(c)
                    } else {
                        out.unicodeScalars.append(c)
                    }
                }
            }
            return out
        }
    }

    /// A cell of a Markdown table: nothing a unit writes can end the cell, start markup or
    /// inject HTML; a line break becomes `<br>`.
    struct MarkdownCell: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var out = ""
            for c in text.unicodeScalars {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\n": out += "<br>"
                case "\r": break
                case "|", "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(c)
                default: out += TerminalText.isUnsafe(c) ? TerminalText.escaped(c) : String(c)
                }
            }
            return out
        }
    }
}

/// A template of this module's, parsed once.
func template(_ text: String) -> MustacheTemplate {
    Escaping.registered
    // The templates are constants of this module: one that does not parse is a bug here.
    return try! MustacheTemplate(string: text)
}
