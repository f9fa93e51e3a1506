// Interim minimal parser so dependants compile; replaced by the full NISTIR 7695 implementation.
extension CPEName {
    public init(formattedString text: String) throws(CPEParseError) {
        var components: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == ":" {
                components.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        components.append(current)
        guard components.count == 13, components[0] == "cpe", components[1] == "2.3" else {
            throw CPEParseError(input: text, offset: 0, reason: "expected 13 components")
        }
        self.init(
            values: components.dropFirst(2).map { component in
                switch component {
                case "*": .any
                case "-": .notApplicable
                default: .value(component)
                }
            }
        )
    }

    public var formattedString: String {
        "cpe:2.3:"
            + values.map { value in
                switch value {
                case .any: "*"
                case .notApplicable: "-"
                case .value(let text): text
                }
            }.joined(separator: ":")
    }
}

extension CPEValue {
    public var logical: String? {
        guard case .value(let text) = self else { return nil }
        var result = ""
        var escaped = false
        for character in text {
            if !escaped && character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            result.append(character)
        }
        return result
    }
}

public enum AttributeRelation: Hashable, Sendable {
    case superset, subset, equal, disjoint, undefined
}

extension CPEValue {
    public var hasWildcards: Bool {
        guard case .value(let text) = self else { return false }
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "*" || character == "?" {
                return true
            }
        }
        return false
    }
}

extension CPEName {
    public static func relation(source: CPEValue, target: CPEValue) -> AttributeRelation {
        switch (source, target) {
        case (.any, .any): return .equal
        case (.any, _): return .superset
        case (_, .any): return .subset
        case (.notApplicable, .notApplicable): return .equal
        case (.notApplicable, _), (_, .notApplicable): return .disjoint
        case (.value(let a), .value(let b)): return a.lowercased() == b.lowercased() ? .equal : .disjoint
        }
    }
}
