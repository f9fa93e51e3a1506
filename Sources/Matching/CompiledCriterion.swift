import CPE
import Versioning

/// A CPE match criterion parsed once: the name, its version range, and the attributes that constrain.
struct CompiledCriterion: Sendable {
    let text: String
    let name: CPEName
    let range: VersionRange?
    let rangeText: String?
    /// The criterion's own version when it is a plain value (no wildcards), for exact-version criteria.
    let exactVersion: Version?
    /// Attributes after `version` that are not ANY and so must be compared.
    let constrained: [CPEAttribute]

    static let trailingAttributes: [CPEAttribute] = [
        .update, .edition, .language, .swEdition, .targetSW, .targetHW, .other,
    ]

    init(text: String, name: CPEName, range: VersionRange?, rangeText: String?) {
        self.text = text
        self.name = name
        self.range = range
        self.rangeText = rangeText
        if case .value = name[.version], let logical = name[.version].logical, !name[.version].containsWildcards {
            exactVersion = Version(logical)
        } else {
            exactVersion = nil
        }
        constrained = Self.trailingAttributes.filter { name[$0] != .any }
    }

    /// Whether `item` satisfies this criterion. Part, vendor and product are already known to agree (the
    /// index is keyed on them) unless the criterion uses wildcards there, which `checksProduct` covers.
    func evaluate(_ item: InventoryItem, checksProduct: Bool) -> MatchState {
        if checksProduct {
            for attribute in [CPEAttribute.part, .vendor, .product] {
                let state = AttributeMatch.state(criterion: name[attribute], item: item.name[attribute], attribute)
                if state != .yes { return state }
            }
        }
        var result = versionState(item)
        if result == .no { return .no }
        for attribute in constrained {
            let state = AttributeMatch.state(criterion: name[attribute], item: item.name[attribute], attribute)
            if state == .no { return .no }
            result = result.and(state)
        }
        return result
    }

    private func versionState(_ item: InventoryItem) -> MatchState {
        if let range {
            guard let version = item.version else {
                return .indeterminate(
                    "inventory gives no version for \(item.productLabel); criterion needs \(rangeText ?? "a range")")
            }
            let pinned =
                name[.version] == .any || name[.version] == .notApplicable
                ? MatchState.yes
                : exactState(version, item)
            if pinned == .no { return .no }
            switch range.contains(version) {
            case .inside: return pinned
            case .outside: return .no
            case .indeterminate(let reason): return .indeterminate(reason)
            }
        }
        switch name[.version] {
        case .any: return .yes
        case .notApplicable, .value:
            guard let version = item.version else {
                return AttributeMatch.state(criterion: name[.version], item: item.name[.version], .version)
            }
            return exactState(version, item)
        }
    }

    private func exactState(_ version: Version, _ item: InventoryItem) -> MatchState {
        guard let exactVersion else {
            return AttributeMatch.state(criterion: name[.version], item: item.name[.version], .version)
        }
        switch version.satisfies(exactly: exactVersion) {
        case .inside: return .yes
        case .outside: return .no
        case .indeterminate(let reason): return .indeterminate(reason)
        }
    }
}
