// A simulated year of VANS (issue 5, "Measured"): N agencies (default 300), 12 monthly uploads each with churn, a
// third of them late or missing some months; every upload processed by the service's own job handler (identify,
// match, record findings, remediation records and deadlines), the dashboard recomputed after each, the reminder job
// run every day at 09:00 (and a second time, as after a restart) with mail going to a real SMTP receiver. At the end
// every expected reminder and escalation is checked to have been sent exactly once, and the pages are timed.
//
//   VANS_YEAR_BENCH=1 swift build -c release --product YearSimulation
//   scripts/year-simulation.sh [AGENCIES]                              # SQLite, SMTP receiver started by the script
//   scripts/postgres-test.sh run scripts/year-simulation.sh [AGENCIES] # PostgreSQL
import AppCore
import FeedFiles
import Foundation
import Governance
import Hummingbird
import HummingbirdTesting
import Identification
import Logging
import Mail
import Matching
import Remediation
import Storage
import StoragePostgres
import StorageSQLite
import Synchronization
import VulnModel
import WebUI

/// Unbuffered, so progress shows as it happens when the output is a file.
@Sendable func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 3, let agencyCount = Int(arguments[arguments.startIndex]) else {
    say("usage: YearSimulation AGENCIES SMTP-PORT MAILDIR [PACKAGE-ROOT]")
    exit(2)
}
let smtpPort = Int(arguments[arguments.startIndex + 1]) ?? 0
let maildir = arguments[arguments.startIndex + 2]
let root = arguments.count > 3 ? arguments[arguments.startIndex + 3] : FileManager.default.currentDirectoryPath

/// The simulation's "now", moved by the driver; the service's parts read it as their clock.
final class SimulatedClock: WallClock, Sendable {
    private let instant = Mutex(Timestamp(millisecondsSinceEpoch: 0))
    func now() -> Timestamp { instant.withLock { $0 } }
    func set(_ day: Day, hour: Int, minute: Int = 0) {
        // Taiwan is UTC+8.
        let ms = (Int64(day.daysSinceEpoch) * 86_400 + Int64(hour - 8) * 3_600 + Int64(minute) * 60) * 1_000
        instant.withLock { $0 = Timestamp(millisecondsSinceEpoch: ms) }
    }
}

struct Preloaded: KnowledgeBaseProvider {
    let loaded: LoadedKnowledgeBase
    func current() async throws -> LoadedKnowledgeBase { loaded }
    func isLoaded() async -> Bool { true }
}

func loadKnowledge() async throws -> LoadedKnowledgeBase {
    let knowledgeBase = try await KnowledgeBaseLoader(source: FeedDirectory()).load(["\(root)/Samples/feeds"])
    var vocabulary = CPEVocabulary.Builder()
    vocabulary.add(knowledgeBase)
    let bytes = { (path: String) throws -> [UInt8] in [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
    let identifier = InventoryIdentifier(
        identifier: SoftwareIdentifier(
            vocabulary: vocabulary.build(),
            aliases: try AliasDictionary(jsonBytes: bytes("\(root)/Data/identification/aliases.json"))),
        checker: ProhibitedChecker(
            catalogue: try ProhibitedCatalogue(
                jsonBytes: bytes("\(root)/Data/identification/prohibited-catalogue.json"))))
    return LoadedKnowledgeBase(
        matcher: InventoryMatcher(
            facts: knowledgeBase, index: MatchIndex(knowledgeBase: knowledgeBase), policy: RiskPolicy()),
        identifier: identifier, source: "Samples/feeds", loadedAt: Timestamp(millisecondsSinceEpoch: 0))
}

@Sendable func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

@Sendable func summary(_ values: [Double]) -> String {
    guard !values.isEmpty else { return "n/a" }
    let sorted = values.sorted()
    let pick = { (q: Double) in sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))] * 1_000 }
    return String(
        format: "n=%d p50 %.1f ms, p95 %.1f ms, max %.1f ms, total %.1f s", sorted.count, pick(0.5), pick(0.95),
        sorted.last.map { $0 * 1_000 } ?? 0, sorted.reduce(0, +))
}

func simulate(engine: String, backend: Backend) async throws {
    let clock = SimulatedClock()
    let knowledge = Preloaded(loaded: try await loadKnowledge())
    var logger = Logger(label: "year")
    logger.logLevel = .warning
    var rng = SplitMix64(state: 20_251_231)
    var world = try World.make(count: agencyCount, using: &rng)
    let agencyStore = SQLAgencyStore(backend: backend)
    try await agencyStore.save(world.map(\.agency))
    let uploads = SQLUploadStore(backend: backend)
    let jobs = SQLJobQueue(backend: backend)
    let findings = SQLFindingStore(backend: backend)
    let records = SQLRemediationStore(backend: backend)
    let audit = SQLAuditLog(backend: backend)
    let log = SQLSentMessageLog(backend: backend)
    let processor = UploadProcessor(
        uploads: uploads, jobs: jobs, findings: findings, knowledge: knowledge,
        observer: RemediationSync(store: records, riskFacts: CurrentRiskFacts(knowledge: knowledge), audit: audit),
        clock: { clock.now() }, logger: logger)
    let queries = OverviewQueries(
        agencies: agencyStore, uploads: uploads, findings: findings,
        assessments: { try await knowledge.current().matcher.facts },
        remediation: SQLRemediationFigures(backend: backend))
    var addresses: [Recipient: [String]] = [.nation: ["acs@nation.example"]]
    for simulated in world { addresses[.agency(simulated.agency.id)] = ["ciso@\(simulated.agency.id).example"] }
    let reminders = ReminderRun(
        records: records, agencies: agencyStore, uploads: uploads,
        dispatcher: ReminderDispatcher(
            planner: ReminderPlanner(),
            senders: [
                MailSender(
                    client: SMTPClient(host: "127.0.0.1", port: smtpPort),
                    composer: MailComposer(from: "vans@localhost"),
                    addresses: addresses, clock: clock)
            ], log: log, clock: clock, mode: .dailyDigest),
        audit: audit)

    // Upload days: month M's inventory goes up in M+1, on days 1–8; a sloppy agency is late (days 12–28) in a
    // quarter of months and misses a tenth of them entirely.
    let months = (1...12).compactMap { ReportingMonth(year: 2025, month: $0) }
    var schedule: [Day: [(Int, ReportingMonth)]] = [:]
    var uploadDay: [String: Day] = [:]
    for (index, simulated) in world.enumerated() {
        for month in months {
            let roll = Double.random(in: 0..<1, using: &rng)
            if simulated.sloppy, roll < 0.1 { continue }
            let day = month.next.day(
                simulated.sloppy && roll < 0.35
                    ? Int.random(in: 12...28, using: &rng) : Int.random(in: 1...8, using: &rng))
            schedule[day, default: []].append((index, month))
            uploadDay["\(simulated.agency.id)/\(month.gregorian)"] = day
        }
    }
    let first = months[0].next.firstDay
    let last = months[11].next.lastDay
    var processing: [Double] = []
    var dashboards: [Double] = []
    var reminderRuns: [Double] = []
    var restartRuns: [Double] = []
    var sentDigests = 0
    var resent = 0
    var day = first
    let wall = ContinuousClock.now
    while day <= last {
        clock.set(day, hour: 9)
        let started = ContinuousClock.now
        let (_, report) = try await reminders.run(now: clock.now())
        reminderRuns.append(seconds(ContinuousClock.now - started))
        if !report.failures.isEmpty { say("\(day): \(report.failures.count) failed sends: \(report.failures[0])") }
        sentDigests += report.sent.count
        // The same day again, as after a restart, once a week (it costs as much as a run): nothing may go out twice.
        if day.daysSinceEpoch % 7 == 0 {
            let again = ContinuousClock.now
            let (_, second) = try await reminders.run(now: clock.now())
            restartRuns.append(seconds(ContinuousClock.now - again))
            resent += second.sent.count
        }
        for (offset, (index, month)) in (schedule[day] ?? []).enumerated() {
            clock.set(day, hour: 10, minute: offset % 600)
            if month != months[0] { world[index].churn(using: &rng) }
            let bytes = world[index].inventory()
            let agency = world[index].agency.id
            let received = try await uploads.receive(
                NewUpload(
                    agency: agency, month: month, digest: .sha256(of: bytes), format: "csv",
                    byteCount: Int64(bytes.count)),
                content: UploadContent(fileName: "inventory.csv", bytes: bytes), now: clock.now())
            guard received.isNew else { continue }
            let began = ContinuousClock.now
            guard let lease = try await jobs.claim(kinds: [.processUpload], lease: .seconds(3_600), now: clock.now())
            else {
                say("\(day): no job for the upload of \(agency)")
                continue
            }
            try await processor.run(lease)
            try await jobs.complete(lease, now: clock.now())
            processing.append(seconds(ContinuousClock.now - began))
            let dashboard = ContinuousClock.now
            _ = try await queries.overview(of: agency)
            dashboards.append(seconds(ContinuousClock.now - dashboard))
        }
        if day.day == 1 {
            say(
                "\(engine) \(day): \(processing.count) uploads processed, \(sentDigests) digests sent, "
                    + String(format: "%.0f s", seconds(ContinuousClock.now - wall)))
        }
        day = day.adding(days: 1)
    }
    let simulatedWall = seconds(ContinuousClock.now - wall)

    // What should have been sent, worked out from the records' own history and the schedule, not from the log.
    let all = try await records.records(in: Set(RemediationState.allCases))
    let expected = Expectations.keys(
        records: all.map(\.record), directory: try await agencyStore.directory(), uploadDay: uploadDay,
        agencies: world.map(\.agency), months: months, lastRun: last)
    let delivered = try await log.records()
    let covered = Set(delivered.filter { !$0.key.hasPrefix("digest/") && $0.state == .sent }.map(\.key))
    let digestsLogged = delivered.filter { $0.key.hasPrefix("digest/") && $0.state == .sent }.count
    let mail = try Maildir.read(maildir)
    say(
        """

        == \(engine): \(world.count) agencies, \(months.count) months, simulated in \(String(format: "%.0f", simulatedWall)) s
        uploads processed: \(processing.count); remediation records: \(all.count) \
        (open/planned \(all.filter { !$0.record.state.isClosed }.count), verified \(all.filter { $0.record.verified }.count))
        processing an upload (identify, match, record findings, remediation records and deadlines): \(summary(processing))
        the agency's dashboard recomputed after it: \(summary(dashboards))
        daily reminder run: \(summary(reminderRuns)); the same day again (weekly): \(summary(restartRuns))
        expected messages: \(expected.reminders) reminders, \(expected.escalations) escalations, \
        \(expected.missing) missing-upload notices and \(expected.missingEscalations) escalations of them
        logged as sent: \(covered.count) messages in \(digestsLogged) digests; mails received by the SMTP server: \
        \(mail.count), distinct Message-IDs \(Set(mail.map(\.messageID)).count); sent again on the second run: \(resent)
        expected but not sent: \(expected.keys.subtracting(covered).count) \
        \(expected.keys.subtracting(covered).sorted().prefix(3))
        sent but not expected: \(covered.subtracting(expected.keys).count) \(covered.subtracting(expected.keys).sorted().prefix(3))
        """)

    // What the supervisor's list is made of, each read timed alone (the page below runs them all).
    let window = ReportingMonth(containing: clock.now().dayInTaiwan).window(of: 12)
    var parts: [String] = []
    func timed(_ name: String, _ read: () async throws -> Void) async throws {
        let began = ContinuousClock.now
        try await read()
        parts.append("\(name) \(String(format: "%.1f", seconds(ContinuousClock.now - began) * 1000)) ms")
    }
    var latestMonths: [Agency.ID: ReportingMonth] = [:]
    try await timed("directory") { _ = try await agencyStore.directory() }
    try await timed("uploads") { _ = try await uploads.uploads(agencies: world.map(\.agency.id)) }
    try await timed("latest snapshots") {
        for snapshot in try await uploads.latestSnapshots() { latestMonths[snapshot.agency] = snapshot.month }
    }
    try await timed("finding figures") { _ = try await findings.figures(latest: latestMonths, months: window) }
    try await timed("remediation figures") {
        _ = try await SQLRemediationFigures(backend: backend).figures(
            on: clock.now().dayInTaiwan, months: window[0]...window[window.count - 1])
    }
    say("supervisor list, its reads one by one: " + parts.joined(separator: ", "))

    // The pages, through the same routes `vans serve` mounts, for the national supervisor.
    let pages = WebPages(
        queries: queries, clock: { clock.now() }, viewer: { _ in PageViewer(name: "ACS", scope: .nation) })
    let router = Router()
    pages.register(on: router)
    let app = Application(router: router)
    let sample = world.map(\.agency.id).shuffled(using: &rng).prefix(20)
    let total = world.count
    try await app.test(.router) { client in
        var supervisor: [Double] = []
        var csv: [Double] = []
        var dashboard: [Double] = []
        for _ in 0..<5 {
            let began = ContinuousClock.now
            let response = try await client.execute(uri: "/agencies", method: .get)
            supervisor.append(seconds(ContinuousClock.now - began))
            precondition(response.status == .ok, "supervisor page: \(response.status)")
            let csvBegan = ContinuousClock.now
            _ = try await client.execute(uri: "/agencies.csv", method: .get)
            csv.append(seconds(ContinuousClock.now - csvBegan))
        }
        for id in sample {
            let began = ContinuousClock.now
            let response = try await client.execute(uri: "/agencies/\(id)", method: .get)
            dashboard.append(seconds(ContinuousClock.now - began))
            precondition(response.status == .ok, "dashboard of \(id): \(response.status)")
        }
        say(
            """
            supervisor page (\(total) agencies): \(summary(supervisor)); its CSV: \(summary(csv))
            agency dashboard page: \(summary(dashboard))
            """)
    }
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-year-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
if let url = ProcessInfo.processInfo.environment["VANS_TEST_POSTGRES_URL"] {
    let postgres = try await PostgresStorage.open(url: url)
    do { try await simulate(engine: "postgres", backend: postgres.backend) } catch { say("postgres: \(error)") }
    await postgres.close()
} else {
    let sqlite = try await SQLiteStorage.open(path: folder.appendingPathComponent("year.sqlite").path)
    do { try await simulate(engine: "sqlite", backend: sqlite.backend) } catch { say("sqlite: \(error)") }
    await sqlite.close()
}
if ProcessInfo.processInfo.environment["VANS_YEAR_KEEP"] == nil {
    try? FileManager.default.removeItem(at: folder)
} else {
    say("kept \(folder.path)")
}
