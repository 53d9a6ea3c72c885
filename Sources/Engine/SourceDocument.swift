import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The campaign's source document as text, for verifying quotes: plain text and Markdown as
/// they are, Word (`.docx`) by its paragraphs' text, one paragraph a line.
enum SourceDocument {
    /// Why a source could not be read, in the office's words.
    struct Problem: Error { let message: String }

    static let extensions = ["txt", "md", "docx"]

    static func text(_ path: String) -> Result<String, Problem> {
        let ext = (path as NSString).pathExtension.lowercased()
        guard extensions.contains(ext) else { return .failure(Problem(message: EngineText.sourceFormat(ext))) }
        let bytes: [UInt8]
        switch Paths.read(path, limit: 64 << 20) {
        case .success(let b): bytes = b
        case .failure: return .failure(Problem(message: EngineText.cannotRead(path)))
        }
        if ext != "docx" { return .success(String(decoding: bytes, as: UTF8.self)) }
        return wordText(Data(bytes)).mapError { _ in Problem(message: EngineText.badWordFile(path)) }
    }

    /// The text of `word/document.xml`: `<w:t>` runs joined, a line per `<w:p>`, tabs and
    /// breaks kept.
    static func wordText(_ data: Data) -> Result<String, Problem> {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil),
              let entry = archive["word/document.xml"] else { return .failure(Problem(message: "")) }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { xml.append($0) }
        } catch {
            return .failure(Problem(message: ""))
        }
        let reader = WordTextReader()
        let parser = XMLParser(data: xml)
        parser.delegate = reader
        guard parser.parse() else { return .failure(Problem(message: "")) }
        return .success(reader.text)
    }
}

/// Collects the visible text of a WordprocessingML body.
private final class WordTextReader: NSObject, XMLParserDelegate {
    var text = ""
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "w:t": inText = true
        case "w:tab": text += "\t"
        case "w:br", "w:cr": text += "\n"
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:p": text += "\n"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { text += string }
    }
}
