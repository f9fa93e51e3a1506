import CPE
import Versioning

/// A CPE match criterion parsed once, keeping only what evaluation needs: the version constraint and the
/// attributes after `version` that are not ANY (most criteria have none). A class: it is read millions of times
/// from the index and never changes, so sharing beats copying its fields.
package final class CompiledCriterion: Sendable {
    /// The criteria string, shared with the knowledge base's copy.
    package let text: String
    package let version: CPEValue
    package let range: VersionRange?
    /// The criterion's own version when it is a plain value (no wildcards), for exact-version criteria.
    let exactVersion: Version?
    package let constrained: [Constraint]
    /// Part, vendor and product when one of them is ANY or a pattern, so they must be checked per item.
    package let openProduct: [Constraint]

    package struct Constraint: Sendable {
        package let attribute: CPEAttribute
        package let value: CPEValue

        package init(attribute: CPEAttribute, value: CPEValue) {
            self.attribute = attribute
            self.value = value
        }
    }

    /// Stands in, in an index loaded for some products only (`MatchIndex.select`), for a criterion that no item
    /// can hit (no bucket or wildcard list holds it): such a criterion is never evaluated, and evidence and fixed
    /// versions name only criteria that were hit.
    package static let unreachable = CompiledCriterion(
        text: "", version: .notApplicable, range: nil, constrained: [], openProduct: [])

    static let productAttributes: [CPEAttribute] = [.part, .vendor, .product]
    static let trailingAttributes: [CPEAttribute] = [
        .update, .edition, .language, .swEdition, .targetSW, .targetHW, .other,
    ]

    convenience init(text: String, name: CPEName, range: VersionRange?) {
        self.init(
            text: text,
            version: name[.version],
            range: range,
            constrained: Self.trailingAttributes.compactMap { attribute in
                name[attribute] == .any ? nil : Constraint(attribute: attribute, value: name[attribute])
            },
            openProduct: Self.productAttributes.contains { Self.isOpen(name[$0]) }
                ? Self.productAttributes.map { Constraint(attribute: $0, value: name[$0]) } : []
        )
    }

    package init(
        text: String,
        version: CPEValue,
        range: VersionRange?,
        constrained: [Constraint],
        openProduct: [Constraint]
    ) {
        self.text = text
        self.version = version
        self.range = range
        self.constrained = constrained
        self.openProduct = openProduct
        if case .value = version, let logical = version.logical, !version.containsWildcards {
            exactVersion = Version(logical)
        } else {
            exactVersion = nil
        }
    }

    /// ANY or a wildcard pattern: cannot serve as an exact index key.
    static func isOpen(_ value: CPEValue) -> Bool {
        value == .any || value.containsWildcards
    }

    /// The range in NVD's words, e.g. `>= 1.0.1, < 1.1.1k`, for evidence.
    var rangeText: String? {
        guard let range else { return nil }
        var parts: [String] = []
        switch range.start {
        case .including(let bound): parts.append(">= \(bound.raw)")
        case .excluding(let bound): parts.append("> \(bound.raw)")
        case nil: break
        }
        switch range.end {
        case .including(let bound): parts.append("<= \(bound.raw)")
        case .excluding(let bound): parts.append("< \(bound.raw)")
        case nil: break
        }
        if let malformation = range.malformation { parts.append("(\(malformation))") }
        return parts.joined(separator: ", ")
    }

    /// Whether `item` satisfies this criterion. Part, vendor and product already agree (the index is keyed on
    /// them) unless the criterion leaves one open, which `openProduct` covers.
    func evaluate(_ item: InventoryItem) -> MatchState {
        for constraint in openProduct {
            let state = AttributeMatch.state(
                criterion: constraint.value,
                item: item.name[constraint.attribute],
                constraint.attribute
            )
            if state != .yes { return state }
        }
        var result = versionState(item)
        if result == .no { return .no }
        for constraint in constrained {
            let state = AttributeMatch.state(
                criterion: constraint.value,
                item: item.name[constraint.attribute],
                constraint.attribute
            )
            if state == .no { return .no }
            result = result.and(state)
        }
        return result
    }

    private func versionState(_ item: InventoryItem) -> MatchState {
        if let range {
            guard let itemVersion = item.version else {
                let needs = rangeText ?? "a range"
                return .indeterminate("inventory gives no version for \(item.productLabel); criterion needs \(needs)")
            }
            let pinned = version == .any || version == .notApplicable ? MatchState.yes : exactState(itemVersion, item)
            if pinned == .no { return .no }
            switch range.contains(itemVersion) {
            case .inside: return pinned
            case .outside: return .no
            case .indeterminate(let reason): return .indeterminate(reason)
            }
        }
        switch version {
        case .any: return .yes
        case .notApplicable, .value:
            guard let itemVersion = item.version else {
                return AttributeMatch.state(criterion: version, item: item.name[.version], .version)
            }
            return exactState(itemVersion, item)
        }
    }

    private func exactState(_ itemVersion: Version, _ item: InventoryItem) -> MatchState {
        guard let exactVersion else {
            return AttributeMatch.state(criterion: version, item: item.name[.version], .version)
        }
        switch itemVersion.satisfies(exactly: exactVersion) {
        case .inside: return .yes
        case .outside: return .no
        case .indeterminate(let reason): return .indeterminate(reason)
        }
    }
}
