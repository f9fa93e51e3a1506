import Identification
import TestSupport
import Testing

/// The shipped data files load, and every CPE token they name exists in the NVD vocabulary.
@Suite struct DataFileTests {
    @Test func aliasesLoad() {
        #expect(IdentificationData.aliases.products.count >= 30)
        #expect(IdentificationData.aliases.vendor(forPublisher: "微軟") == "microsoft")
        #expect(IdentificationData.aliases.vendor(forPublisher: "趨勢科技股份有限公司") == "trendmicro")
        #expect(IdentificationData.aliases.vendor(forPublisher: "訊連科技") == "cyberlink")
        #expect(IdentificationData.aliases.vendor(forPublisher: "福昕") == "foxit")
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func aliasTokensExistInNVD() {
        let products = IdentificationData.nvdProducts
        let vendors = IdentificationData.nvdVendors
        for alias in IdentificationData.aliases.products {
            for target in alias.targets {
                #expect(products.contains(target.product.description), "\(alias.id): \(target.product) not in NVD")
            }
        }
        for vendor in IdentificationData.aliases.vendors {
            #expect(vendors.contains(vendor.vendor), "vendor \(vendor.vendor) not in NVD")
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func catalogueVendorTokensExistInNVD() {
        let products = IdentificationData.nvdProducts
        let vendors = IdentificationData.nvdVendors
        for entry in IdentificationData.catalogue.entries {
            for vendor in entry.vendorMatch {
                #expect(vendors.contains(vendor), "\(entry.id): vendor \(vendor) not in NVD")
                for product in entry.productMatch {
                    #expect(
                        ["a", "o", "h"].contains { products.contains("\($0):\(vendor):\(product)") },
                        "\(entry.id): \(vendor):\(product) not in NVD")
                }
            }
        }
    }

    @Test func catalogueHasTheSection25Fields() {
        let catalogue = IdentificationData.catalogue
        #expect(catalogue.entries.count >= 30)
        #expect(Set(catalogue.entries.map(\.category)) == Set(ProhibitedCategory.allCases).subtracting([.otherConcern]))
        for entry in catalogue.entries {
            #expect(entry.sourceType == "secondary")
            #expect(entry.sourceURL.hasPrefix("https://"))
            #expect(!entry.legalBasis.isEmpty)
            #expect(!entry.aliases.names.isEmpty)
            #expect(entry.effectiveFrom != nil)
        }
    }

    @Test func malformedFilesAreRefused() {
        #expect(throws: DataFileError.self) { try AliasDictionary(jsonBytes: Array("{}".utf8)) }
        let badTarget = """
            {"format": "openvans.identification.aliases", "version": "1",
             "products": [{"id": "x", "names": ["X"], "targets": [{"cpe": "q:x:y"}]}]}
            """
        #expect(throws: DataFileError.self) { try AliasDictionary(jsonBytes: Array(badTarget.utf8)) }
        #expect(throws: DataFileError.self) { try ProhibitedCatalogue(jsonBytes: Array("[1,".utf8)) }
    }
}
