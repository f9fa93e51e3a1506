/// A JSON syntax error: the byte offset in the whole buffer where reading stopped and what was expected there.
public struct JSONError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var expected: String

    public init(offset: Int, expected: String) {
        self.offset = offset
        self.expected = expected
    }

    public var description: String { "invalid JSON at byte \(offset): expected \(expected)" }
}
