import CPE

/// Why a row has no CPE. Every unresolved row carries exactly one, so a conversion report can count them.
public enum FailureCode: String, Hashable, Sendable, CaseIterable, Comparable {
    /// The name is (partly) Chinese, Japanese or Korean and no alias knows it.
    case zhNameNoAlias = "zh_name_no_alias"
    /// Neither the publisher nor the name names a vendor the CPE vocabulary knows.
    case vendorUnknown = "vendor_unknown"
    /// The product was found but the version cannot be read or mapped to the CPE's version.
    case versionUnparsable = "version_unparsable"
    /// Several products fit about equally well.
    case ambiguous
    /// The vendor is known but none of its products fits: most likely the software has no CPE.
    case noCPEExists = "no_cpe_exists"
    /// The row carried a CPE that is not a well-formed CPE 2.3 name.
    case malformedCPE = "malformed_cpe"
    /// The row has no name to go on.
    case emptyName = "empty_name"

    public static func < (lhs: FailureCode, rhs: FailureCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which rule produced the answer.
public enum ResolutionMethod: String, Hashable, Sendable {
    /// The row carried a valid CPE.
    case givenCPE = "given_cpe"
    /// A reviewer's confirmed mapping.
    case confirmed
    /// The alias dictionary.
    case alias
    /// Scoring against the CPE vocabulary.
    case vocabulary
}

/// A product considered, with its score (0–1) and what the score rests on.
public struct Candidate: Hashable, Sendable {
    public var product: ProductKey
    public var score: Double
    public var evidence: String

    public init(product: ProductKey, score: Double, evidence: String) {
        self.product = product
        self.score = score
        self.evidence = evidence
    }
}

/// The outcome for one row: a CPE with a confidence and the rule that fired, or a failure code; and always the
/// runner-up candidates, so a reviewer can see what was weighed.
public struct Resolution: Hashable, Sendable {
    public var cpe: CPEName?
    /// 0–1: 1 for given and confirmed CPEs, about 0.9 for aliases, the score for vocabulary matches, 0 when
    /// unresolved.
    public var confidence: Double
    public var method: ResolutionMethod?
    /// The alias id, confirmed mapping, rule or failure explanation, in words.
    public var reason: String
    public var alternates: [Candidate]
    public var failure: FailureCode?

    public init(
        cpe: CPEName?, confidence: Double, method: ResolutionMethod?, reason: String, alternates: [Candidate] = [],
        failure: FailureCode? = nil
    ) {
        self.cpe = cpe
        self.confidence = confidence
        self.method = method
        self.reason = reason
        self.alternates = alternates
        self.failure = failure
    }

    public static func failed(_ code: FailureCode, _ reason: String, alternates: [Candidate] = []) -> Resolution {
        Resolution(cpe: nil, confidence: 0, method: nil, reason: reason, alternates: alternates, failure: code)
    }

    public var isResolved: Bool { cpe != nil }
}
