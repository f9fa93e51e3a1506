import AppCore
import ArgumentParser
import FeedHTTP
import Foundation
import VulnModel

/// `vans feeds sync`: brings NVD, KEV, EPSS (and CVE 5 when given) up to date from their services.
struct FeedsSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Download NVD changes (CVE API 2.0), KEV, EPSS and CVE 5 updates into the knowledge base.",
        discussion: """
            NVD is fetched incrementally from where the data is current (the last sync, or the newest record \
            imported) in lastModified windows of at most 120 days, within the API's rate limit (5 requests per 30 s, \
            50 with an API key), retrying 403/429/5xx answers and timeouts with back-off. The position is saved \
            after every page: an interrupted sync continues where it stopped. Then everything fetched is merged as \
            `vans feeds import` does. A source given as "none" is skipped.
            """
    )

    @OptionGroup var storage: FeedStorageOptions

    @Option(help: "The NVD CVE API 2.0 endpoint.") var nvdURL = FeedSynchronizer.Settings.nvdURL
    @Option(help: "An NVD API key (or NVD_API_KEY), sent in the apiKey header.") var apiKey: String?
    @Option(help: "The CISA KEV catalogue (JSON).") var kevURL = FeedSynchronizer.Settings.kevURL
    @Option(help: "The FIRST EPSS scores (CSV, optionally gzipped).") var epssURL = FeedSynchronizer.Settings.epssURL
    @Option(help: "A CVE JSON 5 bundle (JSON lines, optionally gzipped).") var cve5URL: String?
    @Option(help: "Where the first NVD sync starts when nothing was imported (ISO 8601, as 2026-01-01).")
    var since: String?
    @Option(help: "NVD records per page (at most 2000).") var resultsPerPage = 2000

    func run() async throws {
        var startDate: Timestamp?
        if let since {
            guard let parsed = Timestamp(iso8601: since.count == 10 ? since + "T00:00:00Z" : since) else {
                throw CommandFailure(message: "--since \(since): not an ISO 8601 date or time")
            }
            startDate = parsed
        }
        func given(_ url: String?) -> String? { url == "none" ? nil : url }
        let settings = FeedSynchronizer.Settings(
            nvdURL: given(nvdURL), apiKey: apiKey ?? ProcessInfo.processInfo.environment["NVD_API_KEY"],
            kevURL: given(kevURL), epssURL: given(epssURL), cve5URL: given(cve5URL), since: startDate,
            resultsPerPage: resultsPerPage
        )
        try await storage.withUpdate { update in
            let synchronizer = FeedSynchronizer(
                update: update, fetcher: AsyncHTTPFetcher(), settings: settings,
                sleep: { try await Task.sleep(for: $0) }
            )
            let report: FeedSynchronizer.Report
            do {
                report = try await synchronizer.sync()
            } catch let error as FeedUpdateError {
                throw CommandFailure(message: error.message)
            }
            Console.error("\(storage.knowledgeBaseFile): \(report.pages) NVD pages fetched")
            for line in report.update?.lines ?? [] { Console.error(line) }
            guard report.failures.isEmpty else {
                let failures = report.failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                throw CommandFailure(message: "sync incomplete: " + failures.joined(separator: "; "))
            }
        }
    }
}
