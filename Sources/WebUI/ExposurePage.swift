import AppCore
import Governance
import VulnModel

/// One CVE in one agency: what it is, how bad, whether it is exploited, what to do, and which hosts have it since
/// when (issue 4 §5 "a finding's detail").
struct ExposurePage: Sendable {
    var shell: PageShell

    func render(_ exposure: CVEExposure, agency: Agency) -> String {
        let language = shell.language
        let assessment = exposure.assessment
        return shell.render(title: exposure.cve.description) { html in
            html.open("p")
            html.link(
                language == .en ? (agency.nameEn ?? agency.nameZh) : agency.nameZh,
                to: "/agencies/\(HTMLText.pathSegment(agency.id.rawValue))")
            html.close("p")
            if !assessment.summary.isEmpty { html.element("p", [("class", "summary")], assessment.summary) }
            html.open("dl")
            html.element("dt", [], "CVSS")
            if let risk = assessment.risk {
                html.element(
                    "dd", [("class", DashboardPage.severityClass(risk.severity))],
                    "\(PageShell.tenths(risk.baseScore)) \(shell.severity(risk.severity)) (CVSS \(risk.version))")
                html.element("dt", [], language.pick("向量", "Vector"))
                html.element("dd", [], risk.vector)
                html.element("dt", [], language.pick("高風險", "High-risk"))
                html.element("dd", [], risk.highRisk ? language.pick("是", "Yes") : language.pick("否", "No"))
            } else {
                html.element("dd", [], shell.severity(nil))
            }
            html.element("dt", [], language.pick("已知遭利用（KEV）", "Known exploited (KEV)"))
            if let kev = assessment.kev {
                var text = language.pick("是", "Yes")
                if let added = kev.dateAdded { text += language.pick("，列入日 \(added)", ", added \(added)") }
                if let due = kev.dueDate { text += language.pick("，修補期限 \(due)", ", due \(due)") }
                html.element("dd", [("class", "kev")], text)
                if let action = kev.requiredAction {
                    html.element("dt", [], language.pick("要求措施", "Required action"))
                    html.element("dd", [], action)
                }
            } else {
                html.element("dd", [], language.pick("否", "No"))
            }
            html.element("dt", [], "EPSS")
            html.element(
                "dd", [],
                assessment.epss.map {
                    language.pick(
                        "\(PageShell.tenths($0.probability * 100))%（百分位 \(PageShell.tenths($0.percentile * 100))）",
                        "\(PageShell.tenths($0.probability * 100))% (percentile \(PageShell.tenths($0.percentile * 100)))"
                    )
                } ?? "—")
            html.close("dl")
            html.element("h2", [], language.pick("修補與建議", "Patches and advisories"))
            html.open("ul")
            for link in exposure.remediationLinks {
                html.open("li")
                html.link(link.url, to: link.url, [("rel", "noopener noreferrer")])
                if !link.tags.isEmpty { html.text(" (\(link.tags.joined(separator: ", ")))") }
                html.close("li")
            }
            html.close("ul")
            hosts(exposure, into: &html)
        }
    }

    private func hosts(_ exposure: CVEExposure, into html: inout HTMLText) {
        let language = shell.language
        html.table(
            [
                language.pick("主機", "Host"), "CPE", language.pick("判定", "Status"),
                language.pick("首次發現", "First seen"), language.pick("最近發現", "Last seen"),
            ],
            caption: language.pick("受影響主機", "Affected hosts")
        ) { html in
            for finding in exposure.findings.sorted(by: { $0.observation.host < $1.observation.host }) {
                html.open("tr")
                html.element("td", [], finding.observation.host.rawValue)
                html.element("td", [], finding.observation.cpe)
                html.element(
                    "td", [],
                    finding.observation.status == .affected
                        ? language.pick("受影響", "Affected") : language.pick("無法判定版本", "Indeterminate"))
                html.element("td", [], shell.month(finding.firstSeen.month))
                html.element("td", [], shell.month(finding.lastSeen.month))
                html.close("tr")
            }
        }
    }
}
