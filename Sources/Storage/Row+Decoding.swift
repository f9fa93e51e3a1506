import AppCore
import Governance
import SQLKit
import VulnModel

/// Reading columns back into domain values; a value the schema should have prevented is `corrupt`, naming the
/// column and the value.
extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decodeNil(column: column) ? nil : string(column) }
    func int(_ column: String) throws -> Int { Int(try decode(column: column, as: Int64.self)) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try decodeNil(column: column) ? nil : int64(column) }
    func bool(_ column: String) throws -> Bool { try decode(column: column, as: Bool.self) }

    func timestamp(_ column: String) throws -> Timestamp { Timestamp(millisecondsSinceEpoch: try int64(column)) }
    func optionalTimestamp(_ column: String) throws -> Timestamp? {
        try optionalInt64(column).map(Timestamp.init(millisecondsSinceEpoch:))
    }

    func agency(_ column: String) throws -> Agency.ID {
        let text = try string(column)
        do { return try Agency.ID(text) } catch { throw StoreError(.corrupt, "\(column): not an agency OID: \(text)") }
    }

    func optionalAgency(_ column: String) throws -> Agency.ID? {
        try decodeNil(column: column) ? nil : agency(column)
    }

    func month(_ column: String) throws -> ReportingMonth {
        let text = try string(column)
        guard let month = ReportingMonth(storageText: text) else {
            throw StoreError(.corrupt, "\(column): not a YYYY-MM month: \(text)")
        }
        return month
    }

    func enumeration<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E where E.RawValue == String {
        let text = try string(column)
        guard let value = E(rawValue: text) else { throw StoreError(.corrupt, "\(column): unknown value \(text)") }
        return value
    }
}

extension ReportingMonth {
    /// Months are stored as `YYYY-MM` text, which sorts in calendar order on both engines.
    init?(storageText text: String) {
        let parts = text.split(separator: "-")
        guard text.utf8.count == 7, parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else {
            return nil
        }
        self.init(year: year, month: month)
    }
}

extension Timestamp {
    var storageValue: Int64 { millisecondsSinceEpoch }
}
