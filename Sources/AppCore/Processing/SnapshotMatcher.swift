import Governance
import Matching
import VulnModel

/// Matches a committed snapshot's rows — all of them, or those of some products — and turns the findings into one
/// observation per host × CVE, as the finding store keeps them.
struct SnapshotMatcher: Sendable {
    let uploads: any UploadStore
    let parallelism: Int

    struct Matched: Sendable {
        var observations: [FindingObservation]
        /// Every host the matched rows name (rows without a host count as the agency's own).
        var hosts: Set<HostID>
    }

    /// `products` limits the rows to those whose CPE's `vendor:product` is listed; nil takes every row.
    func match(
        _ snapshot: InventorySnapshot, with matcher: InventoryMatcher, products: Set<String>? = nil
    ) async throws -> Matched {
        let fallback = HostID(snapshot.agency.rawValue)
        var entries: [InventoryEntry] = []
        var hosts: Set<HostID> = []
        var after = 0
        while true {
            let page = try await uploads.rows(
                of: snapshot.id, agency: snapshot.agency, after: after, limit: UploadProcessor.rowBatch)
            guard let last = page.last else { break }
            after = last.row
            for row in page {
                if let products, !(row.cpe.map { products.contains(Self.product(of: $0)) } ?? false) { continue }
                let host = row.host ?? fallback
                hosts.insert(host)
                if let cpe = row.cpe { entries.append(InventoryEntry(host: host, cpe: cpe)) }
            }
        }
        let report = try await Self.match(entries, with: matcher, parallelism: parallelism)
        return Matched(observations: Self.observations(report), hosts: hosts)
    }

    /// Stored CPEs come from identification and parse; should one not, it is left out rather than refusing the
    /// whole snapshot (it is still in the snapshot, with its row).
    static func match(_ entries: [InventoryEntry], with matcher: InventoryMatcher, parallelism: Int) async throws
        -> MatchReport
    {
        switch await matcher.match(entries, parallelism: parallelism) {
        case .success(let report):
            return report
        case .failure(let error):
            let refused = Set(error.rejected.map(\.row))
            let kept = entries.indices.filter { !refused.contains($0) }.map { entries[$0] }
            switch await matcher.match(kept, parallelism: parallelism) {
            case .success(let report): return report
            case .failure(let again): throw JobFailure.permanent("matching refused the snapshot: \(again)")
            }
        }
    }

    /// One observation per host × CVE: an affected finding outranks an indeterminate one, then the smaller CPE, so
    /// the choice does not depend on row order.
    static func observations(_ report: MatchReport) -> [FindingObservation] {
        struct Key: Hashable {
            var host: HostID
            var cve: CVEID
        }
        var chosen: [Key: FindingObservation] = [:]
        report.forEachFinding { finding, assessment in
            let observation = FindingObservation(
                host: finding.host, cve: finding.cve, cpe: finding.cpe, status: finding.status,
                highRisk: assessment.risk?.highRisk ?? false, knownExploited: assessment.kev != nil)
            let key = Key(host: finding.host, cve: finding.cve)
            guard let existing = chosen[key] else {
                chosen[key] = observation
                return
            }
            if rank(observation) < rank(existing) { chosen[key] = observation }
        }
        return chosen.values.sorted { ($0.host.rawValue, $0.cve.description) < ($1.host.rawValue, $1.cve.description) }
    }

    static func rank(_ observation: FindingObservation) -> (Int, String) {
        (observation.status == .affected ? 0 : 1, observation.cpe)
    }

    /// `vendor:product` of a CPE 2.3 formatted string (fields 3 and 4), as the rematch payload names products.
    static func product(of cpe: String) -> String {
        let fields = cpe.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count >= 5 else { return "" }
        return "\(fields[3]):\(fields[4])"
    }
}
