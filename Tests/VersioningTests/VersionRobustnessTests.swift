import Testing
import Versioning

/// Parsing must never trap, whatever the text: inventories carry free text, and one bad row must not stop a run.
@Suite struct VersionRobustnessTests {
    static let extremes: [String] = [
        "", " ", "-", "*", "~", ":", "::", "1:", ":1", "0:", "v", "V", "\\", "\\\\", "(", ")", "._-+~",
        String(repeating: "9", count: 400),
        String(repeating: "0", count: 30) + "1",
        String(repeating: "1-", count: 200),
        String(repeating: "1.", count: 500) + "x",
        String(repeating: "z", count: 40),
        String(repeating: "ab1", count: 100),
        "18446744073709551615.18446744073709551616",
        "99999999:1.0",
        "20231301", "20230132", "00000000", "2023-13-01", "31-31-2013", "1-1-1", "1-1-99999",
        "🙂1.0", "1.0-版", "\u{0}1.0", "1.0\u{7f}", "ǅ1.0", "1.0.2k\u{301}",
    ]

    @Test(arguments: extremes)
    func extremeTextParsesAndComparesConsistently(_ raw: String) {
        let version = Version(raw)
        #expect(Version.compare(version, version) == .equal)
        for other in ["1.0", "2023.1", "20230101", "1.0.2k", "-"] {
            let forward = symbol(Version.compare(version, Version(other)))
            #expect(symbol(Version.compare(Version(other), version)) == mirrored(forward))
        }
    }

    /// Random strings over the characters real versions use, plus a few that they should not.
    @Test func randomTextNeverTrapsAndStaysAntisymmetric() {
        let alphabet = Array("0123456789000111abcdefpruxz._-+~:() *\\βrcalphabetaupdatesp")
        var random = SplitMix64(state: 12)
        var previous = Version("1.0")
        for _ in 0..<20_000 {
            let length = random.below(14)
            let raw = String((0..<length).map { _ in alphabet[random.below(alphabet.count)] })
            let version = Version(raw)
            #expect(Version.compare(version, version) == .equal, "\(raw)")
            let forward = symbol(Version.compare(previous, version))
            #expect(symbol(Version.compare(version, previous)) == mirrored(forward), "\(raw)")
            previous = version
        }
    }

    /// Versions built from the pieces the rules treat specially, so that triples mix zeros, leading zeros,
    /// markers, letters and revisions far more often than real data does.
    @Test func syntheticTriplesAreTransitive() {
        let numbers = ["0", "1", "2", "01", "02", "10", "00"]
        let qualifiers = [
            "", "", "a1", "b2", "rc1", "-rc.2", "p1", "_1", "k", "zh", "sp1", "-beta", "~rc1", ".final", "-patch2",
            "u381", "-dev", "e7", ".x",
        ]
        let revisions = ["", "", "-1", "-2", "-0"]
        var random = SplitMix64(state: 77)
        func make() -> Version {
            let count = 1 + random.below(4)
            let release = (0..<count).map { _ in numbers[random.below(numbers.count)] }.joined(separator: ".")
            return Version(
                release + qualifiers[random.below(qualifiers.count)] + revisions[random.below(revisions.count)])
        }
        var checked = 0
        for _ in 0..<60_000 {
            let (a, b, c) = (make(), make(), make())
            guard let ab = sign(a, b), let bc = sign(b, c), let ac = sign(a, c) else { continue }
            checked += 1
            if ab == bc || bc == 0 {
                #expect(ac == ab, "\(a) \(ab) \(b) \(bc) \(c) but \(ac)")
            } else if ab == 0 {
                #expect(ac == bc, "\(a) = \(b) \(bc) \(c) but \(ac)")
            }
        }
        #expect(checked > 20_000)
    }

    private func sign(_ lhs: Version, _ rhs: Version) -> Int? {
        switch Version.compare(lhs, rhs) {
        case .less: -1
        case .equal: 0
        case .greater: 1
        case .indeterminate: nil
        }
    }
}
