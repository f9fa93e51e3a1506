/// The highest-severity vectors of each EQ level and the maximal severity depth of each level, from the CVSS v4.0
/// reference calculator (`max_composed.js`, `max_severity.js`). Written in vector notation so they can be checked
/// against the source; turned into severity levels once.
enum CVSS4MaxVectors {
    static let eq1: [[CVSS4Scorer.Levels]] = [
        ["AV:N/PR:N/UI:N"],
        ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"],
        ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"],
    ].map { $0.map(levels) }

    static let eq2: [[CVSS4Scorer.Levels]] = [
        ["AC:L/AT:N"],
        ["AC:H/AT:N", "AC:L/AT:P"],
    ].map { $0.map(levels) }

    /// Indexed by EQ3 × 2 + EQ6; EQ3 = 2 with EQ6 = 0 does not exist.
    static let eq3and6: [[CVSS4Scorer.Levels]] = [
        ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"],
        ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"],
        ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"],
        [
            "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
            "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M",
        ],
        [],
        ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"],
    ].map { $0.map(levels) }

    static let eq4: [[CVSS4Scorer.Levels]] = [
        ["SC:H/SI:S/SA:S"],
        ["SC:H/SI:H/SA:H"],
        ["SC:L/SI:L/SA:L"],
    ].map { $0.map(levels) }

    // Maximal severity depth of each level, in tenths (the reference multiplies these by a step of 0.1).
    static let depth1 = [1, 4, 5]
    static let depth2 = [1, 2]
    static let depth3and6 = [7, 6, 8, 8, 0, 10]
    static let depth4 = [6, 5, 4]

    private static func levels(_ vector: String) -> CVSS4Scorer.Levels {
        let scales: [String: [Substring]] = [
            "AV": ["N", "A", "L", "P"], "PR": ["N", "L", "H"], "UI": ["N", "P", "A"], "AC": ["L", "H"],
            "AT": ["N", "P"], "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"],
            "SC": ["S", "H", "L", "N"], "SI": ["S", "H", "L", "N"], "SA": ["S", "H", "L", "N"],
            "CR": ["H", "M", "L"], "IR": ["H", "M", "L"], "AR": ["H", "M", "L"],
        ]
        let fields: [String: WritableKeyPath<CVSS4Scorer.Levels, Int>] = [
            "AV": \.av, "PR": \.pr, "UI": \.ui, "AC": \.ac, "AT": \.at, "VC": \.vc, "VI": \.vi, "VA": \.va,
            "SC": \.sc, "SI": \.si, "SA": \.sa, "CR": \.cr, "IR": \.ir, "AR": \.ar,
        ]
        var result = CVSS4Scorer.Levels()
        for field in vector.split(separator: "/") {
            let parts = field.split(separator: ":")
            guard parts.count == 2, let path = fields[String(parts[0])],
                let level = scales[String(parts[0])]?.firstIndex(of: parts[1])
            else { continue }
            result[keyPath: path] = level
        }
        return result
    }
}
