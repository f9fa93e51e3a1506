/// CVSS v4.0 scoring (specification section 8): MacroVector equivalence classes, the published lookup table, and
/// interpolation by severity distance to the highest-severity vectors of the MacroVector, as FIRST's reference
/// calculator does it. Every quantity is a whole number of tenths, and the mean distance is kept as an exact
/// fraction, so the final half-up rounding cannot be moved by float drift (the reference code needed an epsilon
/// for that, and FIRST's deployed calculator still rounds 522 of the 104,976 base vectors a tenth low).
enum CVSS4Scorer {
    /// Severity levels of the effective metric values, 0 = most severe, one step = 0.1 of the specification's
    /// distance. Subsequent-system impacts count Safety (only via MSI/MSA) as 0, so High is 1 and None is 3.
    struct Levels {
        var av = 0, pr = 0, ui = 0, ac = 0, at = 0
        var vc = 0, vi = 0, va = 0, sc = 0, si = 0, sa = 0
        var cr = 0, ir = 0, ar = 0, e = 0
    }

    static func scoreTenths(_ slots: CVSSMetricSlots) -> Int {
        let level = levels(slots)
        if level.vc == 2, level.vi == 2, level.va == 2, level.sc == 3, level.si == 3, level.sa == 3 { return 0 }

        // Specification Table 24, the six equivalence sets (0 = most severe).
        let eq1: Int
        if level.av == 0 && level.pr == 0 && level.ui == 0 {
            eq1 = 0  // AV:N and PR:N and UI:N
        } else if (level.av == 0 || level.pr == 0 || level.ui == 0) && level.av != 3 {
            eq1 = 1  // one of AV:N, PR:N, UI:N, and not AV:P
        } else {
            eq1 = 2
        }
        let eq2 = level.ac == 0 && level.at == 0 ? 0 : 1  // AC:L and AT:N
        let eq3: Int
        if level.vc == 0 && level.vi == 0 {
            eq3 = 0  // VC:H and VI:H
        } else if level.vc == 0 || level.vi == 0 || level.va == 0 {
            eq3 = 1  // one of VC:H, VI:H, VA:H
        } else {
            eq3 = 2
        }
        let eq4: Int
        if level.si == 0 || level.sa == 0 {
            eq4 = 0  // MSI:S or MSA:S
        } else if level.sc == 1 || level.si == 1 || level.sa == 1 {
            eq4 = 1  // one of SC:H, SI:H, SA:H
        } else {
            eq4 = 2
        }
        let eq5 = level.e  // E:A, E:P, E:U
        let highRequirement =
            (level.cr == 0 && level.vc == 0) || (level.ir == 0 && level.vi == 0) || (level.ar == 0 && level.va == 0)
        let eq6 = highRequirement ? 0 : 1  // CR:H and VC:H, or IR:H and VI:H, or AR:H and VA:H
        guard let value = CVSS4LookupTable.score(eq1, eq2, eq3, eq4, eq5, eq6) else { return 0 }

        // The score of the next lower MacroVector along each EQ; EQ3 and EQ6 move together.
        let lower1 = CVSS4LookupTable.score(eq1 + 1, eq2, eq3, eq4, eq5, eq6)
        let lower2 = CVSS4LookupTable.score(eq1, eq2 + 1, eq3, eq4, eq5, eq6)
        let lower36: Int?
        switch (eq3, eq6) {
        case (0, 0):
            let left = CVSS4LookupTable.score(eq1, eq2, eq3, eq4, eq5, eq6 + 1)
            let right = CVSS4LookupTable.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6)
            lower36 = max(left ?? -1, right ?? -1) < 0 ? nil : max(left ?? -1, right ?? -1)
        case (1, 0): lower36 = CVSS4LookupTable.score(eq1, eq2, eq3, eq4, eq5, eq6 + 1)
        case (0, 1), (1, 1): lower36 = CVSS4LookupTable.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6)
        default: lower36 = CVSS4LookupTable.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1)
        }
        let lower4 = CVSS4LookupTable.score(eq1, eq2, eq3, eq4 + 1, eq5, eq6)
        let lower5 = CVSS4LookupTable.score(eq1, eq2, eq3, eq4, eq5 + 1, eq6)

        // The first highest-severity vector the scored one does not exceed on any metric, in the reference order.
        var distance = Levels()
        search: for top1 in CVSS4MaxVectors.eq1[eq1] {
            for top2 in CVSS4MaxVectors.eq2[eq2] {
                for top36 in CVSS4MaxVectors.eq3and6[eq3 * 2 + eq6] {
                    for top4 in CVSS4MaxVectors.eq4[eq4] {
                        distance = Levels(
                            av: level.av - top1.av, pr: level.pr - top1.pr, ui: level.ui - top1.ui,
                            ac: level.ac - top2.ac, at: level.at - top2.at,
                            vc: level.vc - top36.vc, vi: level.vi - top36.vi, va: level.va - top36.va,
                            sc: level.sc - top4.sc, si: level.si - top4.si, sa: level.sa - top4.sa,
                            cr: level.cr - top36.cr, ir: level.ir - top36.ir, ar: level.ar - top36.ar
                        )
                        if distance.isNonNegative { break search }
                    }
                }
            }
        }

        // Mean over the EQs that have a lower MacroVector of (available distance × current / maximal depth);
        // EQ5 counts in the mean with a proportion of 0. Kept as numerator / denominator in tenths.
        let depth1 = CVSS4MaxVectors.depth1[eq1]
        let depth2 = CVSS4MaxVectors.depth2[eq2]
        let depth36 = CVSS4MaxVectors.depth3and6[eq3 * 2 + eq6]
        let depth4 = CVSS4MaxVectors.depth4[eq4]
        let common = depth1 * depth2 * depth36 * depth4
        var count = 0
        var sum = 0
        func add(_ lower: Int?, _ current: Int, _ depth: Int) {
            guard let lower, value - lower >= 0 else { return }
            count += 1
            sum += (value - lower) * current * (common / depth)
        }
        add(lower1, distance.av + distance.pr + distance.ui, depth1)
        add(lower2, distance.ac + distance.at, depth2)
        add(lower36, distance.vc + distance.vi + distance.va + distance.cr + distance.ir + distance.ar, depth36)
        add(lower4, distance.sc + distance.si + distance.sa, depth4)
        if let lower5, value - lower5 >= 0 { count += 1 }
        guard count > 0 else { return value }
        let denominator = count * common
        let numerator = min(max(value * denominator - sum, 0), 100 * denominator)
        return (2 * numerator + denominator) / (2 * denominator)
    }

    static func levels(_ slots: CVSSMetricSlots) -> Levels {
        // A base value's schema index is its level; a modified metric (base + 15) overrides unless absent or X.
        func effective(_ base: Int) -> Int {
            if let modified = slots[base + 15], modified > 0 { return modified - 1 }
            return slots[base] ?? 0
        }
        // Subsequent-system impacts: base H, L, N are levels 1...3; MSC lists X, H, L, N and MSI/MSA X, S, H, L, N.
        func subsequent(_ base: Int) -> Int {
            if let modified = slots[base + 15], modified > 0 { return base == 8 ? modified : modified - 1 }
            return (slots[base] ?? 0) + 1
        }
        // Threat and requirements: X means the worst case (E:A, xR:H), both listed first after X.
        func defaulted(_ metric: Int) -> Int { max((slots[metric] ?? 0) - 1, 0) }
        return Levels(
            av: effective(0), pr: effective(3), ui: effective(4), ac: effective(1), at: effective(2),
            vc: effective(5), vi: effective(6), va: effective(7),
            sc: subsequent(8), si: subsequent(9), sa: subsequent(10),
            cr: defaulted(12), ir: defaulted(13), ar: defaulted(14), e: defaulted(11)
        )
    }
}

extension CVSS4Scorer.Levels {
    fileprivate var isNonNegative: Bool {
        av >= 0 && pr >= 0 && ui >= 0 && ac >= 0 && at >= 0 && vc >= 0 && vi >= 0 && va >= 0 && sc >= 0 && si >= 0
            && sa >= 0 && cr >= 0 && ir >= 0 && ar >= 0
    }
}
