import Remediation

/// The action forms of a record's page, one per action its state allows (the lifecycle decides again on post).
struct RemediationForms: Sendable {
    var shell: PageShell
    var key: FindingKey
    var state: RemediationState

    enum Field {
        case text(String, zh: String, en: String)
        case date(String, zh: String, en: String)
        case area(String, zh: String, en: String)
    }

    func render(into html: inout HTMLText) {
        let language = shell.language
        html.element("h2", [], language.pick("處理", "Act"))
        let active: Set<RemediationState> = [.open, .planned]
        let forms: [(String, Set<RemediationState>, String, String, [Field])] = [
            (
                "plan", active, "規劃處理", "Plan",
                [
                    .text("measure", zh: "處理措施", en: "Measure"), .text("owner", zh: "負責人", en: "Owner"),
                    .date("targetDate", zh: "預定完成日", en: "Target date"),
                ]
            ),
            (
                "claim_remediated", active.union([.mitigated, .riskAccepted]), "標記已修補", "Mark remediated",
                [.area("evidence", zh: "佐證", en: "Evidence")]
            ),
            (
                "mitigate", active.union([.riskAccepted]), "採補償措施", "Mitigate",
                [.text("measure", zh: "補償措施", en: "Measure"), .area("evidence", zh: "佐證", en: "Evidence")]
            ),
            (
                "accept_risk", active.union([.mitigated]), "風險接受", "Accept risk",
                [
                    .text("approver", zh: "核准人", en: "Approver"), .area("reason", zh: "理由", en: "Reason"),
                    .date("expires", zh: "有效至", en: "Expires"),
                ]
            ),
            (
                "mark_false_positive", active.union([.mitigated, .riskAccepted]), "標記誤判", "Mark false positive",
                [.area("justification", zh: "理由", en: "Justification")]
            ),
            (
                "retire_asset", active.union([.mitigated, .riskAccepted, .falsePositive]), "資產已移除",
                "Asset retired", [.area("evidence", zh: "佐證", en: "Evidence")]
            ),
            (
                "reopen", [.remediated, .mitigated, .riskAccepted, .falsePositive, .assetRetired], "重新開啟", "Reopen",
                [.area("reason", zh: "理由", en: "Reason")]
            ),
        ]
        for (action, states, zh, en, fields) in forms where states.contains(state) {
            form(action: action, title: language.pick(zh, en), fields: fields, into: &html)
        }
    }

    private func form(action: String, title: String, fields: [Field], into html: inout HTMLText) {
        let language = shell.language
        html.open("form", [("method", "post"), ("action", RemediationRecordPage.path(key)), ("class", action)])
        html.open("fieldset")
        html.element("legend", [], title)
        html.open("input", [("type", "hidden"), ("name", "action"), ("value", action)])
        for field in fields {
            let id = "\(action)-"
            switch field {
            case .text(let name, let zh, let en), .date(let name, let zh, let en), .area(let name, let zh, let en):
                html.element("label", [("for", id + name)], language.pick(zh, en))
                switch field {
                case .text: html.open("input", [("type", "text"), ("id", id + name), ("name", name), ("required", "")])
                case .date: html.open("input", [("type", "date"), ("id", id + name), ("name", name), ("required", "")])
                case .area:
                    html.open("textarea", [("id", id + name), ("name", name), ("rows", "2"), ("required", "")])
                    html.close("textarea")
                }
            }
        }
        html.element("button", [("type", "submit")], title)
        html.close("fieldset")
        html.close("form")
    }
}
