import Foundation
import Identification
import Inventory
import TestSupport

/// The shipped data files and the shared vocabulary, loaded once for all suites.
enum IdentificationData {
    static func dataFile(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: SharedData.packageRoot.appendingPathComponent("Data/identification/\(name)")))
    }

    static let aliases: AliasDictionary = {
        do { return try AliasDictionary(jsonBytes: dataFile("aliases.json")) } catch {
            fatalError("aliases.json does not load: \(error)")
        }
    }()

    static let catalogue: ProhibitedCatalogue = {
        do { return try ProhibitedCatalogue(jsonBytes: dataFile("prohibited-catalogue.json")) } catch {
            fatalError("prohibited-catalogue.json does not load: \(error)")
        }
    }()

    /// Every `part:vendor:product` the NVD configurations use (the derived index), as a set of `a:vendor:product`.
    static let nvdProducts: Set<String> = {
        guard let bytes = try? SharedData.bytes("cpe/nvd-cve-cpe-vendor-product-index.csv.gz") else { return [] }
        var products: Set<String> = []
        var reader = CSVReader(bytes: bytes)
        _ = reader.next()
        while let record = reader.next() {
            guard record.fields.count >= 3 else { continue }
            products.insert("\(record.fields[0]):\(record.fields[1]):\(record.fields[2])")
        }
        return products
    }()

    static var nvdVendors: Set<String> { Set(nvdProducts.map { String($0.split(separator: ":")[1]) }) }

    /// The derived NVD index and the 2015 CPE dictionary (en-US and ja-JP titles).
    static let vocabulary: CPEVocabulary = {
        var builder = CPEVocabulary.Builder()
        if let index = try? SharedData.bytes("cpe/nvd-cve-cpe-vendor-product-index.csv.gz") {
            builder.add(indexCSV: index)
        }
        if let dictionary = try? SharedData.bytes("cpe/official-cpe-dictionary_v2.3_2015-10-14.xml.gz") {
            builder.add(dictionaryXML: dictionary)
        }
        return builder.build()
    }()

    static let identifier = SoftwareIdentifier(vocabulary: vocabulary, aliases: aliases)
}
