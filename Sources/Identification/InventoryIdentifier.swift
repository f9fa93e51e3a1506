import Inventory

/// One row's outcome: its identification and any catalogue hits.
public struct RowIdentification: Hashable, Sendable {
    public var row: Int
    public var resolution: Resolution
    public var prohibited: [ProhibitedHit]
}

/// The conversion report of one file (R13): rows, converted rows, failed rows by failure code, and catalogue hits
/// by category.
public struct ConversionReport: Hashable, Sendable {
    public var rows = 0
    public var converted = 0
    public var failed: [FailureCode: Int] = [:]
    public var byMethod: [ResolutionMethod: Int] = [:]
    public var prohibitedRows = 0
    public var prohibitedByCategory: [ProhibitedCategory: Int] = [:]
    /// Distinct (name, publisher, version, CPE, architecture) keys identified.
    public var distinctKeys = 0

    public init() {}

    public var failedRows: Int { failed.values.reduce(0, +) }

    mutating func count(_ resolution: Resolution, _ hits: [ProhibitedHit]) {
        rows += 1
        if let method = resolution.method, resolution.cpe != nil {
            converted += 1
            byMethod[method, default: 0] += 1
        } else {
            failed[resolution.failure ?? .noCPEExists, default: 0] += 1
        }
        if !hits.isEmpty { prohibitedRows += 1 }
        for category in Set(hits.map(\.category)) { prohibitedByCategory[category, default: 0] += 1 }
    }
}

/// Identifies a whole inventory: rows are deduplicated by what identification reads, each distinct key is
/// identified and checked once, and the answers fan back out to the rows (a national month repeats the same few
/// hundred thousand keys across tens of millions of rows).
public struct InventoryIdentifier: Sendable {
    struct Key: Hashable {
        var name: String
        var publisher: String?
        var version: String?
        var cpe: String?
        var architecture: String?
    }

    public let identifier: SoftwareIdentifier
    public let checker: ProhibitedChecker?

    public init(identifier: SoftwareIdentifier, checker: ProhibitedChecker? = nil) {
        self.identifier = identifier
        self.checker = checker
    }

    public func identify(_ records: [InventoryRecord]) -> (rows: [RowIdentification], report: ConversionReport) {
        var cache: [Key: (Resolution, [ProhibitedHit])] = [:]
        var rows: [RowIdentification] = []
        rows.reserveCapacity(records.count)
        var report = ConversionReport()
        for record in records {
            let key = Key(
                name: record.name, publisher: record.publisher, version: record.version, cpe: record.cpe,
                architecture: record.architecture)
            let outcome: (Resolution, [ProhibitedHit])
            if let cached = cache[key] {
                outcome = cached
            } else {
                let resolution = identifier.identify(record)
                let hits = checker?.check(name: record.name, publisher: record.publisher, cpe: resolution.cpe) ?? []
                outcome = (resolution, hits)
                cache[key] = outcome
            }
            report.count(outcome.0, outcome.1)
            rows.append(RowIdentification(row: record.row, resolution: outcome.0, prohibited: outcome.1))
        }
        report.distinctKeys = cache.count
        return (rows, report)
    }
}
