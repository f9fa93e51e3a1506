import CPE
import Matching
import Versioning
import VulnModel

extension ByteWriter {
    mutating func value(_ value: CPEValue) {
        switch value {
        case .any: u8(0)
        case .notApplicable: u8(1)
        case .value(let text):
            u8(2)
            reference(text)
        }
    }

    mutating func bound(_ bound: VersionRange.Bound?) {
        switch bound {
        case nil: u8(0)
        case .including(let version):
            u8(1)
            reference(version.raw)
        case .excluding(let version):
            u8(2)
            reference(version.raw)
        }
    }

    mutating func constraints(_ constraints: [CompiledCriterion.Constraint]) {
        u8(UInt8(constraints.count))
        for constraint in constraints {
            u8(UInt8(constraint.attribute.rawValue))
            value(constraint.value)
        }
    }

    mutating func numbers(_ numbers: [Int32]) {
        count(numbers.count)
        for number in numbers { u32(UInt32(bitPattern: number)) }
    }

    mutating func range(_ range: Range<Int32>) {
        u32(UInt32(range.lowerBound))
        u32(UInt32(range.upperBound))
    }

    mutating func provenance(_ provenance: Provenance) {
        reference(provenance.kind.rawValue)
        reference(provenance.document)
        optionalReference(provenance.provider)
    }
}

extension ByteReader {
    mutating func value() throws(SnapshotError) -> CPEValue {
        let start = offset
        switch try u8() {
        case 0: return .any
        case 1: return .notApplicable
        case 2: return .value(try reference())
        case let tag: throw SnapshotError(offset: start, reason: "unknown CPE value tag \(tag)")
        }
    }

    mutating func bound() throws(SnapshotError) -> VersionRange.Bound? {
        let start = offset
        switch try u8() {
        case 0: return nil
        case 1: return .including(Version(try reference()))
        case 2: return .excluding(Version(try reference()))
        case let tag: throw SnapshotError(offset: start, reason: "unknown range bound tag \(tag)")
        }
    }

    mutating func constraints() throws(SnapshotError) -> [CompiledCriterion.Constraint] {
        let total = Int(try u8())
        var result: [CompiledCriterion.Constraint] = []
        for _ in 0..<total {
            let start = offset
            guard let attribute = CPEAttribute(rawValue: Int(try u8())) else {
                throw SnapshotError(offset: start, reason: "unknown CPE attribute")
            }
            result.append(CompiledCriterion.Constraint(attribute: attribute, value: try value()))
        }
        return result
    }

    /// Non-negative numbers, each below `limit` when one is given.
    mutating func numbers(below limit: Int? = nil) throws(SnapshotError) -> [Int32] {
        let total = try count(minimumSize: 4)
        var result: [Int32] = []
        result.reserveCapacity(total)
        for _ in 0..<total {
            let start = offset
            let number = Int32(bitPattern: try u32())
            guard number >= 0, Int(number) < limit ?? Int(Int32.max) else {
                throw SnapshotError(offset: start, reason: "number \(number) out of range")
            }
            result.append(number)
        }
        return result
    }

    mutating func range() throws(SnapshotError) -> Range<Int32> {
        let start = offset
        let lower = Int32(bitPattern: try u32())
        let upper = Int32(bitPattern: try u32())
        guard lower >= 0, lower <= upper else { throw SnapshotError(offset: start, reason: "invalid range") }
        return lower..<upper
    }

    mutating func groups() throws(SnapshotError) -> [CompiledGroup] {
        var groups: [CompiledGroup] = []
        let total = try count(minimumSize: 9)
        groups.reserveCapacity(total)
        for _ in 0..<total {
            let flags = try u8()
            groups.append(CompiledGroup(op: flags & 1 == 1 ? .and : .or, negate: flags & 2 == 2, members: try range()))
        }
        return groups
    }

    mutating func provenance() throws(SnapshotError) -> Provenance {
        let start = offset
        guard let kind = FeedKind(rawValue: try reference()) else {
            throw SnapshotError(offset: start, reason: "unknown feed kind")
        }
        return Provenance(kind: kind, document: try reference(), provider: try optionalReference())
    }
}
