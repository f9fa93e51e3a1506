import JSON

extension AliasDictionary {
    /// The format name a dictionary file must declare, so that another JSON file passed by mistake is refused.
    public static let formatName = "openvans.identification.aliases"

    /// Reads `aliases.json`. Every target must be a well-formed `part:vendor:product` with part `a`, `o` or `h`.
    public init(jsonBytes bytes: [UInt8], file: String = "aliases.json") throws(DataFileError) {
        let root: JSONTree
        do { root = try JSONTree.parse(bytes) } catch { throw DataFileError(file: file, reason: "\(error)") }
        guard root["format"]?.string == Self.formatName else {
            throw DataFileError(file: file, reason: "format is not \(Self.formatName)")
        }
        guard let version = root["version"]?.string else { throw DataFileError(file: file, reason: "no version") }
        var vendors: [VendorAlias] = []
        for (position, node) in (root["vendors"]?.elements ?? []).enumerated() {
            guard let vendor = node["vendor"]?.string, !vendor.isEmpty else {
                throw DataFileError(file: file, reason: "vendors[\(position)] has no vendor")
            }
            vendors.append(VendorAlias(vendor: vendor, names: node["names"]?.strings ?? []))
        }
        var products: [ProductAlias] = []
        for (position, node) in (root["products"]?.elements ?? []).enumerated() {
            let id = node["id"]?.string ?? "products[\(position)]"
            var targets: [AliasTarget] = []
            for target in node["targets"]?.elements ?? [] {
                guard let text = target["cpe"]?.string, let key = ProductKey(text) else {
                    throw DataFileError(file: file, reason: "\(id): target is not part:vendor:product")
                }
                targets.append(
                    AliasTarget(
                        product: key, from: target["from"]?.string, before: target["before"]?.string,
                        fixedVersion: target["version"]?.string, swEdition: target["sw_edition"]?.string))
            }
            guard !targets.isEmpty else { throw DataFileError(file: file, reason: "\(id): no targets") }
            let names = node["names"]?.strings ?? []
            guard !names.isEmpty else { throw DataFileError(file: file, reason: "\(id): no names") }
            let matchText = node["match"]?.string ?? "prefix"
            guard let match = ProductAlias.Match(rawValue: matchText) else {
                throw DataFileError(file: file, reason: "\(id): match must be prefix or exact")
            }
            let ruleText = node["version_rule"]?.string ?? "upstream"
            guard let rule = VersionRule(rawValue: ruleText) else {
                throw DataFileError(file: file, reason: "\(id): unknown version_rule \(ruleText)")
            }
            products.append(
                ProductAlias(
                    id: id, names: names, targets: targets, match: match, versionRule: rule,
                    note: node["note"]?.string))
        }
        self.init(version: version, vendors: vendors, products: products)
        for family in root["vendor_families"]?.elements ?? [] {
            let members = family["vendors"]?.strings ?? []
            guard let head = members.first else { continue }
            for member in members { vendorFamilies[member] = head }
        }
    }
}
