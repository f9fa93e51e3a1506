import Governance
import VulnModel

/// What an agency directory import changed.
public struct AgencyImportSummary: Hashable, Sendable {
    public var inserted: Int
    public var updated: Int
    /// Level assignments added to histories (a row restating a stored assignment adds none).
    public var levelsAdded: Int

    public init(inserted: Int, updated: Int, levelsAdded: Int) {
        self.inserted = inserted
        self.updated = updated
        self.levelsAdded = levelsAdded
    }
}

/// Imports an agency directory file into the stored directory, all or nothing: new OIDs are inserted, known ones
/// updated (their units kept, a new level appended to their history rather than replacing it). A row is refused,
/// by line and column, when its supervisor is neither in the file nor stored, when it closes a supervision cycle,
/// or when it states a different level on a day the agency already has one.
public struct AgencyImporter: Sendable {
    public let agencies: any AgencyStore

    public init(agencies: any AgencyStore) { self.agencies = agencies }

    /// Throws `CSVTableError` for a refused row and `StoreError` when storage fails.
    public func importRows(_ rows: [AgencyListRow]) async throws -> AgencyImportSummary {
        let stored = try await agencies.directory().agencies
        let inFile = Dictionary(rows.map { ($0.agency.id, $0) }, uniquingKeysWith: { first, _ in first })
        func supervisor(of id: Agency.ID) -> Supervisor {
            inFile[id]?.agency.supervisor ?? stored[id]?.supervisor ?? .nation
        }
        for row in rows {
            guard case .agency(let parent) = row.agency.supervisor else { continue }
            guard inFile[parent] != nil || stored[parent] != nil else {
                throw Self.fail(row, "supervisor_oid", "\(parent) is neither in the file nor stored")
            }
            // The stored directory has no cycle, so any cycle runs through a row of the file: the first such row
            // in file order is named.
            var chain = [row.agency.id, parent]
            var cursor = supervisor(of: parent)
            while case .agency(let next) = cursor, !chain.dropFirst().contains(next) {
                chain.append(next)
                guard next != row.agency.id else {
                    throw Self.fail(
                        row, "supervisor_oid",
                        "supervision cycle: \(chain.map(\.rawValue).joined(separator: " → "))")
                }
                cursor = supervisor(of: next)
            }
        }
        var summary = AgencyImportSummary(inserted: 0, updated: 0, levelsAdded: 0)
        var merged: [Agency] = []
        for row in rows {
            var agency = row.agency
            if let existing = stored[agency.id] {
                summary.updated += 1
                agency.units = existing.units
                agency.levels = existing.levels
            } else {
                summary.inserted += 1
            }
            if let level = row.level {
                if let same = agency.levels.assignments.first(where: { $0.effective == level.effective }) {
                    guard same.level == level.level else {
                        throw Self.fail(
                            row, "level_date",
                            "\(agency.id) already has level \(same.level.rawValue) effective \(level.effective); "
                                + "a change of level needs the day it took effect")
                    }
                } else {
                    agency.levels = try agency.levels.adding(level)
                    summary.levelsAdded += 1
                }
            }
            merged.append(agency)
        }
        try await agencies.save(merged)
        return summary
    }

    private static func fail(_ row: AgencyListRow, _ column: String, _ reason: String) -> CSVTableError {
        CSVTableError(line: row.line, column: column, reason: reason)
    }
}
