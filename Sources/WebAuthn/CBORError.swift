/// A CBOR item that cannot be read: where reading stopped (a byte offset in the buffer given to the reader) and why.
public struct CBORError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid CBOR at byte \(offset): \(reason)" }
}
