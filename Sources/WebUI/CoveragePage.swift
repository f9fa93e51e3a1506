import AppCore
import Governance
import Spreadsheet
import VulnModel

/// Coverage for supervisors (issue 5 §8, R29–R32): the share of core systems without VANS and without EDR for
/// the filter, the uncovered systems with a link to their agency, obligation status counts per level, and
/// zero-trust adoption per phase; the system table downloads as CSV.
struct CoveragePage: Sendable {
    struct Selection: Sendable {
        var level: SecurityLevel?
        var county: LocalGovernment?
        var region: RegionGroup?
        var asOf: Day

        /// From `level=B&county=花蓮縣&region=1&as_of=2023-12-31`; unknown values are ignored, like the supervisor
        /// page's filters.
        init(level: String?, county: String?, region: String?, asOf: String?, today: Day) {
            self.level = level.flatMap { SecurityLevel(rawValue: $0.uppercased()) }
            let places = SupervisorSelection(county: county, region: region, by: nil, months: [])
            self.county = places.county
            self.region = places.region
            self.asOf = asOf.flatMap { Day(iso8601: $0) } ?? today
        }

        func filter(agencies: Set<Agency.ID>?) -> CoverageFilter {
            CoverageFilter(
                asOf: asOf, levels: level.map { [$0] }, localGovernments: county.map { [$0] },
                regionGroups: region.map { [$0] }, agencies: agencies)
        }

        var query: String {
            var items: [String] = []
            if let level { items.append("level=\(level.rawValue)") }
            if let county { items.append("county=\(HTMLText.pathSegment(county.rawValue))") }
            if let region { items.append("region=\(region.rawValue)") }
            items.append("as_of=\(asOf)")
            return "?" + items.joined(separator: "&")
        }
    }

    var shell: PageShell
    var selection: Selection

    func render(_ overview: CoverageOverview, obligations: [SecurityLevel: [ObligationStatus: Int]]?) -> String {
        let language = shell.language
        return shell.render(title: language.pick("資通系統防護涵蓋率", "System coverage")) { html in
            filters(into: &html)
            summary(overview, into: &html)
            uncovered(overview, into: &html)
            html.open("p")
            html.link(
                language.pick("下載 CSV", "Download CSV"), to: "/supervisor/coverage.csv\(selection.query)",
                [("download", "")])
            html.close("p")
            obligationCounts(obligations, into: &html)
            zeroTrust(overview.zeroTrust, into: &html)
        }
    }

    private func filters(into html: inout HTMLText) {
        let language = shell.language
        html.open("form", [("method", "get"), ("action", "/supervisor/coverage"), ("class", "filters")])
        html.open("label")
        html.text(language.pick("資安責任等級 ", "Security level "))
        html.open("select", [("name", "level")])
        option("", language.pick("全部", "All"), selected: selection.level == nil, into: &html)
        for level in SecurityLevel.allCases {
            option(level.rawValue, level.rawValue, selected: selection.level == level, into: &html)
        }
        html.close("select")
        html.close("label")
        html.raw(" ")
        html.open("label")
        html.text(language.pick("縣市 ", "County/city "))
        html.open("select", [("name", "county")])
        option("", language.pick("全部", "All"), selected: selection.county == nil, into: &html)
        for county in LocalGovernment.allCases.sorted() {
            option(
                county.rawValue, language.pick(county.nameZh, county.nameEn), selected: selection.county == county,
                into: &html)
        }
        html.close("select")
        html.close("label")
        html.raw(" ")
        html.open("label")
        html.text(language.pick("區域聯防組 ", "Region group "))
        html.open("select", [("name", "region")])
        option("", language.pick("全部", "All"), selected: selection.region == nil, into: &html)
        for region in RegionGroup.allCases {
            option("\(region.rawValue)", "\(region.rawValue)", selected: selection.region == region, into: &html)
        }
        html.close("select")
        html.close("label")
        html.raw(" ")
        html.open("label")
        html.text(language.pick("基準日 ", "As of "))
        html.open("input", [("type", "date"), ("name", "as_of"), ("value", selection.asOf.description)])
        html.close("label")
        html.raw(" ")
        html.element("button", [("type", "submit")], language.pick("套用", "Apply"))
        html.close("form")
    }

    private func option(_ value: String, _ label: String, selected: Bool, into html: inout HTMLText) {
        html.element("option", [("value", value)] + (selected ? [("selected", "")] : []), label)
    }

    private func summary(_ overview: CoverageOverview, into html: inout HTMLText) {
        let language = shell.language
        html.table(
            [
                language.pick("防護機制", "Mechanism"), language.pick("核心系統數", "Core systems"),
                language.pick("未涵蓋", "Not covered"), language.pick("未涵蓋比率", "Share not covered"),
            ],
            caption: language.pick("核心資通系統未導入比率（\(selection.asOf)）", "Core systems not covered (\(selection.asOf))")
        ) { html in
            for report in [overview.vans, overview.edr] {
                html.open("tr", [("id", "coverage-\(report.mechanism.rawValue)")])
                html.element("td", [], Self.mechanism(report.mechanism, language))
                html.element("td", [("class", "count")], "\(report.total)")
                html.element("td", [("class", "count")], "\(report.uncovered.count)")
                html.element("td", [("class", "count share")], report.uncoveredShare.description)
                html.close("tr")
            }
        }
    }

    private func uncovered(_ overview: CoverageOverview, into html: inout HTMLText) {
        let language = shell.language
        let statuses = overview.vans.uncovered + overview.edr.uncovered
        html.table(
            [
                language.pick("防護機制", "Mechanism"), language.pick("機關", "Agency"), language.pick("系統", "System"),
                language.pick("未涵蓋主機", "Hosts not covered"),
            ],
            caption: language.pick("未涵蓋的核心系統（\(statuses.count)）", "Core systems not covered (\(statuses.count))")
        ) { html in
            for status in statuses {
                let system = overview.systems[status.system]
                html.open("tr")
                html.element("td", [], Self.mechanism(status.mechanism, language))
                html.open("td")
                if let agency = system.flatMap({ overview.directory[$0.agency] }) {
                    html.link(
                        language == .en ? (agency.nameEn ?? agency.nameZh) : agency.nameZh,
                        to: "/agencies/\(HTMLText.pathSegment(agency.id.rawValue))")
                }
                html.close("td")
                html.element("td", [], system.map { "\($0.name) (\(status.system.parts?.code ?? ""))" } ?? "")
                html.element("td", [], hosts(status))
                html.close("tr")
            }
        }
    }

    private func hosts(_ status: SystemCoverage) -> String {
        let language = shell.language
        if let attestation = status.attestation {
            return language.pick(
                "經 \(attestation.attestedBy) 於 \(attestation.attestedOn) 聲明",
                "Attested by \(attestation.attestedBy) on \(attestation.attestedOn)")
        }
        if status.hostCount == 0 { return language.pick("（未登錄主機）", "(no hosts recorded)") }
        return status.uncoveredHosts.map(\.host.rawValue).joined(separator: ", ")
    }

    private func obligationCounts(_ counts: [SecurityLevel: [ObligationStatus: Int]]?, into html: inout HTMLText) {
        let language = shell.language
        html.element("h2", [], language.pick("應辦事項辦理情形", "Obligations by level"))
        guard let counts else {
            html.element("p", [], language.pick("未載入應辦事項資料。", "No obligation catalogue is loaded."))
            return
        }
        let statuses: [ObligationStatus] = [.compliant, .inProgress, .notStarted, .overdue, .notApplicable]
        html.table(
            [language.pick("等級", "Level")] + statuses.map { Self.status($0, language) },
            caption: language.pick("各等級應辦事項狀態", "Obligation status per level")
        ) { html in
            for level in SecurityLevel.allCases {
                guard let row = counts[level] else { continue }
                html.open("tr")
                html.element("td", [], level.rawValue)
                for status in statuses { html.element("td", [("class", "count")], "\(row[status] ?? 0)") }
                html.close("tr")
            }
        }
    }

    private func zeroTrust(_ report: ZeroTrustReport, into html: inout HTMLText) {
        let language = shell.language
        html.element("h2", [], language.pick("零信任架構導入", "Zero-trust adoption"))
        let phases: [(String, ZeroTrustDeployment.Phase?)] = [
            (language.pick("尚未上線", "None in production"), nil),
            (language.pick("第一階段（身分鑑別）", "Phase 1 (identity)"), .identity),
            (language.pick("第二階段（設備鑑別）", "Phase 2 (device)"), .device),
            (language.pick("第三階段（信任推斷）", "Phase 3 (trust inference)"), .trustInference),
        ]
        html.table(
            [language.pick("最高上線階段", "Furthest phase in production"), language.pick("核心系統數", "Core systems")],
            caption: language.pick("核心系統依零信任階段", "Core systems by zero-trust phase")
        ) { html in
            for (label, phase) in phases {
                html.open("tr")
                html.element("td", [], label)
                html.element("td", [("class", "count")], "\(report.coreByPhase[phase] ?? 0)")
                html.close("tr")
            }
        }
        html.open("dl")
        html.element("dt", [], language.pick("未規劃導入的核心系統", "Core systems without a deployment"))
        html.element("dd", [], "\(report.coreWithoutDeployment.count)")
        html.element("dt", [], language.pick("僅限委外維護人員", "Limited to vendor maintainers"))
        html.element("dd", [], "\(report.vendorOnly.count)")
        html.element("dt", [], language.pick("仍並行舊有連線方式", "Legacy access still running alongside"))
        html.element("dd", [], "\(report.parallelLegacy.count)")
        html.close("dl")
    }

    static func mechanism(_ mechanism: CoverageMechanism, _ language: Language) -> String {
        switch mechanism {
        case .vans: "VANS"
        case .edr: "EDR"
        }
    }

    static func status(_ status: ObligationStatus, _ language: Language) -> String {
        switch status {
        case .compliant: language.pick("已完成", "Compliant")
        case .inProgress: language.pick("辦理中", "In progress")
        case .notStarted: language.pick("未開始", "Not started")
        case .overdue: language.pick("逾期", "Overdue")
        case .notApplicable: language.pick("不適用", "Not applicable")
        }
    }

    static func columns(_ language: Language) -> [String] {
        [
            language.pick("防護機制", "Mechanism"), "OID", language.pick("機關", "Agency"),
            language.pick("系統代碼", "System code"), language.pick("系統名稱", "System name"),
            language.pick("已涵蓋", "Covered"), language.pick("主機數", "Hosts"),
            language.pick("未涵蓋主機", "Hosts not covered"),
        ]
    }

    /// Every system of the filter, both mechanisms: the CSV download.
    func rows(_ overview: CoverageOverview) -> [[Cell]] {
        let language = shell.language
        return (overview.vans.systems + overview.edr.systems).map { status in
            let system = overview.systems[status.system]
            let agency = system.flatMap { overview.directory[$0.agency] }
            return [
                .text(Self.mechanism(status.mechanism, language)), .text(system?.agency.rawValue ?? ""),
                .text(agency.map { language == .en ? ($0.nameEn ?? $0.nameZh) : $0.nameZh } ?? ""),
                .text(status.system.parts?.code ?? status.system.rawValue), .text(system?.name ?? ""),
                .text(status.covered ? language.pick("是", "yes") : language.pick("否", "no")),
                .number(Double(status.hostCount)), .text(hosts(status)),
            ]
        }
    }
}
