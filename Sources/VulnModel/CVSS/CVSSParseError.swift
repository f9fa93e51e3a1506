/// Why a CVSS vector string was refused, and where: `offset` counts UTF-8 bytes from the start of `input`.
public struct CVSSParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        case empty
        /// `CVSS:` followed by something other than `3.0/`, `3.1/` or `4.0/`, or a versioned vector in parentheses.
        case unsupportedPrefix
        /// An opening parenthesis without the closing one at the very end (or the reverse).
        case unbalancedParenthesis
        /// `//`, a leading `/` or a trailing `/`.
        case emptyField
        /// A field that is not exactly `metric:value`.
        case malformedField
        case unknownMetric(String)
        case illegalValue(metric: String, value: String)
        case duplicateMetric(String)
        case missingMetric(String)
    }

    public var input: String
    public var offset: Int
    public var reason: Reason

    public init(input: String, offset: Int, reason: Reason) {
        self.input = input
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        let what: String
        switch reason {
        case .empty: what = "empty vector"
        case .unsupportedPrefix: what = "unsupported version prefix"
        case .unbalancedParenthesis: what = "unbalanced parenthesis"
        case .emptyField: what = "empty field"
        case .malformedField: what = "field is not metric:value"
        case .unknownMetric(let metric): what = "unknown metric \(metric)"
        case .illegalValue(let metric, let value): what = "illegal value \(value) for \(metric)"
        case .duplicateMetric(let metric): what = "metric \(metric) given twice"
        case .missingMetric(let metric): what = "mandatory metric \(metric) missing"
        }
        return "\(what) at byte \(offset) of \"\(input)\""
    }
}
