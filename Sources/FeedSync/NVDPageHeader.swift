import JSON

/// The paging fields of an NVD CVE API 2.0 response and how many vulnerabilities it carries, read without
/// decoding the records (the feed decoder does that).
public struct NVDPageHeader: Hashable, Sendable {
    public var startIndex: Int
    public var totalResults: Int
    /// The length of `vulnerabilities`.
    public var returned: Int

    public init(startIndex: Int, totalResults: Int, returned: Int) {
        self.startIndex = startIndex
        self.totalResults = totalResults
        self.returned = returned
    }

    /// Reads a response body; a body that is not a response object names the offset where it stopped being one.
    public init(_ bytes: [UInt8]) throws(NVDPageError) {
        var startIndex: Int?
        var totalResults: Int?
        var returned: Int?
        do {
            try JSONReader.read(bytes) { (reader: inout JSONReader) throws(JSONError) in
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    if key == "startIndex" {
                        startIndex = try reader.readInt()
                    } else if key == "totalResults" {
                        totalResults = try reader.readInt()
                    } else if key == "vulnerabilities" {
                        var count = 0
                        try reader.beginArray()
                        while try reader.nextElement() {
                            try reader.skipValue()
                            count += 1
                        }
                        returned = count
                    } else {
                        try reader.skipValue()
                    }
                }
            }
        } catch {
            throw NVDPageError(offset: error.offset, reason: "not an NVD API 2.0 response: \(error)")
        }
        guard let startIndex, let totalResults, let returned else {
            throw NVDPageError(offset: 0, reason: "startIndex, totalResults or vulnerabilities missing")
        }
        self.init(startIndex: startIndex, totalResults: totalResults, returned: returned)
    }
}

public struct NVDPageError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "offset \(offset): \(reason)" }
}
