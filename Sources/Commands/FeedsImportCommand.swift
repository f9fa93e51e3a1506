import AppCore
import ArgumentParser

/// `vans feeds import PATH…`: merges feed files into the service's knowledge base.
struct FeedsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge feed files into the service's knowledge-base file and record each source's state.",
        discussion: """
            The files are kept in <kb>.feeds/ beside the knowledge-base file, merged with those imported or synced \
            before (newest record per CVE wins; a KEV or EPSS file replaces the previous one), and the file is \
            replaced in one rename, which a running `vans serve` picks up. The products whose findings the change \
            can alter are queued for re-matching.
            """
    )

    @Argument(help: "Feed files or folders (NVD 2.0/1.1, overrides, CVE JSON 5, KEV, EPSS).")
    var paths: [String]

    @OptionGroup var storage: FeedStorageOptions

    func run() async throws {
        try await storage.withUpdate { update in
            let report: FeedUpdate.Report
            do {
                report = try await update.importFiles(paths)
            } catch let error as FeedUpdateError {
                throw CommandFailure(message: error.message)
            }
            Console.error("\(storage.knowledgeBaseFile): updated")
            for line in report.lines { Console.error(line) }
        }
    }
}
