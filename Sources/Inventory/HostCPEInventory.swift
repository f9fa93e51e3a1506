/// A row of a `host,cpe` inventory: one CPE 2.3 name a host runs.
public struct HostCPERow: Hashable, Sendable {
    public var line: Int
    public var host: String
    public var cpe: String

    public init(line: Int, host: String, cpe: String) {
        self.line = line
        self.host = host
        self.cpe = cpe
    }
}

/// Reads the simplest inventory: CSV with the header `host,cpe` (other columns are ignored), one CPE 2.3
/// formatted string per row; the rows of one host form its platform. Blank lines are skipped.
public enum HostCPEInventory {
    public static func parse(_ bytes: [UInt8]) throws(CSVError) -> [HostCPERow] {
        var reader = CSVReader(bytes: bytes)
        guard let header = reader.next() else {
            if let error = reader.error { throw error }
            throw CSVError(line: 1, offset: 0, reason: "empty file; expected the header host,cpe")
        }
        let names = header.fields.map { $0.trimmingSpaces.lowercased() }
        guard let hostColumn = names.firstIndex(of: "host"), let cpeColumn = names.firstIndex(of: "cpe") else {
            throw CSVError(line: header.line, offset: 0, reason: "header must name the columns host and cpe")
        }
        var rows: [HostCPERow] = []
        while let record = reader.next() {
            if record.fields.count == 1 && record.fields[0].trimmingSpaces.isEmpty { continue }
            guard record.fields.count > max(hostColumn, cpeColumn) else {
                throw CSVError(
                    line: record.line,
                    offset: 0,
                    reason: "expected \(names.count) fields, found \(record.fields.count)"
                )
            }
            let host = record.fields[hostColumn].trimmingSpaces
            let cpe = record.fields[cpeColumn].trimmingSpaces
            guard !host.isEmpty else { throw CSVError(line: record.line, offset: 0, reason: "field host is empty") }
            guard !cpe.isEmpty else { throw CSVError(line: record.line, offset: 0, reason: "field cpe is empty") }
            rows.append(HostCPERow(line: record.line, host: host, cpe: cpe))
        }
        if let error = reader.error { throw error }
        return rows
    }
}

extension String {
    var trimmingSpaces: String {
        // Most fields have nothing to trim: keep them as they are when both ends are ASCII other than whitespace.
        if let first = utf8.first, let last = utf8.last, Self.isKeptASCII(first), Self.isKeptASCII(last) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func isKeptASCII(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte)
    }
}
