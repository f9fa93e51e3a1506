/// A validated CVSS vector string (v2, v3.0, v3.1 or v4.0) and the base score its specification computes from it.
///
/// Validation is strict: every mandatory metric present, no metric twice, only legal values, no empty fields.
/// Metrics may come in any order, as the `cvss` reference package accepts (real CVE 5 data has out-of-order v3
/// vectors); `isInSpecificationOrder` says whether they came in the order the specification writes them, which
/// FIRST's v4 calculator insists on.
/// A v2 vector may be wrapped in parentheses, as the NVD v2 calculator and some sources write it.
public struct CVSSVector: Hashable, Sendable, CustomStringConvertible {
    public let version: CVSSVersion
    /// The text as given, parentheses included.
    public let string: String
    public let isInSpecificationOrder: Bool
    /// The base score in tenths (0...100): the exact result of the specification's rounding, free of float drift.
    public let baseScoreTenths: Int
    let slots: CVSSMetricSlots

    /// Parses `string`; the score is computed here once, so reading it later costs nothing.
    public init(_ string: String) throws(CVSSParseError) {
        let parsed: Result<Parsed, CVSSParseError>
        if let result = string.utf8.withContiguousStorageIfAvailable({ Self.parse($0, input: string) }) {
            parsed = result
        } else {
            // Only bridged or foreign strings land here; native Swift strings are contiguous UTF-8.
            let bytes = Array(string.utf8)
            parsed = bytes.withUnsafeBufferPointer { Self.parse($0, input: string) }
        }
        let value = try parsed.get()
        self.version = value.version
        self.string = string
        self.isInSpecificationOrder = value.inOrder
        self.slots = value.slots
        switch value.version {
        case .v2: self.baseScoreTenths = Self.v2BaseScoreTenths(value.slots)
        case .v30: self.baseScoreTenths = Self.v3BaseScoreTenths(value.slots, minor: 0)
        case .v31: self.baseScoreTenths = Self.v3BaseScoreTenths(value.slots, minor: 1)
        case .v40: self.baseScoreTenths = CVSS4Scorer.scoreTenths(value.slots)
        }
    }

    /// The base score, 0.0...10.0, with one decimal. For v4.0 it is the score of every metric present (CVSS-B,
    /// -BT, -BE or -BTE), as FIRST's calculator and the `cvss` package compute it.
    public var baseScore: Double { Double(baseScoreTenths) / 10 }

    public var severity: CVSSSeverity { CVSSSeverity(score: baseScore, version: version) }

    /// The value code a metric has in this vector (`vector["AV"] == "N"`), or nil when the vector omits it.
    public subscript(metric: String) -> String? {
        let schema = CVSSSchema.of(version)
        guard let index = schema.names.firstIndex(of: metric), let value = slots[index] else { return nil }
        return schema.values[index][value]
    }

    public var description: String { string }

    // MARK: Parsing

    private struct Parsed {
        var version: CVSSVersion
        var slots: CVSSMetricSlots
        var inOrder: Bool
    }

    private static let marker = Array("CVSS:".utf8)
    private static let slash = UInt8(ascii: "/")
    private static let colon = UInt8(ascii: ":")

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, input: String) -> Result<Parsed, CVSSParseError> {
        func failure(_ offset: Int, _ reason: CVSSParseError.Reason) -> Result<Parsed, CVSSParseError> {
            .failure(CVSSParseError(input: input, offset: offset, reason: reason))
        }
        guard !bytes.isEmpty else { return failure(0, .empty) }
        var start = 0
        var end = bytes.count
        let opens = bytes[0] == UInt8(ascii: "(")
        let closes = bytes[end - 1] == UInt8(ascii: ")")
        if opens != closes || (opens && end == 1) { return failure(opens ? end : end - 1, .unbalancedParenthesis) }
        if opens {
            start += 1
            end -= 1
        }
        guard start < end else { return failure(start, .empty) }

        let version: CVSSVersion
        if let prefixed = prefixVersion(bytes, from: start, to: end) {
            guard let found = prefixed, !opens else { return failure(start, .unsupportedPrefix) }
            version = found
            start += 9
        } else {
            version = .v2
        }

        let schema = CVSSSchema.of(version)
        var slots = CVSSMetricSlots()
        var inOrder = true
        var previous = -1
        var fieldStart = start
        while true {
            var fieldEnd = fieldStart
            var colonAt = -1
            while fieldEnd < end, bytes[fieldEnd] != slash {
                if bytes[fieldEnd] == colon {
                    if colonAt >= 0 { return failure(fieldEnd, .malformedField) }
                    colonAt = fieldEnd
                }
                fieldEnd += 1
            }
            if fieldEnd == fieldStart { return failure(fieldStart, .emptyField) }
            guard colonAt > fieldStart, colonAt < fieldEnd - 1 else { return failure(fieldStart, .malformedField) }
            let name = UnsafeBufferPointer(rebasing: bytes[fieldStart..<colonAt])
            let value = UnsafeBufferPointer(rebasing: bytes[(colonAt + 1)..<fieldEnd])
            guard let metric = CVSSSchema.pack(name).flatMap(schema.metricIndex(packed:)) else {
                return failure(fieldStart, .unknownMetric(String(decoding: name, as: UTF8.self)))
            }
            if slots[metric] != nil { return failure(fieldStart, .duplicateMetric(schema.names[metric])) }
            guard let index = CVSSSchema.pack(value).flatMap({ schema.valueIndex(metric: metric, packed: $0) }) else {
                let text = String(decoding: value, as: UTF8.self)
                return failure(colonAt + 1, .illegalValue(metric: schema.names[metric], value: text))
            }
            slots.set(metric, value: index)
            inOrder = inOrder && metric > previous
            previous = metric
            if fieldEnd == end { break }
            fieldStart = fieldEnd + 1
            if fieldStart == end { return failure(fieldStart, .emptyField) }
        }
        for metric in 0..<schema.mandatoryCount where slots[metric] == nil {
            return failure(bytes.count, .missingMetric(schema.names[metric]))
        }
        return .success(Parsed(version: version, slots: slots, inOrder: inOrder))
    }

    /// nil when there is no `CVSS:` prefix (a v2 vector); `.some(nil)` for an unsupported one.
    private static func prefixVersion(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
        -> CVSSVersion??
    {
        guard end - start >= marker.count, bytes[start..<(start + marker.count)].elementsEqual(marker) else {
            return nil
        }
        guard end - start >= 9, bytes[start + 8] == slash, bytes[start + 6] == UInt8(ascii: ".") else {
            return .some(nil)
        }
        switch (bytes[start + 5], bytes[start + 7]) {
        case (UInt8(ascii: "3"), UInt8(ascii: "0")): return .v30
        case (UInt8(ascii: "3"), UInt8(ascii: "1")): return .v31
        case (UInt8(ascii: "4"), UInt8(ascii: "0")): return .v40
        default: return .some(nil)
        }
    }
}
