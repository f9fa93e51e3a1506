import Identification
import Matching
import VulnModel

/// The knowledge base the service works with: what matching needs and the identifier whose vocabulary is that
/// knowledge base's products, built once per load so that every upload is identified and matched alike.
public struct LoadedKnowledgeBase: Sendable {
    public let matcher: InventoryMatcher
    public let identifier: InventoryIdentifier
    /// Where it came from (a `.vanskb` file, the sample feeds), for logs and status pages.
    public let source: String
    public let loadedAt: Timestamp

    public init(matcher: InventoryMatcher, identifier: InventoryIdentifier, source: String, loadedAt: Timestamp) {
        self.matcher = matcher
        self.identifier = identifier
        self.source = source
        self.loadedAt = loadedAt
    }
}
