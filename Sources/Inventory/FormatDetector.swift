/// Chooses the reader for a text file from its first bytes (after conversion to UTF-8); the file name only
/// breaks ties. In order:
///
/// 1. `{` or `[` first (after whitespace): JSON. Which JSON format is decided by its keys as they stream
///    past (`JSONInventoryReader`).
/// 2. `<`: XML, which must be a CycloneDX `bom`.
/// 3. `Windows Registry Editor Version 5.00` or `REGEDIT4` on the first line: a registry export.
/// 4. `#TYPE ` on the first line: PowerShell `ConvertTo-Csv`/`Export-Csv` output.
/// 5. `Desired=` or `||/ Name` in the first lines: `dpkg -l`.
/// 6. A first line that splits (on the most frequent of tab, comma, semicolon; a `.tsv` name prefers tab) into
///    a header naming a name, CPE or host column: a table (`TableColumns` tells VANS, PowerShell, generic and
///    `host,cpe` apart by the columns).
/// 7. Headerless package lists: `dpkg-query -W` and `rpm -qa` output (`PackageListReader.detect`).
///
/// Decided once 8 lines or 64 KiB have arrived, or the file has ended.
enum FormatDetector {
    static let window = 1 << 16
    static let lineCount = 8

    static func detect(
        _ text: UnsafeBufferPointer<UInt8>, final: Bool, fileName: String?, options: InventoryOptions
    ) throws(InventoryError) -> (any TextFormatReader)? {
        var start = 0
        while start < text.count && [0x20, 0x09, 0x0A, 0x0D].contains(text[start]) { start += 1 }
        guard start < text.count else {
            guard final else { return nil }
            throw InventoryError(.unrecognizedFormat, offset: 0, "the file is empty")
        }
        switch text[start] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return JSONInventoryReader(options: options)
        case UInt8(ascii: "<"): return CycloneDXXMLReader(options: options)
        default: break
        }
        var lines: [String] = []
        var lineStart = 0
        var index = 0
        while index < text.count && lines.count < lineCount && index < window {
            if text[index] == 0x0A {
                lines.append(line(text, lineStart..<index))
                lineStart = index + 1
            }
            index += 1
        }
        if lines.count < lineCount && index < window {
            guard final else { return nil }
            if lineStart < text.count { lines.append(line(text, lineStart..<text.count)) }
        }
        return try reader(lines: lines, fileName: fileName?.lowercased(), options: options)
    }

    private static func line(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var end = range.upperBound
        if end > range.lowerBound && text[end - 1] == 0x0D { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: text[range.lowerBound..<end]), as: UTF8.self)
    }

    private static func reader(
        lines: [String], fileName: String?, options: InventoryOptions
    ) throws(InventoryError) -> any TextFormatReader {
        let first = lines.first { !$0.trimmingSpaces.isEmpty }?.trimmingSpaces ?? ""
        if first == "Windows Registry Editor Version 5.00" || first == "REGEDIT4" {
            return RegistryReader(options: options, unicode: first != "REGEDIT4")
        }
        if first.hasPrefix("#TYPE ") {
            return DelimitedReader(delimiter: UInt8(ascii: ","), options: options)
        }
        if lines.prefix(4).contains(where: { $0.hasPrefix("Desired=") || $0.hasPrefix("||/ Name") }) {
            return PackageListReader(layout: .dpkgList, options: options)
        }
        for delimiter in delimiters(first, fileName: fileName)
        where TableColumns(header: split(first, on: delimiter)) != nil {
            return DelimitedReader(delimiter: delimiter, options: options)
        }
        if let layout = PackageListReader.detect(lines: lines, fileName: fileName) {
            return PackageListReader(layout: layout, options: options)
        }
        throw InventoryError(
            .unrecognizedFormat, offset: 0,
            "no supported format starts like this: \(String(first.prefix(120)).debugDescription)")
    }

    /// Candidate delimiters, most frequent (outside quotes) in the header first.
    static func delimiters(_ header: String, fileName: String?) -> [UInt8] {
        let candidates: [UInt8] = fileName?.hasSuffix(".tsv") == true ? [0x09, 0x2C, 0x3B] : [0x2C, 0x09, 0x3B]
        var counts = [Int](repeating: 0, count: candidates.count)
        var quoted = false
        for byte in header.utf8 {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
        }
        let order = candidates.indices.sorted { counts[$0] > counts[$1] || counts[$0] == counts[$1] && $0 < $1 }
        return order.map { candidates[$0] }
    }

    /// A header line's fields (quotes removed), for recognising it.
    static func split(_ header: String, on delimiter: UInt8) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        for byte in header.utf8 {
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == delimiter && !quoted {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll()
            } else {
                field.append(byte)
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
