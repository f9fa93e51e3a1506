/// A request refused for something the caller can fix: the one error type use cases throw for the caller's
/// mistakes. It names the field (a JSON path such as `data[3].cpe23`) and the byte offset when known, so the
/// answer can point at the problem. Anything else a use case throws is the service's fault; only the server
/// decides what either becomes on the wire.
public struct Rejection: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The body is unreadable or a field is wrong.
        case invalid
        /// No credential, or one that is not known.
        case unauthenticated
        /// The caller is known but their roles do not permit this.
        case forbidden
        /// The thing asked for does not exist (or is not the caller's to see).
        case notFound = "not_found"
        /// The body is larger than the service accepts.
        case tooLarge = "too_large"
        /// The thing is not in a state that allows this (a transition the remediation lifecycle refuses, a record
        /// changed by someone else meanwhile).
        case conflict
        /// Readable, but a field's value is refused (a required text left empty, a date not in the future).
        case unprocessable
    }

    public var kind: Kind
    public var detail: String
    public var field: String?
    public var offset: Int?

    public init(_ kind: Kind, _ detail: String, field: String? = nil, offset: Int? = nil) {
        self.kind = kind
        self.detail = detail
        self.field = field
        self.offset = offset
    }

    public var description: String {
        var text = "\(kind.rawValue): \(detail)"
        if let field { text += " (field \(field))" }
        if let offset { text += " (byte \(offset))" }
        return text
    }
}
