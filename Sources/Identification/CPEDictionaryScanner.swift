/// One `cpe-item` of the NVD CPE dictionary (XML, schema 2.3): its CPE 2.3 name and titles by language.
public struct CPEDictionaryItem: Hashable, Sendable {
    public var name: String
    public var titles: [Title]

    public struct Title: Hashable, Sendable {
        public var language: String
        public var text: String
    }
}

/// Reads the items of the official CPE dictionary from its bytes. It looks only for `<cpe-item`, `<title
/// xml:lang="…">…</title>` and `<cpe-23:cpe23-item name="…"/>`, which is all identification needs; it is a
/// stand-in for the `XML` tokenizer being written in `Inventory` and can be replaced by it without changing callers,
/// since callers see only `CPEDictionaryItem`s.
public struct CPEDictionaryScanner: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position = 0

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static let itemOpen = Array("<cpe-item ".utf8)
    private static let itemClose = Array("</cpe-item>".utf8)
    private static let titleOpen = Array("<title xml:lang=\"".utf8)
    private static let titleClose = Array("</title>".utf8)
    private static let nameOpen = Array("<cpe-23:cpe23-item name=\"".utf8)

    public mutating func next() -> CPEDictionaryItem? {
        while let start = find(Self.itemOpen, from: position) {
            let end = find(Self.itemClose, from: start) ?? bytes.count
            position = end
            var titles: [CPEDictionaryItem.Title] = []
            var cursor = start
            while let title = find(Self.titleOpen, from: cursor, before: end) {
                let languageStart = title + Self.titleOpen.count
                guard let quote = find([UInt8(ascii: "\"")], from: languageStart, before: end),
                    let textEnd = find(Self.titleClose, from: quote, before: end)
                else { break }
                let textStart = (find([UInt8(ascii: ">")], from: quote, before: end) ?? quote) + 1
                titles.append(
                    CPEDictionaryItem.Title(
                        language: String(decoding: bytes[languageStart..<quote], as: UTF8.self),
                        text: Self.unescape(bytes[textStart..<textEnd])))
                cursor = textEnd
            }
            guard let nameStart = find(Self.nameOpen, from: start, before: end) else { continue }
            let valueStart = nameStart + Self.nameOpen.count
            guard let valueEnd = find([UInt8(ascii: "\"")], from: valueStart, before: end) else { continue }
            return CPEDictionaryItem(name: Self.unescape(bytes[valueStart..<valueEnd]), titles: titles)
        }
        position = bytes.count
        return nil
    }

    private func find(_ needle: [UInt8], from start: Int, before limit: Int? = nil) -> Int? {
        let end = (limit ?? bytes.count) - needle.count
        guard let first = needle.first, start <= end else { return nil }
        var index = start
        while index <= end {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// XML's five named entities and numeric character references.
    static func unescape(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var text = String(decoding: slice, as: UTF8.self)
        for (entity, replacement) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'")] {
            text = text.replacingAll(entity, with: replacement)
        }
        while let range = text.firstRange(of: "&#"), let semicolon = text[range.upperBound...].firstIndex(of: ";") {
            let digits = text[range.upperBound..<semicolon]
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            let replacement = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
            text.replaceSubrange(range.lowerBound...semicolon, with: replacement)
        }
        return text.replacingAll("&amp;", with: "&")
    }
}
