import AppCore
import Governance
import Identification
import Spreadsheet

/// A supervisor's view (issue 4 §5, issue 5 §7, R24): the agencies they may see, grouped by county or region
/// group on request, with onboarding, uploads per month, open high-risk and KEV counts, overdue records and their
/// ages, times to remediate (declared and verified by later uploads), prohibited-software hits by category, monthly
/// trends drawn as SVG, and CSV/XLSX exports of the same table.
struct SupervisorPage: Sendable {
    var shell: PageShell
    var selection: SupervisorSelection

    func render(_ standings: [AgencyStanding]) -> String {
        let language = shell.language
        return shell.render(title: language.pick("機關總覽", "Agencies")) { html in
            filters(into: &html)
            groups(standings, into: &html)
            html.table(
                Self.columns(language),
                caption: language.pick("共 \(standings.count) 個機關", "\(standings.count) agencies")
            ) {
                html in
                for (standing, cells) in zip(standings, rows(standings)) {
                    html.open("tr")
                    html.open("td")
                    html.link(
                        name(standing.agency), to: "/agencies/\(HTMLText.pathSegment(standing.agency.id.rawValue))")
                    html.close("td")
                    for cell in cells.dropFirst() {
                        switch cell {
                        case .number(let value): html.element("td", [("class", "count")], SVGChart.label(value))
                        case .text(let text): html.element("td", [], text)
                        case .empty: html.element("td", [], "—")
                        }
                    }
                    html.close("tr")
                }
            }
            html.open("p")
            let query = selection.query()
            html.link(language.pick("下載 CSV", "Download CSV"), to: "/agencies.csv\(query)", [("download", "")])
            html.raw(" · ")
            html.link(
                language.pick("下載 Excel（XLSX）", "Download Excel (XLSX)"), to: "/agencies.xlsx\(query)",
                [("download", "")])
            html.close("p")
            trends(standings, into: &html)
        }
    }

    private func filters(into html: inout HTMLText) {
        let language = shell.language
        html.open("nav", [("aria-label", language.pick("篩選與分組", "Filter and group")), ("class", "filters")])
        html.link(language.pick("全部機關", "All agencies"), to: "/agencies")
        html.raw(" · ")
        html.link(language.pick("依縣市", "By county"), to: "/agencies\(selection.query(grouping: .county))")
        html.raw(" · ")
        html.link(language.pick("依區域聯防組", "By region group"), to: "/agencies\(selection.query(grouping: .region))")
        if let county = selection.county {
            html.raw(" · ")
            html.element("strong", [], language.pick("篩選：\(county.nameZh)", "Showing \(county.nameEn)"))
        }
        if let region = selection.region {
            html.raw(" · ")
            html.element(
                "strong", [], language.pick("篩選：第\(region.rawValue)區", "Showing region group \(region.rawValue)"))
        }
        html.close("nav")
    }

    private func groups(_ standings: [AgencyStanding], into html: inout HTMLText) {
        let groups = selection.groups(standings, language: shell.language)
        guard !groups.isEmpty, let month = selection.months.last else { return }
        let language = shell.language
        html.table(
            [
                language.pick("範圍", "Area"), language.pick("機關數", "Agencies"), language.pick("已上線", "Onboarded"),
                language.pick("本月已上傳", "Uploaded this month"), language.pick("未處理高風險", "Open high-risk"),
                "KEV", language.pick("逾期未修補", "Overdue"), language.pick("禁用軟體", "Prohibited"),
            ],
            caption: language.pick("分組統計（\(shell.month(month))）", "By area (\(shell.month(month)))")
        ) { html in
            for (name, query, group) in groups {
                html.open("tr")
                html.open("td")
                if let query { html.link(name, to: "/agencies\(query)") } else { html.text(name) }
                html.close("td")
                for value in [
                    group.members.count, group.onboarded, group.uploaded(in: month), group.openHighRisk,
                    group.openKnownExploited, group.overdue, group.prohibited,
                ] {
                    html.element("td", [("class", "count")], "\(value)")
                }
                html.close("tr")
            }
        }
    }

    private func trends(_ standings: [AgencyStanding], into html: inout HTMLText) {
        let language = shell.language
        let months = selection.months
        guard !months.isEmpty else { return }
        let labels = months.map { "\($0.rocYear)/\($0.month)" }
        let uploaded = months.map { month in Double(standings.filter { $0.uploadedMonths.contains(month) }.count) }
        let highRisk = months.map { month in Double(standings.reduce(0) { $0 + ($1.highRiskByMonth[month] ?? 0) }) }
        html.element("h2", [], language.pick("趨勢", "Trends"))
        html.raw(
            SVGChart(
                title: language.pick("每月完成上傳的機關數", "Agencies with a completed upload, per month"),
                summary: language.pick("共 \(standings.count) 個機關", "Out of \(standings.count) agencies"),
                points: Array(zip(labels, uploaded)), maximum: Double(standings.count)
            ).figure(id: "uploads"))
        html.raw(
            SVGChart(
                title: language.pick("每月高風險弱點數（各機關合計）", "High-risk CVEs seen per month (sum over agencies)"),
                summary: language.pick("依首次與最近發現月份計算", "From the months each finding was first and last seen"),
                points: Array(zip(labels, highRisk)), maximum: nil
            ).figure(id: "highrisk"))
        html.table(
            [
                language.pick("月份", "Month"), language.pick("已上傳機關", "Agencies uploaded"),
                language.pick("高風險弱點", "High-risk CVEs"),
            ],
            caption: language.pick("趨勢數據", "Trend data")
        ) { html in
            for (index, month) in months.enumerated() {
                html.open("tr")
                html.element("td", [], shell.month(month))
                html.element("td", [("class", "count")], SVGChart.label(uploaded[index]))
                html.element("td", [("class", "count")], SVGChart.label(highRisk[index]))
                html.close("tr")
            }
        }
    }

    func name(_ agency: Agency) -> String { shell.language == .en ? (agency.nameEn ?? agency.nameZh) : agency.nameZh }

    static func columns(_ language: Language) -> [String] {
        [
            language.pick("機關", "Agency"), "OID", language.pick("縣市", "County/city"),
            language.pick("資安責任等級", "Security level"), language.pick("最近上傳", "Last upload"),
            language.pick("近12個月上傳月數", "Months uploaded (last 12)"),
            language.pick("未處理高風險弱點", "Open high-risk CVEs"), language.pick("已知遭利用（KEV）", "Known exploited (KEV)"),
            language.pick("逾期未修補紀錄", "Overdue records"), language.pick("平均逾期天數", "Mean days overdue"),
            language.pick("最久逾期天數", "Longest overdue (days)"),
            language.pick("平均修補天數（紀錄）", "Mean days to remediate (records)"),
            language.pick("已修補（經上傳驗證）", "Resolved (verified by upload)"),
            language.pick("平均修補月數", "Mean months to resolve"), language.pick("禁用軟體", "Prohibited software"),
            language.pick("禁用軟體類別", "Prohibited software by category"),
            language.pick("未完成移除任務", "Open removal tasks"),
        ]
    }

    /// The table's cells, shared by the page and the exports so they always agree.
    func rows(_ standings: [AgencyStanding]) -> [[Cell]] {
        let language = shell.language
        return standings.map { standing in
            let agency = standing.agency
            return [
                .text(name(agency)), .text(agency.id.rawValue),
                agency.localGovernment.map { .text(language.pick($0.nameZh, $0.nameEn)) } ?? .empty,
                agency.levels.current.map { .text("\($0.level)") } ?? .empty,
                .text(standing.lastUpload.map(lastUpload) ?? language.pick("尚未上傳", "None yet")),
                .number(Double(standing.uploadedMonths.count)), .number(Double(standing.openHighRisk)),
                .number(Double(standing.openKnownExploited)),
                standing.remediation.map { .number(Double($0.overdue)) } ?? .empty,
                standing.remediation?.meanOverdueDays.map { .number(PageShell.roundedToTenths($0)) } ?? .empty,
                standing.remediation.flatMap { $0.overdue > 0 ? .number(Double($0.maxOverdueDays)) : nil } ?? .empty,
                standing.remediation?.meanDaysToRemediate.map { .number(PageShell.roundedToTenths($0)) } ?? .empty,
                .number(Double(standing.resolvedFindings)),
                standing.meanMonthsToResolve.map { .number(PageShell.roundedToTenths($0)) } ?? .empty,
                .number(Double(standing.prohibitedByCategory.values.reduce(0, +))),
                standing.prohibitedByCategory.isEmpty ? .empty : .text(categories(standing.prohibitedByCategory)),
                standing.openRemovalTasks.map { .number(Double($0)) } ?? .empty,
            ]
        }
    }

    /// `大陸廠牌軟體 3、點對點（P2P）軟體 1`: each category with hits, most first.
    func categories(_ counts: [ProhibitedCategory: Int]) -> String {
        let language = shell.language
        return counts.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { "\($0.key.label(language)) \($0.value)" }.joined(separator: language.pick("、", ", "))
    }

    func lastUpload(_ upload: Upload) -> String {
        "\(shell.month(upload.month)) · \(UploadsPage.status(upload.status, language: shell.language))"
    }
}
