/// The `rematch` job a feed change enqueues (shared contract with the worker): the products whose findings may have
/// changed, as `vendor:product`, sorted.
public struct RematchRequest: Hashable, Sendable {
    public static let jobKind = Job.Kind("rematch")

    public var products: [String]

    public init(products: some Sequence<String>) { self.products = Set(products).sorted() }

    /// `{"products":["vendor:product", ...]}`.
    public var payload: String {
        "{\"products\":[" + products.map(Self.quoted).joined(separator: ",") + "]}"
    }

    /// The job. Not deduplicated: a later change to the same products must be re-matched again even when an earlier
    /// job for them has already run.
    public var job: NewJob {
        NewJob(kind: Self.jobKind, payload: payload, dedupeKey: nil)
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
