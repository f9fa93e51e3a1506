/// The high-risk rule (DOMAIN.md §1.4, R15): a vulnerability is high-risk when its CVSS base score is at least
/// `threshold` (default 7.0, inclusive). VANS does not say which CVSS version it means, so the policy picks one
/// metric per CVE by `versionPreference` (default v3.1, v3.0, v4.0, v2) and, within a version, NVD's own
/// (`.primary`) metric before a secondary one.
public struct RiskPolicy: Hashable, Sendable {
    public static let defaultThreshold = 7.0
    public static let defaultVersionPreference: [CVSSVersion] = [.v31, .v30, .v40, .v2]

    public var threshold: Double
    /// Versions in order of preference; metrics of a version not listed are never used.
    public var versionPreference: [CVSSVersion]

    public init(
        threshold: Double = RiskPolicy.defaultThreshold,
        versionPreference: [CVSSVersion] = RiskPolicy.defaultVersionPreference
    ) {
        self.threshold = threshold
        self.versionPreference = versionPreference
    }

    /// Inclusive, so that 7.0 is high-risk. Scores are whole tenths, so no tolerance is needed.
    public func isHighRisk(_ score: Double) -> Bool { score >= threshold }

    /// Picks the preferred metric and scores it from its vector. When the preferred metric's vector does not
    /// parse, its published score stands in (and the assessment says so) rather than silently dropping to a less
    /// preferred version; a metric with neither a valid vector nor a published score is skipped.
    /// Returns nil when no metric can be scored.
    public func assess(_ metrics: [CVSSMetric]) -> RiskAssessment? {
        var candidates: [(rank: Int, position: Int, metric: CVSSMetric, parsed: Result<CVSSVector, CVSSParseError>)] =
            []
        for (position, metric) in metrics.enumerated() {
            let parsed = Result { () throws(CVSSParseError) in try CVSSVector(metric.vector) }
            let version = (try? parsed.get())?.version ?? metric.version
            guard let preference = versionPreference.firstIndex(of: version) else { continue }
            let rank = preference * 2 + (metric.role == .primary ? 0 : 1)
            candidates.append((rank, position, metric, parsed))
        }
        candidates.sort { ($0.rank, $0.position) < ($1.rank, $1.position) }

        for candidate in candidates {
            let metric = candidate.metric
            switch candidate.parsed {
            case .success(let vector):
                return assessment(metric, version: vector.version, score: vector.baseScore, source: .computed)
            case .failure(let error):
                guard let published = metric.publishedScore, (0...10).contains(published) else { continue }
                return assessment(metric, version: metric.version, score: published, source: .published(error))
            }
        }
        return nil
    }

    private func assessment(
        _ metric: CVSSMetric,
        version: CVSSVersion,
        score: Double,
        source: RiskAssessment.ScoreSource
    ) -> RiskAssessment {
        RiskAssessment(
            version: version,
            vector: metric.vector,
            baseScore: score,
            severity: CVSSSeverity(score: score, version: version),
            highRisk: isHighRisk(score),
            threshold: threshold,
            scoreSource: source,
            publishedScore: metric.publishedScore,
            scorer: metric.scorer,
            role: metric.role,
            provenance: metric.provenance
        )
    }
}
