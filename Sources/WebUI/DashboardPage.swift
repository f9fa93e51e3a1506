import AppCore
import Governance
import VulnModel

/// An agency's dashboard: its latest inventory, findings by severity, KEV first, then the high-risk list with the
/// links to act on (issue 4 §5, R16–R17).
struct DashboardPage: Sendable {
    var shell: PageShell
    /// Rows per list unless the reader asks for all (`?all=1`): the most urgent come first, so the top is what
    /// matters on a first look, and a full list can run to hundreds of CVEs.
    var limit: Int? = 25

    func render(_ overview: AgencyOverview) -> String {
        let language = shell.language
        let agency = overview.agency
        let base = "/agencies/\(HTMLText.pathSegment(agency.id.rawValue))"
        let name = language == .en ? (agency.nameEn ?? agency.nameZh) : agency.nameZh
        return shell.render(title: name, heading: language.pick("\(name)　弱點儀表板", "\(name): vulnerability dashboard")) {
            html in
            html.open("p")
            html.link(language.pick("上傳紀錄與轉換報告", "Upload history and conversion reports"), to: "\(base)/uploads")
            html.close("p")
            if let overdue = overview.overdueRemediation {
                html.open("p", [("class", overdue > 0 ? "overdue" : "remediation")])
                html.link(
                    language.pick("逾期未處理：\(overdue) 筆", "Overdue: \(overdue)"),
                    to: "\(base)/remediation\(overdue > 0 ? "?overdue=1" : "")")
                html.raw(" ")
                html.link(language.pick("全部修補紀錄", "All remediation records"), to: "\(base)/remediation")
                html.close("p")
            }
            assets(overview, into: &html)
            guard overview.snapshot != nil else { return }
            severities(overview, into: &html)
            exposures(
                overview.knownExploited, caption: language.pick("已知遭利用弱點（KEV）", "Known exploited (KEV)"),
                empty: language.pick("沒有已知遭利用的弱點。", "No known exploited vulnerabilities."), base: base,
                into: &html)
            exposures(
                overview.highRisk, caption: language.pick("高風險弱點（CVSS ≥ 7.0）", "High-risk (CVSS ≥ 7.0)"),
                empty: language.pick("沒有高風險弱點。", "No high-risk vulnerabilities."), base: base, into: &html)
        }
    }

    private func assets(_ overview: AgencyOverview, into html: inout HTMLText) {
        let language = shell.language
        html.element("h2", [], language.pick("資產", "Assets"))
        guard let snapshot = overview.snapshot else {
            let pending = overview.latestUpload.map {
                language.pick(
                    "最近一次上傳（\(shell.month($0.month))）\(UploadsPage.status($0.status, language: language))。",
                    "Latest upload (\(shell.month($0.month))): \(UploadsPage.status($0.status, language: language)).")
            }
            html.element(
                "p", [("class", "empty")],
                pending ?? language.pick("尚未上傳資產清冊。", "No inventory has been uploaded yet."))
            return
        }
        html.open("dl")
        html.element("dt", [], language.pick("盤點月份", "Inventory month"))
        html.element("dd", [], shell.month(snapshot.month))
        html.element("dt", [], language.pick("資產筆數", "Inventory rows"))
        html.element("dd", [], "\(snapshot.rowCount)")
        html.element("dt", [], language.pick("已轉換為 CPE", "Converted to CPE"))
        html.element("dd", [], "\(snapshot.report.converted) / \(snapshot.report.rows)")
        html.element("dt", [], language.pick("禁用軟體", "Prohibited software"))
        html.open("dd")
        html.link(
            "\(snapshot.report.prohibitedRows)", to: RemovalTaskPages.path(overview.agency.id),
            [("title", language.pick("移除任務", "Removal tasks"))])
        html.close("dd")
        html.close("dl")
    }

    private func severities(_ overview: AgencyOverview, into html: inout HTMLText) {
        let language = shell.language
        let counts = overview.countsBySeverity
        html.table(
            [language.pick("嚴重程度", "Severity"), language.pick("未處理弱點數", "Open CVEs")],
            caption: language.pick("依嚴重程度", "By severity")
        ) { html in
            let order: [CVSSSeverity?] = [.critical, .high, .medium, .low, .some(.none), nil]
            for severity in order {
                html.open("tr")
                html.element("td", [("class", Self.severityClass(severity))], shell.severity(severity))
                html.element("td", [("class", "count")], "\(counts[severity] ?? 0)")
                html.close("tr")
            }
        }
    }

    func exposures(
        _ list: [CVEExposure], caption: String, empty: String, base: String, into html: inout HTMLText
    ) {
        let language = shell.language
        guard !list.isEmpty else {
            html.element("h2", [], caption)
            html.element("p", [("class", "empty")], empty)
            return
        }
        let shown = limit.map { Array(list.prefix($0)) } ?? list
        let caption =
            shown.count < list.count
            ? language.pick(
                "\(caption)：最緊急 \(shown.count) 筆，共 \(list.count) 筆",
                "\(caption): \(shown.count) most urgent of \(list.count)")
            : language.pick("\(caption)：共 \(list.count) 筆", "\(caption): \(list.count)")
        html.table(
            [
                "CVE", "CVSS", language.pick("主機數", "Hosts"), "EPSS",
                language.pick("修補與建議", "Patches and advisories"),
            ],
            caption: caption
        ) { html in
            for exposure in shown {
                html.open("tr")
                html.open("td")
                html.link(exposure.cve.description, to: "\(base)/cves/\(exposure.cve)")
                if let kev = exposure.assessment.kev {
                    html.raw(" ")
                    html.element(
                        "span", [("class", "kev")],
                        kev.dueDate.map { language.pick("KEV・期限 \($0)", "KEV · due \($0)") } ?? "KEV")
                }
                html.close("td")
                let risk = exposure.assessment.risk
                html.element(
                    "td", [("class", Self.severityClass(risk?.severity))],
                    risk.map { "\(PageShell.tenths($0.baseScore)) \(shell.severity($0.severity))" }
                        ?? shell.severity(nil))
                html.element("td", [("class", "count")], "\(Set(exposure.findings.map(\.observation.host)).count)")
                html.element(
                    "td", [], exposure.assessment.epss.map { "\(PageShell.tenths($0.probability * 100))%" } ?? "—")
                html.open("td")
                for link in exposure.remediationLinks.prefix(3) {
                    html.link(Self.host(of: link.url), to: link.url, [("rel", "noopener noreferrer")])
                    html.raw(" ")
                }
                html.close("td")
                html.close("tr")
            }
        }
        if shown.count < list.count {
            html.open("p")
            html.link(language.pick("顯示全部 \(list.count) 筆", "Show all \(list.count)"), to: "\(base)?all=1")
            html.close("p")
        }
    }

    static func severityClass(_ severity: CVSSSeverity?) -> String {
        "sev-\(severity?.rawValue.lowercased() ?? "unscored")"
    }

    /// A link's label: its host name, which tells a reader whose advisory it is.
    static func host(of url: String) -> String {
        let afterScheme = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
        return afterScheme.map(String.init) ?? url
    }
}
