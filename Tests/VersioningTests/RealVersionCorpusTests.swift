import TestSupport
import Testing

@testable import Versioning

/// A small deterministic generator (SplitMix64) so the sampled pairs are the same on every run and machine.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Runs the comparison over real same-product versions from NVD and checks the laws a partial order must keep.
/// The printed summary is the source of the indeterminate figures in ADR 0002.
@Suite(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
struct RealVersionCorpusTests {
    static let pairsPerProduct = 1_000
    static let triplesPerProduct = 100

    func corpus() throws -> NVDVersionCorpus { try #require(NVDVersionCorpus.shared, "NVD corpus did not load") }

    @Test func everyRealVersionParsesAndEqualsItself() throws {
        let corpus = try corpus()
        let versions = corpus.allVersions
        print(
            "NVD corpus: \(corpus.fileCount) files, \(corpus.versionsByProduct.count) products, \(versions.count) distinct versions"
        )
        #expect(versions.count > 50_000)
        for raw in versions {
            let version = Version(raw)
            #expect(Version.compare(version, version) == .equal, "\(raw)")
        }
    }

    @Test func sameProductPairsAreAntisymmetric() throws {
        let corpus = try corpus()
        var random = SplitMix64(state: 2002)
        var stats = ConflictStats()
        for product in corpus.versionsByProduct.keys.sorted() {
            let versions = (corpus.versionsByProduct[product] ?? []).map(Version.init)
            forEachPair(versions.count, limit: Self.pairsPerProduct, &random) { left, right in
                let forward = VersionComparator.step(versions[left], versions[right])
                let backward = Version.compare(versions[right], versions[left])
                stats.record(forward, versions[left], versions[right])
                let expected = VersionComparator.compare(versions[left], versions[right]).reversed
                #expect(symbol(backward) == symbol(expected), "\(versions[left]) vs \(versions[right])")
            }
        }
        print(stats.summary(title: "Same vendor:product pairs from NVD"))
        #expect(stats.total > 1_000_000)
        #expect(stats.indeterminateShare < 0.25, "indeterminate share regressed")
    }

    @Test func definiteTriplesAreTransitive() throws {
        let corpus = try corpus()
        var random = SplitMix64(state: 1999)
        var checked = 0
        for product in corpus.versionsByProduct.keys.sorted() {
            let versions = (corpus.versionsByProduct[product] ?? []).map(Version.init)
            guard versions.count >= 3 else { continue }
            for _ in 0..<min(Self.triplesPerProduct, versions.count * versions.count) {
                let (a, b, c) = (
                    versions[random.below(versions.count)], versions[random.below(versions.count)],
                    versions[random.below(versions.count)]
                )
                guard let ab = sign(Version.compare(a, b)), let bc = sign(Version.compare(b, c)),
                    let ac = sign(Version.compare(a, c))
                else { continue }
                checked += 1
                if ab == bc || bc == 0 {
                    #expect(ac == ab, "\(a) \(ab) \(b) \(bc) \(c) but \(ac)")
                } else if ab == 0 {
                    #expect(ac == bc, "\(a) = \(b) \(bc) \(c) but \(ac)")
                }
            }
        }
        print("Transitivity: \(checked) definite same-product triples checked")
        #expect(checked > 300_000)
    }

    /// All pairs for small products, a fixed-seed sample for large ones.
    private func forEachPair(_ count: Int, limit: Int, _ random: inout SplitMix64, _ body: (Int, Int) -> Void) {
        guard count >= 2 else { return }
        if count * (count - 1) / 2 <= limit {
            for left in 0..<count {
                for right in (left + 1)..<count { body(left, right) }
            }
            return
        }
        for _ in 0..<limit {
            let left = random.below(count)
            var right = random.below(count - 1)
            if right >= left { right += 1 }
            body(left, right)
        }
    }

    private func sign(_ order: VersionOrder) -> Int? {
        switch order {
        case .less: -1
        case .equal: 0
        case .greater: 1
        case .indeterminate: nil
        }
    }
}

/// Counts indeterminate answers by the kind of conflict, with a few real examples of each.
struct ConflictStats {
    private(set) var total = 0
    private var counts: [String: Int] = [:]
    private var examples: [String: [String]] = [:]

    var indeterminate: Int { counts.values.reduce(0, +) }
    var indeterminateShare: Double { total == 0 ? 0 : Double(indeterminate) / Double(total) }

    mutating func record(_ step: VersionComparator.Step, _ lhs: Version, _ rhs: Version) {
        total += 1
        guard case .conflict(let conflict) = step else { return }
        let key = Self.label(conflict)
        counts[key, default: 0] += 1
        if examples[key, default: []].count < 4 { examples[key, default: []].append("\(lhs.raw) | \(rhs.raw)") }
    }

    static func label(_ conflict: VersionComparator.Conflict) -> String {
        switch conflict {
        case .empty: "no version content"
        case .epoch: "epoch on one side"
        case .scheme(let left, let right):
            "scheme: " + [left.name, right.name].sorted().joined(separator: " vs ")
        case .opaque(let left, let right):
            "opaque: " + [left.kind, right.kind].map(Self.kindName).sorted().joined(separator: " vs ")
        case .leadingZero: "leading zero (decimal reading disagrees)"
        case .markers: "unrelated markers"
        case .dayMonthOrder: "day/month order"
        }
    }

    private static func kindName(_ kind: VersionToken.Kind) -> String {
        switch kind {
        case .number: "number/nothing"
        case .preRelease: "pre-release"
        case .postRelease: "post-release"
        case .letters: "letter suffix"
        case .word: "word"
        case .hex: "hash"
        case .bigNumber: "long number"
        case .wildcard: "wildcard"
        }
    }

    func summary(title: String) -> String {
        var lines = [
            "\(title): \(total) pairs, \(indeterminate) indeterminate "
                + "(\(String(format: "%.2f", indeterminateShare * 100))%)"
        ]
        for (key, count) in counts.sorted(by: { $0.value > $1.value }) {
            let share = String(format: "%.2f", Double(count) * 100 / Double(max(total, 1)))
            lines.append("  \(share)%  \(count)  \(key)  e.g. \((examples[key] ?? []).joined(separator: " ; "))")
        }
        return lines.joined(separator: "\n")
    }
}
