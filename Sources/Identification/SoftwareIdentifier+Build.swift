extension SoftwareIdentifier {
    /// The CPE for a chosen product: the version rule decides version, update, edition and hardware; a version a
    /// CPE cannot hold (spaces, non-ASCII) is `version_unparsable`, never silently dropped.
    func build(
        _ target: AliasTarget, rule: VersionRule, name: NormalizedName, version: String?, hardware: String?,
        method: ResolutionMethod, confidence: Double, reason: String, alternates: [Candidate]
    ) -> Resolution {
        let mapped: MappedVersion
        do {
            switch rule {
            case .upstream:
                mapped = MappedVersion(product: target.product, version: version, note: "version as given")
            case .fixed:
                mapped = MappedVersion(
                    product: target.product, version: target.fixedVersion, note: "fixed version")
            case .officeYear:
                mapped = try VersionMapper.office(target.product, name: name, version: version)
            case .windowsBuild:
                mapped = try VersionMapper.windows(name: name, version: version, architecture: hardware)
            case .javaUpdate:
                mapped = try VersionMapper.java(target.product, name: name, version: version, vocabulary: vocabulary)
            }
        } catch {
            let product = Candidate(product: target.product, score: confidence, evidence: reason)
            switch error {
            case .unparsable(let why):
                return .failed(.versionUnparsable, why, alternates: [product] + alternates)
            case .ambiguous(let why, _):
                return .failed(.ambiguous, why, alternates: [product] + alternates)
            }
        }
        let swEdition = target.swEdition ?? mapped.swEdition
        guard
            let cpe = mapped.product.cpeName(
                version: mapped.version, update: mapped.update, swEdition: swEdition, targetHW: mapped.targetHW)
        else {
            let product = Candidate(product: target.product, score: confidence, evidence: reason)
            return .failed(
                .versionUnparsable, "version \(mapped.version ?? "") cannot be written in a CPE",
                alternates: [product] + alternates)
        }
        var note = mapped.note
        var confidence = confidence
        if mapped.version == nil {
            note += "; no version, so the CPE version is ANY"
            confidence = min(confidence, 0.75)
        }
        return Resolution(
            cpe: cpe, confidence: confidence, method: method, reason: "\(reason); \(note)", alternates: alternates)
    }
}
