import CPE

/// `part:vendor:product` of a CPE, with vendor and product spelled as in a CPE 2.3 formatted string
/// (`notepad-plus-plus:notepad\+\+`), which is how NVD writes its match criteria.
public struct ProductKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var part: String
    public var vendor: String
    public var product: String

    public init(part: String, vendor: String, product: String) {
        self.part = part
        self.vendor = vendor
        self.product = product
    }

    /// Parses `a:vendor:product`; nil unless it makes a well-formed CPE name with a concrete part.
    public init?(_ text: String) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, ["a", "o", "h"].contains(fields[0]) else { return nil }
        self.init(part: String(fields[0]), vendor: String(fields[1]), product: String(fields[2]))
        guard cpeName(version: nil) != nil else { return nil }
    }

    public var description: String { "\(part):\(vendor):\(product)" }

    public static func < (lhs: ProductKey, rhs: ProductKey) -> Bool { lhs.description < rhs.description }

    /// The product's CPE name with the given version (logical text; nil for ANY) and other attributes.
    public func cpeName(
        version: String?, update: String? = nil, swEdition: String? = nil, targetHW: String? = nil
    ) -> CPEName? {
        guard let base = try? CPEName(formattedString: "cpe:2.3:\(part):\(vendor):\(product):*:*:*:*:*:*:*:*") else {
            return nil
        }
        var name = base
        do {
            if let version { name[.version] = version == "-" ? .notApplicable : try CPEValue(logical: version) }
            if let update { name[.update] = try CPEValue(logical: update) }
            if let swEdition { name[.swEdition] = try CPEValue(logical: swEdition) }
            if let targetHW { name[.targetHW] = try CPEValue(logical: targetHW) }
        } catch {
            return nil
        }
        return name
    }

    /// Vendor and product as plain text (`notepad++`), for tokenising.
    var logicalVendor: String { Self.unescape(vendor) }
    var logicalProduct: String { Self.unescape(product) }

    private static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var output = ""
        var quoting = false
        for character in text {
            if character == "\\" && !quoting {
                quoting = true
                continue
            }
            quoting = false
            output.append(character)
        }
        return output
    }
}
