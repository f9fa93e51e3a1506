import CPE

/// A product as decisions and verification name it: CPE vendor and product, lower-cased as NVD writes them.
public struct ProductRef: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var vendor: String
    public var product: String

    public init(vendor: String, product: String) {
        self.vendor = vendor.lowercased()
        self.product = product.lowercased()
    }

    /// `vendor:product`.
    public init(parsing text: String) throws(ProductRefError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ProductRefError(input: text, reason: "expected vendor:product")
        }
        self.init(vendor: String(parts[0]), product: String(parts[1]))
    }

    public var description: String { "\(vendor):\(product)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.vendor, lhs.product) < (rhs.vendor, rhs.product) }
}

/// An inventory item's identity for remediation: product and version, from its CPE 2.3 name.
public struct ItemVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var product: ProductRef
    public var version: String

    public init(product: ProductRef, version: String) {
        self.product = product
        self.version = version
    }

    /// The vendor, product and version of a CPE 2.3 formatted string; ANY or NA versions are refused, since a
    /// finding without a version cannot be verified as fixed.
    public init(cpe: String) throws(ProductRefError) {
        let name: CPEName
        do { name = try CPEName(formattedString: cpe) } catch { throw ProductRefError(input: cpe, reason: "\(error)") }
        guard let vendor = name[.vendor].logical, let product = name[.product].logical else {
            throw ProductRefError(input: cpe, reason: "no vendor or product")
        }
        guard let version = name[.version].logical else {
            throw ProductRefError(input: cpe, reason: "no version")
        }
        self.init(product: ProductRef(vendor: vendor, product: product), version: version)
    }

    public var description: String { "\(product):\(version)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.product, lhs.version) < (rhs.product, rhs.version) }
}

public struct ProductRefError: Error, Hashable, Sendable, CustomStringConvertible {
    public var input: String
    public var reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    public var description: String { "invalid product \"\(input)\": \(reason)" }
}
