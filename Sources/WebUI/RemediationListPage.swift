import AppCore
import Governance
import Remediation
import VulnModel

/// An agency's remediation records (R19–R20): overdue first with their days overdue, then the active ones by
/// deadline, each with KEV, EPSS and the links to act on; the CVE links to the record's page.
struct RemediationListPage: Sendable {
    var shell: PageShell

    func render(_ views: [RemediationView], agency: Agency, overdueOnly: Bool) -> String {
        let language = shell.language
        let name = language == .en ? (agency.nameEn ?? agency.nameZh) : agency.nameZh
        let base = "/agencies/\(HTMLText.pathSegment(agency.id.rawValue))"
        let overdue = views.filter { $0.daysOverdue != nil }.count
        return shell.render(
            title: language.pick("\(name)　修補追蹤", "\(name): remediation")
        ) { html in
            html.open("p")
            html.link(language.pick("弱點儀表板", "Vulnerability dashboard"), to: base)
            html.raw(" ")
            if overdueOnly {
                html.link(language.pick("全部紀錄", "All records"), to: "\(base)/remediation")
            } else {
                html.link(language.pick("只看逾期", "Overdue only"), to: "\(base)/remediation?overdue=1")
            }
            html.close("p")
            html.element(
                "p", [("class", overdue > 0 ? "overdue" : "summary")],
                language.pick("共 \(views.count) 筆，逾期 \(overdue) 筆。", "\(views.count) records, \(overdue) overdue."))
            guard !views.isEmpty else {
                html.element("p", [("class", "empty")], language.pick("沒有修補紀錄。", "No remediation records."))
                return
            }
            html.table(
                [
                    language.pick("逾期天數", "Days overdue"), "CVE", language.pick("主機", "Host"),
                    language.pick("產品版本", "Product version"), language.pick("狀態", "State"),
                    language.pick("期限", "Deadline"), "KEV", "EPSS", language.pick("負責人", "Owner"),
                    language.pick("預定完成", "Target date"), language.pick("修補與建議", "Patches and advisories"),
                ],
                caption: language.pick("修補紀錄（逾期優先）", "Remediation records (overdue first)")
            ) { html in
                for view in views { row(view, into: &html) }
            }
        }
    }

    private func row(_ view: RemediationView, into html: inout HTMLText) {
        let language = shell.language
        html.open("tr", view.daysOverdue != nil ? [("class", "overdue")] : [])
        html.element("td", [], view.daysOverdue.map { language.pick("\($0) 天", "\($0) days") } ?? "—")
        html.open("td")
        html.link(view.key.cve.description, to: RemediationRecordPage.path(view.key))
        html.close("td")
        html.element("td", [], view.key.host.rawValue)
        html.element(
            "td", [],
            view.key.item.description
                + (view.fixedVersions.isEmpty
                    ? ""
                    : language.pick("（修正：", " (fixed in ") + view.fixedVersions.joined(separator: ", ")
                        + language.pick("）", ")")))
        html.element("td", [], RemediationRecordPage.state(view.record, language: language))
        html.element("td", [], view.tracked.deadline.map { "\($0.day)" } ?? "—")
        let kev = view.record.risk.isKEV || view.assessment.kev != nil
        html.element("td", kev ? [("class", "kev")] : [], kev ? "KEV" : "—")
        html.element("td", [], view.assessment.epss.map { "\(PageShell.tenths($0.probability * 100))%" } ?? "—")
        html.element("td", [], view.record.owner ?? "—")
        html.element("td", [], view.record.targetDate.map { "\($0)" } ?? "—")
        html.open("td")
        for link in view.remediationLinks.prefix(2) {
            html.link(link.url, to: link.url, [("rel", "noopener noreferrer")])
            html.raw(" ")
        }
        html.close("td")
        html.close("tr")
    }
}
