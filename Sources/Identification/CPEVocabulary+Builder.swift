import CPE
import Inventory
import VulnModel

extension CPEVocabulary {
    /// Collects products from any mix of sources, then indexes them.
    public struct Builder: Sendable {
        private var entries: [Entry] = []
        private var index: [ProductKey: Int32] = [:]
        /// Raw title prefixes already turned into spellings, so each distinct wording is normalised once.
        private var seenTitles: [ProductKey: Set<String>] = [:]

        public init() {}

        /// Adds one product, with an exact version (logical text) and title when known.
        public mutating func add(
            _ key: ProductKey, version: String? = nil, update: String? = nil, title: String? = nil, cves: Int = 0
        ) {
            let position = slot(for: key)
            if let version, version != "*", version != "-", !version.isEmpty {
                let lowered = version.lowercased()
                entries[position].versions.insert(lowered)
                if let update, update != "*", update != "-" {
                    entries[position].versions.insert(lowered + ":" + update.lowercased())
                }
            }
            entries[position].cveCount += cves
            if let title { addTitle(title, version: version, at: position) }
        }

        /// Every criterion of every CVE: products with their exact versions, each CVE counted once per product.
        public mutating func add(_ knowledgeBase: KnowledgeBase) {
            for record in knowledgeBase.records.values where record.status != .rejected {
                var counted: Set<ProductKey> = []
                for configuration in record.configurations {
                    for match in configuration.allMatches {
                        guard let name = try? CPEName(formattedString: match.criteria),
                            let key = Self.key(of: name)
                        else { continue }
                        let exact = match.hasRange ? nil : name[.version].logical
                        add(key, version: exact, update: name[.update].logical, cves: counted.contains(key) ? 0 : 1)
                        counted.insert(key)
                    }
                }
            }
        }

        /// The derived index `part,vendor,product,cve_count,…,example_title_en,example_title_ja` (header first).
        public mutating func add(indexCSV bytes: [UInt8]) {
            var reader = CSVReader(bytes: bytes)
            guard let header = reader.next() else { return }
            let columns = header.fields
            func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
            guard let part = column("part"), let vendor = column("vendor"), let product = column("product") else {
                return
            }
            let cves = column("cve_count")
            let titleColumns = columns.indices.filter { columns[$0].hasPrefix("example_title") }
            while let record = reader.next() {
                let fields = record.fields
                guard fields.count > max(part, vendor, product) else { continue }
                let key = ProductKey(part: fields[part], vendor: fields[vendor], product: fields[product])
                let count = cves.flatMap { $0 < fields.count ? Int(fields[$0]) : nil } ?? 0
                add(key, cves: count)
                for column in titleColumns where column < fields.count && !fields[column].isEmpty {
                    add(key, title: fields[column])
                }
            }
        }

        /// The official CPE dictionary's items: products, exact versions and titles.
        public mutating func add(dictionaryXML bytes: [UInt8]) {
            for item in CPEDictionaryScanner(bytes: bytes) {
                guard let name = try? CPEName(formattedString: item.name), let key = Self.key(of: name) else {
                    continue
                }
                let version = name[.version].logical
                add(key, version: version, update: name[.update].logical)
                let ordered = item.titles.sorted { ($0.language == "en-US" ? 0 : 1) < ($1.language == "en-US" ? 0 : 1) }
                for title in ordered { add(key, title: title.text) }
            }
        }

        public consuming func build() -> CPEVocabulary {
            var byWord: [String: [Int32]] = [:]
            var byVendor: [String: [Int32]] = [:]
            for (position, entry) in entries.enumerated() {
                let id = Int32(position)
                var words: Set<String> = []
                for spelling in entry.spellings { words.formUnion(spelling) }
                for word in words { byWord[word, default: []].append(id) }
                byVendor[CPEVocabulary.compact(entry.key.logicalVendor), default: []].append(id)
            }
            return CPEVocabulary(entries: entries, indexByKey: index, byWord: byWord, byVendor: byVendor)
        }

        static func key(of name: CPEName) -> ProductKey? {
            guard case .value = name[.part], case .value = name[.vendor], case .value = name[.product],
                !name[.vendor].containsWildcards, !name[.product].containsWildcards
            else { return nil }
            let text = name.formattedString.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard text.count >= 5 else { return nil }
            return ProductKey(part: String(text[2]), vendor: String(text[3]), product: String(text[4]))
        }

        private mutating func slot(for key: ProductKey) -> Int {
            if let existing = index[key] { return Int(existing) }
            let words = NameNormalizer.normalize(key.logicalProduct.replacingAll("_", with: " ")).words
            var vendorWords = Set(NameNormalizer.normalize(key.logicalVendor.replacingAll("_", with: " ")).words)
            vendorWords.insert(CPEVocabulary.compact(key.logicalVendor))
            let entry = Entry(
                key: key, titles: [], versions: [], cveCount: 0, spellings: words.isEmpty ? [] : [words],
                vendorWords: vendorWords, vendorCompact: CPEVocabulary.compact(key.logicalVendor))
            entries.append(entry)
            index[key] = Int32(entries.count - 1)
            return entries.count - 1
        }

        private mutating func addTitle(_ title: String, version: String?, at position: Int) {
            let key = entries[position].key
            var stem = Substring(title)
            if let version, !version.isEmpty, stem.hasSuffix(" " + version) {
                stem = stem.dropLast(version.count + 1)
            }
            let raw = String(stem)
            guard seenTitles[key, default: []].insert(raw).inserted, entries[position].titles.count < 6 else { return }
            entries[position].titles.append(title)
            var words = NameNormalizer.normalize(raw).words
            let vendorCompact = entries[position].vendorCompact
            // Titles start with the vendor's display name (`Trend Micro OfficeScan`): take off the longest
            // leading run of words that spells the vendor, and remember those words as the vendor's.
            var joined = ""
            for length in 1...max(1, min(3, words.count)) where length <= words.count {
                joined += CPEVocabulary.compact(words[length - 1])
                if joined == vendorCompact || entries[position].vendorWords.contains(words[length - 1]) && length == 1 {
                    entries[position].vendorWords.formUnion(words[0..<length])
                    words.removeFirst(length)
                    break
                }
            }
            guard !words.isEmpty, !entries[position].spellings.contains(words) else { return }
            entries[position].spellings.append(words)
        }
    }
}
