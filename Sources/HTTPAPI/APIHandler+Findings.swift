package import AppCore
package import Identification
package import VulnModel

extension APIHandler {
    package func getFindings(_ input: Operations.GetFindings.Input) async throws -> Operations.GetFindings.Output {
        guard let results else { throw FindingsUnavailable() }
        let reported = try await results.findings(
            apiKey: input.headers.xAPIKey, host: input.query.host, month: input.query.month)
        return .ok(.init(body: .json(.init(findings: reported.map(Self.finding)))))
    }

    /// A handler assembled without a results reader (tests of the upload API alone) cannot answer this.
    struct FindingsUnavailable: Error {}

    static func finding(_ reported: ResultsReader.Reported) -> Components.Schemas.StoredFinding {
        let stored = reported.finding
        let risk = reported.assessment?.risk
        return .init(
            host: stored.observation.host.rawValue, cve: stored.observation.cve.description,
            cpe: stored.observation.cpe, status: stored.observation.status == .affected ? .affected : .indeterminate,
            highRisk: stored.observation.highRisk, kev: stored.observation.knownExploited,
            kevDueDate: reported.assessment?.kev?.dueDate?.description,
            cvss: risk.map {
                .init(
                    version: $0.version.rawValue, baseScore: $0.baseScore, vector: $0.vector,
                    severity: $0.severity.rawValue)
            },
            epss: reported.assessment?.epss?.probability,
            firstSeen: .init(upload: stored.firstSeen.upload.rawValue, month: stored.firstSeen.month.description),
            lastSeen: .init(upload: stored.lastSeen.upload.rawValue, month: stored.lastSeen.month.description))
    }

    static func report(_ snapshot: InventorySnapshot) -> Components.Schemas.ConversionReport {
        let report = snapshot.report
        return .init(
            snapshot: snapshot.id.rawValue, rows: report.rows, converted: report.converted, failed: report.failedRows,
            prohibited: report.prohibitedRows, distinctKeys: report.distinctKeys,
            failedByCode: .init(
                additionalProperties: Dictionary(
                    uniqueKeysWithValues: report.failed.map { ($0.key.rawValue, $0.value) })),
            convertedByMethod: .init(
                additionalProperties: Dictionary(
                    uniqueKeysWithValues: report.byMethod.map { ($0.key.rawValue, $0.value) })),
            prohibitedByCategory: .init(
                additionalProperties: Dictionary(
                    uniqueKeysWithValues: report.prohibitedByCategory.map { ($0.key.rawValue, $0.value) })))
    }
}
