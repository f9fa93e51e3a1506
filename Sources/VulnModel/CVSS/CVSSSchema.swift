/// The metrics one CVSS version allows, in the order its specification writes them in a vector, with their legal
/// values. Base metrics come first; the first `mandatoryCount` are the ones every vector must carry. The scoring
/// code addresses metrics and values by their position here, so the order is part of the contract.
struct CVSSSchema: Sendable {
    let names: [String]
    let values: [[String]]
    let mandatoryCount: Int
    // Names and values packed big-endian into integers, so parsing compares bytes without building strings.
    private let packedNames: [UInt64]
    private let packedValues: [[UInt64]]

    private init(mandatoryCount: Int, _ metrics: [(String, [String])]) {
        self.names = metrics.map(\.0)
        self.values = metrics.map(\.1)
        self.mandatoryCount = mandatoryCount
        self.packedNames = metrics.map { Self.pack($0.0) }
        self.packedValues = metrics.map { $0.1.map(Self.pack) }
    }

    /// Not generic on purpose: it runs for every field of every vector, and an unspecialised generic `reduce`
    /// here cost ten times the rest of the parse.
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var packed: UInt64 = 0
        for byte in bytes { packed = packed << 8 | UInt64(byte) }
        return packed
    }

    private static func pack(_ text: String) -> UInt64 {
        Array(text.utf8).withUnsafeBufferPointer { pack($0) } ?? 0
    }

    func metricIndex(packed: UInt64) -> Int? { packedNames.firstIndex(of: packed) }

    func valueIndex(metric: Int, packed: UInt64) -> Int? { packedValues[metric].firstIndex(of: packed) }

    static func of(_ version: CVSSVersion) -> CVSSSchema {
        switch version {
        case .v2: v2
        case .v30, .v31: v3
        case .v40: v4
        }
    }

    /// CVSS v2 guide, Table 13 (base, temporal, environmental).
    static let v2 = CVSSSchema(
        mandatoryCount: 6,
        [
            ("AV", ["L", "A", "N"]), ("AC", ["H", "M", "L"]), ("Au", ["M", "S", "N"]),
            ("C", ["N", "P", "C"]), ("I", ["N", "P", "C"]), ("A", ["N", "P", "C"]),
            ("E", ["U", "POC", "F", "H", "ND"]), ("RL", ["OF", "TF", "W", "U", "ND"]), ("RC", ["UC", "UR", "C", "ND"]),
            ("CDP", ["N", "L", "LM", "MH", "H", "ND"]), ("TD", ["N", "L", "M", "H", "ND"]),
            ("CR", ["L", "M", "H", "ND"]), ("IR", ["L", "M", "H", "ND"]), ("AR", ["L", "M", "H", "ND"]),
        ]
    )

    /// CVSS v3.0/v3.1 specification, Table 15 (base, temporal, environmental); the same for both minor versions.
    static let v3 = CVSSSchema(
        mandatoryCount: 8,
        [
            ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "R"]),
            ("S", ["U", "C"]), ("C", ["H", "L", "N"]), ("I", ["H", "L", "N"]), ("A", ["H", "L", "N"]),
            ("E", ["X", "H", "F", "P", "U"]), ("RL", ["X", "U", "W", "T", "O"]), ("RC", ["X", "C", "R", "U"]),
            ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
            ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MPR", ["X", "N", "L", "H"]),
            ("MUI", ["X", "N", "R"]), ("MS", ["X", "U", "C"]),
            ("MC", ["X", "H", "L", "N"]), ("MI", ["X", "H", "L", "N"]), ("MA", ["X", "H", "L", "N"]),
        ]
    )

    /// CVSS v4.0 specification, section 7 (base, threat, environmental, supplemental). Base impact values are
    /// listed High, Low, None so that a value's index is its severity level (0 = most severe) in the scoring.
    static let v4 = CVSSSchema(
        mandatoryCount: 11,
        [
            ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]),
            ("UI", ["N", "P", "A"]), ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]),
            ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
            ("E", ["X", "A", "P", "U"]),
            ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
            ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]),
            ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
            ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]),
            ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"]),
            ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]), ("V", ["X", "D", "C"]),
            ("RE", ["X", "L", "M", "H"]), ("U", ["X", "Clear", "Green", "Amber", "Red"]),
        ]
    )
}
