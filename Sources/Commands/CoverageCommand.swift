import AppCore
import ArgumentParser
import Governance
import JSON
import Storage
import VulnModel

/// `vans coverage`: the share of core systems without VANS and without EDR for a filter (R29–R30).
struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Core systems without VANS and without EDR (a system counts only when all its hosts are covered).",
        discussion: """
            Filters combine: --level B --level C --local-only gives the audit's population (level B and C agencies \
            under the 22 city and county governments). Levels are taken as of --as-of.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var storage: StorageOptions
    @Option(help: "A security level, A to E (repeatable).") var level: [String] = []
    @Option(help: "A city or county government, e.g. 花蓮縣 or Hualien County (repeatable).") var county: [String] = []
    @Option(help: "A region group, 1 to 6 (repeatable).") var region: [Int] = []
    @Option(help: "A tier: central, municipal, county_city, township (repeatable).") var tier: [String] = []
    @Option(help: "An agency OID (repeatable).") var agency: [String] = []
    @Flag(help: "Only agencies under a city or county government.") var localOnly = false
    @Flag(help: "Count every system, not only core ones.") var allSystems = false
    @Option(help: "The day (YYYY-MM-DD; default today in Taiwan).") var asOf: String?
    @Option(help: "table (default), csv (one line per system) or json.") var format: Format = .table

    func filter() throws -> CoverageFilter {
        var filter = CoverageFilter(
            asOf: try CoverageServices.day(asOf, flag: "--as-of"), underLocalGovernment: localOnly,
            coreOnly: !allSystems)
        if !level.isEmpty {
            filter.levels = Set(
                try level.map { text in
                    guard let parsed = SecurityLevel(rawValue: text.uppercased()) else {
                        throw CommandFailure(message: "--level \(text): expected A to E")
                    }
                    return parsed
                })
        }
        if !county.isEmpty {
            filter.localGovernments = Set(
                try county.map { text in
                    let found =
                        LocalGovernment(name: text)
                        ?? LocalGovernment.allCases.first { $0.nameEn.lowercased() == text.lowercased() }
                    guard let found else { throw CommandFailure(message: "--county \(text): not a city or county") }
                    return found
                })
        }
        if !region.isEmpty {
            filter.regionGroups = Set(
                try region.map { number in
                    guard let group = RegionGroup(rawValue: number) else {
                        throw CommandFailure(message: "--region \(number): expected 1 to 6")
                    }
                    return group
                })
        }
        if !tier.isEmpty {
            filter.tiers = Set(
                try tier.map { text in
                    guard let parsed = Agency.Tier(rawValue: text) else {
                        throw CommandFailure(
                            message: "--tier \(text): expected central, municipal, county_city, township")
                    }
                    return parsed
                })
        }
        if !agency.isEmpty {
            filter.agencies = Set(try agency.compactMap { try CoverageServices.oid($0, flag: "--agency") })
        }
        return filter
    }

    func run() async throws {
        let filter = try filter()
        let overview = try await storage.withBackend { backend in
            try await CoverageServices.desk(backend).overview(filter)
        }
        switch format {
        case .table: Console.output(String(Self.table(overview).dropLast()))
        case .csv: Console.output(String(Self.csv(overview).dropLast()))
        case .json: Console.output(Self.json(overview))
        }
    }

    static func table(_ overview: CoverageOverview) -> String {
        let summary = TableLayout.render(
            header: ["mechanism", "systems", "uncovered", "share"],
            rows: [overview.vans, overview.edr].map {
                [$0.mechanism.rawValue, "\($0.total)", "\($0.uncovered.count)", $0.uncoveredShare.description]
            })
        var uncovered: [[String]] = []
        for report in [overview.vans, overview.edr] {
            for status in report.uncovered {
                uncovered.append(row(status, overview))
            }
        }
        let heading = "as of \(overview.filter.asOf)\n"
        guard !uncovered.isEmpty else { return heading + summary }
        return heading + summary + "\n"
            + TableLayout.render(header: ["mechanism", "agency", "system", "name", "uncovered_hosts"], rows: uncovered)
    }

    private static func row(_ status: SystemCoverage, _ overview: CoverageOverview) -> [String] {
        let system = overview.systems[status.system]
        let hosts =
            status.attestation.map { "attested \($0.attestedOn) by \($0.attestedBy)" }
            ?? (status.hostCount == 0
                ? "(no hosts)" : status.uncoveredHosts.map(\.host.rawValue).joined(separator: " "))
        return [
            status.mechanism.rawValue, system?.agency.rawValue ?? "",
            status.system.parts?.code ?? status.system.rawValue,
            system?.name ?? "", hosts,
        ]
    }

    static func csv(_ overview: CoverageOverview) -> String {
        var text = "mechanism,agency,system,name,covered,hosts,uncovered_hosts\n"
        for report in [overview.vans, overview.edr] {
            for status in report.systems {
                let system = overview.systems[status.system]
                text +=
                    [
                        status.mechanism.rawValue, system?.agency.rawValue ?? "",
                        status.system.parts?.code ?? status.system.rawValue, system?.name ?? "",
                        status.covered ? "yes" : "no", "\(status.hostCount)",
                        status.uncoveredHosts.map(\.host.rawValue).joined(separator: " "),
                    ].map(FindingFormatter.csvField).joined(separator: ",") + "\n"
            }
        }
        return text
    }

    static func json(_ overview: CoverageOverview) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("asOf")
        writer.string(overview.filter.asOf.description)
        for report in [overview.vans, overview.edr] {
            writer.key(report.mechanism.rawValue)
            writer.beginObject()
            writer.key("systems")
            writer.number(report.total)
            writer.key("uncovered")
            writer.number(report.uncovered.count)
            writer.key("share")
            writer.string(report.uncoveredShare.description)
            writer.key("uncoveredSystems")
            writer.beginArray()
            for status in report.uncovered {
                writer.beginObject()
                writer.key("id")
                writer.string(status.system.rawValue)
                writer.key("name")
                writer.string(overview.systems[status.system]?.name ?? "")
                writer.key("uncoveredHosts")
                writer.beginArray()
                for host in status.uncoveredHosts { writer.string(host.host.rawValue) }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endObject()
        return String(decoding: writer.take(), as: UTF8.self)
    }
}
