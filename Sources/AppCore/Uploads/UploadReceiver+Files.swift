import Governance
import Inventory
import VulnModel

extension UploadReceiver {
    /// Who sends a file: a machine with its agency's key, or the current request's signed-in person, for the
    /// agency they name (people may act for several agencies, a key for one only).
    public enum Sender: Sendable {
        case apiKey(String?)
        case session(AccessGate, agency: String?)
    }

    /// The agency the sender may upload for; another tenant's agency is not found, like a missing one.
    func uploader(_ sender: Sender, now: Timestamp) async throws -> Agency.ID {
        switch sender {
        case .apiKey(let secret):
            return try await authenticate(secret, now: now).agency
        case .session(let gate, let text):
            guard let text, !text.isEmpty else {
                throw Rejection(.invalid, "name the agency the file is for (agency=<OID>)", field: "agency")
            }
            guard let id = try? Agency.ID(text) else {
                throw Rejection(.invalid, "agency \(text) is not an agency OID", field: "agency")
            }
            try await gate.authorize(.createUpload, on: .agency(id))
            do {
                _ = try await agencies.agency(id)
            } catch {
                guard error.kind == .notFound else { throw error }
                throw try await gate.missing(.createUpload, "agency \(id)")
            }
            return id
        }
    }

    /// Reads a sent file whole: refused unless the reader recognises it and it has at least one row.
    static func readFile(_ bytes: [UInt8], fileName: String) throws(Rejection) -> (Reading, String) {
        guard !bytes.isEmpty else { throw Rejection(.invalid, "\(fileName) is empty", offset: 0) }
        let (summary, tally) = try scan(bytes, fileName: fileName)
        if summary.truncated {
            let cut = tally.issues.last { $0.severity == .error }
            let row = cut.map { " in row \($0.row)" } ?? ""
            throw Rejection(
                .invalid, "\(fileName) ends inside a value\(row) (cut off?); a file is taken whole or not at all",
                offset: cut?.offset ?? bytes.count)
        }
        guard let format = summary.format, tally.rows > 0 else {
            throw Rejection(.invalid, "\(fileName) has no inventory rows", offset: bytes.count)
        }
        return (tally.reading, format.rawValue)
    }

    /// The name a file is kept under: its last path component, without control or shell-special characters and
    /// leading dots, at most 128 characters (keeping the extension, which is the reader's format hint).
    static func sanitised(_ sent: String) throws(Rejection) -> String {
        let base = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var kept = String.UnicodeScalarView()
        for scalar in base.unicodeScalars where !Self.refused(scalar) { kept.append(scalar) }
        var name = String(kept).trimmingSpaces
        while name.hasPrefix(".") { name.removeFirst() }
        name = name.trimmingSpaces
        guard !name.isEmpty else {
            throw Rejection(.invalid, "filename \"\(sent)\" names no file (e.g. inventory.xlsx)", field: "filename")
        }
        guard name.count > 128 else { return name }
        let dot = name.lastIndex(of: ".")
        let suffix = dot.map { String(name[$0...].prefix(16)) } ?? ""
        return String(name.prefix(128 - suffix.count)) + suffix
    }

    private static func refused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return true
        default:
            return "\"'<>:*?|`$;&".unicodeScalars.contains(scalar)
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}

/// Counts what the reader delivers instead of keeping it: a file may hold a million rows, and receiving only needs
/// their number, their issues and which formats the records came in.
struct RowTally: InventorySink {
    private var seen: Set<Int> = []
    var records = 0
    var issues: [InventoryIssue] = []
    /// The first row of each record format seen (VANS v1 and v2 rows may not mix on one endpoint).
    var firstRow: [InventoryFormat: Int] = [:]

    var rows: Int { seen.count }

    var reading: UploadReceiver.Reading { UploadReceiver.Reading(rows: rows, records: records, issues: issues) }

    mutating func record(_ record: consuming InventoryRecord) {
        records += 1
        seen.insert(record.row)
        if firstRow[record.format] == nil { firstRow[record.format] = record.row }
    }

    mutating func issue(_ issue: InventoryIssue) {
        seen.insert(issue.row)
        issues.append(issue)
    }
}
