import VulnModel

/// Server-rendered HTML built as text. Everything that comes from data goes through `text` or an attribute, which
/// escape it; `raw` is only for markup written here.
struct HTMLText: Sendable {
    private(set) var rendered = ""

    mutating func raw(_ markup: String) { rendered += markup }

    mutating func text(_ value: String) { rendered += Self.escape(value) }

    /// `<tag attributes>content</tag>` with the content escaped.
    mutating func element(_ tag: String, _ attributes: [(String, String)] = [], _ content: String) {
        open(tag, attributes)
        text(content)
        rendered += "</\(tag)>"
    }

    mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        rendered += "<\(tag)"
        for (name, value) in attributes { rendered += " \(name)=\"\(Self.escape(value))\"" }
        rendered += ">"
    }

    mutating func close(_ tag: String) { rendered += "</\(tag)>" }

    mutating func link(_ label: String, to href: String, _ attributes: [(String, String)] = []) {
        element("a", [("href", href)] + attributes, label)
    }

    /// A table with escaped header cells; rows are added by `row`.
    mutating func table(_ headers: [String], caption: String? = nil, rows: (inout HTMLText) -> Void) {
        open("table")
        if let caption { element("caption", [], caption) }
        open("thead")
        open("tr")
        for header in headers { element("th", [("scope", "col")], header) }
        close("tr")
        close("thead")
        open("tbody")
        rows(&self)
        close("tbody")
        close("table")
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A path segment with everything but unreserved characters percent-encoded.
    static func pathSegment(_ value: String) -> String { PercentEncoding.unreservedOnly(value) }
}
