import AppCore
import Governance

/// A supervisor's list of the agencies they may see: last upload, open high-risk and KEV counts (issue 4 §5).
struct SupervisorPage: Sendable {
    var shell: PageShell

    func render(_ standings: [AgencyStanding]) -> String {
        let language = shell.language
        return shell.render(title: language.pick("機關總覽", "Agencies")) { html in
            html.table(
                [
                    language.pick("機關", "Agency"), "OID", language.pick("資安責任等級", "Security level"),
                    language.pick("最近上傳", "Last upload"), language.pick("未處理高風險弱點", "Open high-risk CVEs"),
                    language.pick("已知遭利用（KEV）", "Known exploited (KEV)"),
                ],
                caption: language.pick("共 \(standings.count) 個機關", "\(standings.count) agencies")
            ) { html in
                for standing in standings {
                    let agency = standing.agency
                    html.open("tr")
                    html.open("td")
                    html.link(
                        language == .en ? (agency.nameEn ?? agency.nameZh) : agency.nameZh,
                        to: "/agencies/\(HTMLText.pathSegment(agency.id.rawValue))")
                    html.close("td")
                    html.element("td", [], agency.id.rawValue)
                    html.element("td", [], agency.levels.current.map { "\($0.level)" } ?? "—")
                    html.element("td", [], standing.lastUpload.map(lastUpload) ?? language.pick("尚未上傳", "None yet"))
                    html.element("td", [("class", "count")], "\(standing.openHighRisk)")
                    html.element("td", [("class", "count")], "\(standing.openKnownExploited)")
                    html.close("tr")
                }
            }
        }
    }

    func lastUpload(_ upload: Upload) -> String {
        "\(shell.month(upload.month)) · \(UploadsPage.status(upload.status, language: shell.language))"
    }
}
