import AppCore

/// A fixed table of API keys, given at start-up (tests, and the demo key of `vans serve`).
public struct MemoryAPIKeys: APIKeyVerifier {
    public let keys: [String: Uploader]

    public init(_ keys: [String: Uploader]) { self.keys = keys }

    public func uploader(forKey key: String) -> Uploader? { keys[key] }
}
