import Feeds
import Foundation
import TestSupport
import VulnModel

/// Decoding helpers over the committed fixtures (`Tests/Fixtures/Feeds`) and the shared corpora.
enum Feed {
    static func fixture(_ name: String) throws -> FeedBatch {
        let bytes = [UInt8](try Data(contentsOf: SharedData.fixture("Feeds/\(name)")))
        return FeedDecoder.decode(bytes, document: name)
    }

    static func shared(_ path: String) throws -> FeedBatch {
        FeedDecoder.decode(try SharedData.bytes(path), document: path)
    }

    static let sharedDataAvailable = SharedData.isAvailable
}

extension FeedBatch {
    func record(_ id: String) -> CVERecord? {
        guard let cve = CVEID(id) else { return nil }
        return records.first { $0.id == cve }
    }
}

extension CPEMatch {
    /// A compact text for comparisons in tests: `vulnerable criteria [range]`.
    var summary: String {
        (vulnerable ? "+ " : "- ") + criteria + (rangeDescription.map { " [\($0)]" } ?? "")
    }
}
