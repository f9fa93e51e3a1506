import VulnModel

/// A location named by the user that cannot be read at all (missing, not a file or folder, no permission).
/// Problems inside readable documents are diagnostics in the batches, never this error.
public struct FeedLocationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: String
    public var reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
}

/// Where feed documents come from: files and folders today, the NVD/KEV/EPSS services later.
public protocol FeedDocumentSource: Sendable {
    /// Decodes every feed document at or under `locations`, at most `parallelism` at a time, and hands each
    /// batch to `consume` as soon as it is decoded, one at a time, so superseded records can be freed early.
    func load(
        _ locations: [String],
        parallelism: Int,
        consume: (FeedBatch) -> Void
    ) async throws(FeedLocationError)
}
