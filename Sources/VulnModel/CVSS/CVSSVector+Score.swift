/// Base equations of CVSS v2 and v3.x. The v4.0 scoring lives in `CVSS4Scorer`.
extension CVSSVector {
    /// CVSS v2 guide, section 3.2.1, rounded half up to one decimal. Every weight has at most three decimals, so
    /// the equation runs on scaled integers and the rounding is exact: no float drift can move a x.x5 result.
    static func v2BaseScoreTenths(_ slots: CVSSMetricSlots) -> Int {
        func value(_ table: [Int64], _ metric: Int) -> Int64 { table[slots[metric] ?? 0] }
        let weights = V2Weights.impact
        // 1 - (1 - C)(1 - I)(1 - A), in 1e-9.
        let untouched = (1000 - value(weights, 3)) * (1000 - value(weights, 4)) * (1000 - value(weights, 5))
        let impact = 1041 * (1_000_000_000 - untouched)  // 10.41 × …, in 1e-11
        guard impact > 0 else { return 0 }  // f(Impact) = 0
        let exploitability =
            20 * value(V2Weights.accessVector, 0) * value(V2Weights.accessComplexity, 1)
            * value(V2Weights.authentication, 2)  // in 1e-8
        // ((0.6 × Impact) + (0.4 × Exploitability) − 1.5) in 1e-12, times f(Impact) = 1.176 gives 1e-15.
        let inner = 6 * impact + 4000 * exploitability - 1_500_000_000_000
        let score = max(0, inner * 1176)
        return Int((score + 50_000_000_000_000) / 100_000_000_000_000)
    }

    /// CVSS v3.0 section 8.1 and v3.1 section 7.1. The two minor versions share the equation and differ in the
    /// rounding: v3.1 uses the integer-based Roundup of its Appendix A; v3.0 defines Round up on the exact value.
    static func v3BaseScoreTenths(_ slots: CVSSMetricSlots, minor: Int) -> Int {
        let changed = slots[4] == 1
        func value(_ table: [Double], _ metric: Int) -> Double { table[slots[metric] ?? 0] }
        let weights = V3Weights.impact
        let iss = 1 - (1 - value(weights, 5)) * (1 - value(weights, 6)) * (1 - value(weights, 7))
        let impact: Double
        if changed {
            let base = iss - 0.02
            let square = base * base
            let fourth = square * square
            let power15 = fourth * fourth * fourth * square * base
            impact = 7.52 * (iss - 0.029) - 3.25 * power15
        } else {
            impact = 6.42 * iss
        }
        guard impact > 0 else { return 0 }
        let privileges = changed ? V3Weights.privilegesScopeChanged : V3Weights.privileges
        let exploitability =
            8.22 * value(V3Weights.attackVector, 0) * value(V3Weights.attackComplexity, 1) * value(privileges, 2)
            * value(V3Weights.userInteraction, 3)
        let total = min(changed ? 1.08 * (impact + exploitability) : impact + exploitability, 10)
        return minor == 0 ? roundUpExact(total) : roundUpV31(total)
    }

    /// CVSS v3.1 Appendix A: round to five decimals as an integer first, so binary noise such as
    /// 4.000000000000001 does not round up to 4.1.
    private static func roundUpV31(_ value: Double) -> Int {
        let integer = Int((value * 100_000).rounded())
        return integer % 10_000 == 0 ? integer / 10_000 : integer / 10_000 + 1
    }

    /// v3.0's Round up of the exact value. Double carries noise around 1e-15; every base value that is not exactly
    /// on a tenth lies at least 4e-5 above or below one (checked over the whole base domain by the fixture tests),
    /// so snapping to 1e-9 first recovers the exact value's ceiling.
    private static func roundUpExact(_ value: Double) -> Int {
        let nano = Int((value * 1_000_000_000).rounded())
        return (nano + 99_999_999) / 100_000_000
    }
}

/// v2 weights scaled to integers, in the schema's value order.
private enum V2Weights {
    static let accessVector: [Int64] = [395, 646, 1000]  // L, A, N in thousandths
    static let accessComplexity: [Int64] = [35, 61, 71]  // H, M, L in hundredths
    static let authentication: [Int64] = [450, 560, 704]  // M, S, N in thousandths
    static let impact: [Int64] = [0, 275, 660]  // N, P, C in thousandths
}

/// v3.x weights in the schema's value order.
private enum V3Weights {
    static let attackVector = [0.85, 0.62, 0.55, 0.2]  // N, A, L, P
    static let attackComplexity = [0.77, 0.44]  // L, H
    static let privileges = [0.85, 0.62, 0.27]  // N, L, H
    static let privilegesScopeChanged = [0.85, 0.68, 0.5]
    static let userInteraction = [0.85, 0.62]  // N, R
    static let impact = [0.56, 0.22, 0]  // H, L, N
}
