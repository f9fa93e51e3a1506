import JSON

/// The document formats the decoders know, recognised from the content alone.
enum FeedFormat: Hashable, Sendable {
    case nvdAPI
    case nvdFeed
    case nvdOverride
    case cve5
    case kev
    case epss

    /// The format of a document, judged from the first top-level value's keys (a CSV header for EPSS).
    /// The keys that decide come first in every producer's output, so this reads only a few bytes, except
    /// for a CVE 5 record, whose metadata may follow its containers (one record, so still cheap).
    static func detect(_ buffer: UnsafeBufferPointer<UInt8>) -> FeedFormat? {
        var reader = JSONReader(buffer)
        if reader.isAtEnd() { return nil }
        if (try? reader.peekKind()) != .object { return looksLikeEPSS(buffer) ? .epss : nil }
        do {
            try reader.beginObject()
            while let key = try reader.nextKey() {
                if key == "CVE_Items" || key == "CVE_data_type" || key == "CVE_data_timestamp" { return .nvdFeed }
                if key == "catalogVersion" || key == "dateReleased" { return .kev }
                if key == "_annotation" { return .nvdOverride }
                if key == "cveMetadata" || key == "containers" { return .cve5 }
                if key == "dataType" {
                    return try reader.readText() == "CVE_RECORD" ? .cve5 : nil
                }
                if key == "format" {
                    return try reader.readText() == "NVD_CVE" ? .nvdAPI : nil
                }
                if key == "resultsPerPage" || key == "totalResults" || key == "startIndex" { return .nvdAPI }
                if key == "vulnerabilities" { return try firstElementFormat(&reader) }
                try reader.skipValue()
            }
        } catch {
            return nil
        }
        return nil
    }

    /// `vulnerabilities` is NVD's (`[{cve: …}]`) and KEV's (`[{cveID: …}]`) list. Every key of the first element
    /// is looked at, not only the first: a catalogue re-serialised by another tool may order them differently.
    private static func firstElementFormat(_ reader: inout JSONReader) throws(JSONError) -> FeedFormat? {
        try reader.beginArray()
        guard try reader.nextElement(), try reader.peekKind() == .object else { return nil }
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "cve" { return .nvdAPI }
            if key == "cveID" { return .kev }
            try reader.skipValue()
        }
        return nil
    }

    /// A CSV whose first non-comment line names the `cve` and `epss` columns.
    private static func looksLikeEPSS(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var lines = JSONLines(buffer)
        while let line = lines.next() {
            if buffer[line.range.lowerBound] == UInt8(ascii: "#") { continue }
            let header = String(decoding: UnsafeBufferPointer(rebasing: buffer[line.range]), as: UTF8.self)
            let columns = header.split(separator: ",").map { $0.trimmingCharacters() }
            return columns.contains("cve") && columns.contains("epss")
        }
        return false
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\"" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\"" { text.removeLast() }
        return text
    }
}
