/// Why an XML document was refused, and the byte offset (from the start of the input) where that was found.
public struct XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// A document type declaration. Refused outright so that entity expansion (billion laughs) and
        /// external entities (XXE) cannot happen, whatever the declaration says.
        case doctypeRefused = "doctype_refused"
        /// A configured bound was exceeded: nesting depth, name, attribute or text length, attribute count.
        case limitExceeded = "limit_exceeded"
        /// The input ended inside markup or with elements still open.
        case truncated
        /// Anything else that is not well-formed XML.
        case malformed
    }

    public var kind: Kind
    public var offset: Int
    public var reason: String

    public init(kind: Kind, offset: Int, reason: String) {
        self.kind = kind
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(kind.rawValue) at byte \(offset): \(reason)" }
}
