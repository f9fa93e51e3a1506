import AppCore
import Governance
import Remediation
import VulnModel

/// One remediation record: what it is about, its deadline and why, the facts to act on, its history, and a form
/// per action its state allows (plain `<form method="post">`, no JavaScript).
struct RemediationRecordPage: Sendable {
    var shell: PageShell
    var mayUpdate: Bool

    static func path(_ key: FindingKey) -> String {
        "/agencies/\(HTMLText.pathSegment(key.agency.rawValue))/remediation/\(key.token)"
    }

    static func state(_ record: RemediationRecord, language: Language) -> String {
        let zh = record.state == .remediated && record.verified ? "已修補（已驗證）" : record.state.labelZh
        return language.pick(zh, record.statusLabel.replacingUnderscores())
    }

    static func forbidden(_ shell: PageShell) -> String {
        shell.render(title: shell.language.pick("沒有權限", "Not permitted")) { html in
            html.element(
                "p", [], shell.language.pick("您可以檢視此紀錄，但沒有更新權限。", "You may read this record but not change it."))
        }
    }

    func render(_ view: RemediationView, agency: Agency, refusal: (detail: String, field: String?)?) -> String {
        let language = shell.language
        let key = view.key
        let record = view.record
        return shell.render(title: "\(key.cve) · \(key.host.rawValue)") { html in
            html.open("p")
            html.link(
                language.pick("修補紀錄列表", "Remediation records"),
                to: "/agencies/\(HTMLText.pathSegment(agency.id.rawValue))/remediation")
            html.close("p")
            if let refusal {
                var text = language.pick("未能執行：", "Not done: ") + refusal.detail
                if let field = refusal.field { text += language.pick("（欄位 \(field)）", " (field \(field))") }
                html.element("p", [("class", "error"), ("role", "alert")], text)
            }
            facts(view, into: &html)
            html.element("h2", [], language.pick("修補與建議", "Patches and advisories"))
            html.open("ul")
            for link in view.remediationLinks {
                html.open("li")
                html.link(link.url, to: link.url, [("rel", "noopener noreferrer")])
                if !link.tags.isEmpty { html.text(" (\(link.tags.joined(separator: ", ")))") }
                html.close("li")
            }
            html.close("ul")
            history(record, into: &html)
            if mayUpdate { RemediationForms(shell: shell, key: key, state: record.state).render(into: &html) }
        }
    }

    private func facts(_ view: RemediationView, into html: inout HTMLText) {
        let language = shell.language
        let record = view.record
        func item(_ term: String, _ value: String, _ attributes: [(String, String)] = []) {
            html.element("dt", [], term)
            html.element("dd", attributes, value)
        }
        html.open("dl")
        item(language.pick("狀態", "State"), Self.state(record, language: language), [("class", "state")])
        item(language.pick("主機", "Host"), view.key.host.rawValue)
        item(language.pick("產品版本", "Product version"), view.key.item.description)
        item(
            language.pick("嚴重度", "Severity"),
            "\(shell.severity(record.risk.severity))"
                + (record.risk.baseScore.map { " (CVSS \(PageShell.tenths($0)))" } ?? ""))
        if let deadline = view.tracked.deadline {
            item(language.pick("期限", "Deadline"), "\(deadline.day)（\(basis(deadline))）")
        }
        if let days = view.daysOverdue {
            item(language.pick("逾期", "Overdue"), language.pick("\(days) 天", "\(days) days"), [("class", "overdue")])
        }
        let kev = view.assessment.kev
        item(
            language.pick("已知遭利用（KEV）", "Known exploited (KEV)"),
            record.risk.isKEV || kev != nil
                ? language.pick("是", "Yes") + (kev?.dueDate.map { language.pick("，修補期限 \($0)", ", due \($0)") } ?? "")
                : language.pick("否", "No"))
        item(
            "EPSS",
            view.assessment.epss.map {
                "\(PageShell.tenths($0.probability * 100))% (\(PageShell.tenths($0.percentile * 100)))"
            } ?? "—")
        if !view.fixedVersions.isEmpty {
            item(
                language.pick("修正版本", "Fixed in"),
                view.fixedVersions.joined(separator: language.pick("、", ", ")), [("class", "fixed")])
        }
        item(language.pick("首次發現", "First seen"), "\(record.firstSeen)")
        item(language.pick("最近發現", "Last seen"), "\(record.lastSeen)")
        if let measure = record.measure { item(language.pick("處理措施", "Measure"), measure) }
        if let owner = record.owner { item(language.pick("負責人", "Owner"), owner) }
        if let target = record.targetDate { item(language.pick("預定完成", "Target date"), "\(target)") }
        if let acceptance = record.riskAcceptance {
            item(
                language.pick("風險接受", "Risk accepted"),
                language.pick(
                    "\(acceptance.approver) 核准至 \(acceptance.expires)：\(acceptance.reason)",
                    "by \(acceptance.approver) until \(acceptance.expires): \(acceptance.reason)"))
        }
        if let justification = record.justification { item(language.pick("誤判理由", "Justification"), justification) }
        for evidence in record.evidence { item(language.pick("佐證", "Evidence"), evidence) }
        html.close("dl")
    }

    private func basis(_ deadline: Deadline) -> String {
        let language = shell.language
        switch deadline.basis {
        case .severity(let days):
            return language.pick("自 \(deadline.clockStart) 起 \(days) 天", "\(days) days from \(deadline.clockStart)")
        case .kev(let days):
            return language.pick(
                "列入 KEV \(deadline.clockStart) 起 \(days) 天", "\(days) days from the KEV listing \(deadline.clockStart)")
        case .kevDueDate: return language.pick("KEV 修補期限", "KEV due date")
        case .directive(let id): return language.pick("指示 \(id)", "directive \(id)")
        }
    }

    private func history(_ record: RemediationRecord, into html: inout HTMLText) {
        let language = shell.language
        html.table(
            [
                language.pick("日期", "Day"), language.pick("人員", "By"), language.pick("動作", "Action"),
                language.pick("狀態變更", "State change"), language.pick("說明", "Note"),
            ],
            caption: language.pick("處理歷程", "History")
        ) { html in
            for entry in record.history {
                html.open("tr")
                html.element("td", [], "\(entry.day)")
                html.element("td", [], entry.actor)
                html.element("td", [], entry.action)
                html.element(
                    "td", [],
                    language.pick(
                        "\(entry.from.labelZh) → \(entry.to.labelZh)",
                        "\(entry.from.rawValue.replacingUnderscores()) → \(entry.to.rawValue.replacingUnderscores())"))
                html.element("td", [], entry.note ?? "")
                html.close("tr")
            }
        }
    }
}

extension String {
    /// `risk_accepted` → `risk accepted`.
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
