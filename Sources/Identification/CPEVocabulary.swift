/// The CPE products identification may answer with: every `part:vendor:product` the vulnerability data uses
/// (with its exact versions) and the CPE dictionary's products (with their titles). Products only the
/// dictionary knows are still answers (a correct CPE without CVEs today may gain some tomorrow), but the
/// scorer prefers products with vulnerability data on a tie.
public struct CPEVocabulary: Sendable {
    public struct Entry: Sendable {
        public var key: ProductKey
        /// Up to a few distinct dictionary titles (en-US first, then ja-JP), version text included.
        public var titles: [String]
        /// Exact versions seen, logical and lower-cased; with an update as `version:update` (`1.8.0:update381`).
        public var versions: Set<String>
        /// CVEs whose configurations name the product (from the knowledge base or the derived index).
        public var cveCount: Int
        /// Word lists that name the product: its CPE product id's words, then each distinct title's words with
        /// the vendor's words and the version taken out.
        var spellings: [[String]]
        /// The vendor's words (`trend`, `micro` for `trendmicro` when titles spell it so) and its compact form.
        var vendorWords: Set<String>
        /// `compact(vendor)`, kept because the scorer compares it for every candidate.
        var vendorCompact: String
    }

    public internal(set) var entries: [Entry]
    let indexByKey: [ProductKey: Int32]
    let byWord: [String: [Int32]]
    /// Compact vendor text (`trendmicro`, `igorpavlov`) → products of that vendor.
    let byVendor: [String: [Int32]]

    public var count: Int { entries.count }

    public func entry(_ key: ProductKey) -> Entry? {
        indexByKey[key].map { entries[Int($0)] }
    }

    /// Whether a vendor token exists in the vocabulary.
    public func hasVendor(_ vendor: String) -> Bool { byVendor[Self.compact(vendor)] != nil }

    public func products(ofVendor vendor: String) -> [ProductKey] {
        (byVendor[Self.compact(vendor)] ?? []).map { entries[Int($0)].key }
    }

    /// Letters and digits only: `trend_micro`, `Trend Micro` and `trendmicro` meet.
    static func compact(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { NameTokenizer.isWordScalar($0) || NameTokenizer.isCJK($0) })
    }
}
