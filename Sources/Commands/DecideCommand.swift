import AppCore
import ArgumentParser
import Foundation
import Governance
import Remediation
import Storage
import Versioning
import VulnModel

/// `vans decide`: records a standing decision (ADR 0008) and applies it at once to the open records it covers;
/// later uploads apply it as they arrive. Written to the audit log.
struct DecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Record a standing decision (risk accepted, false positive, mitigated) for a CVE in a product."
    )

    @OptionGroup var storage: StorageOptions
    @Option(help: "A new, unique decision id.") var id: String
    @Option(help: "The CVE id.") var cve: String
    @Option(help: "vendor:product, as in CPE names.") var product: String
    @Option(help: "Lowest version covered, included.") var fromIncluding: String?
    @Option(help: "Lowest version covered, excluded.") var fromExcluding: String?
    @Option(help: "Highest version covered, included.") var toIncluding: String?
    @Option(help: "Highest version covered, excluded.") var toExcluding: String?
    @Option(help: "national, agency:OID or host:OID/HOST.") var scope: String
    @Option(help: "risk_accepted, false_positive or mitigated.") var outcome: String
    @Option(help: "Why (required).") var justification: String
    @Option(help: "Who approved it (required).") var approver: String
    @Option(help: "The first day it no longer applies (YYYY-MM-DD; required for risk_accepted).") var expires: String?
    @Option(help: "Act as of this instant (ISO 8601) instead of now.") var now: String?

    func run() async throws {
        let instant =
            try now.map { text in
                guard let instant = Timestamp(iso8601: text) else {
                    throw CommandFailure(message: "--now: not an ISO 8601 instant: \(text)")
                }
                return instant
            } ?? SystemClock().now()
        let decision = try makeDecision(on: instant.dayInTaiwan)
        let opened = try await storage.open()
        let closed: [TrackedRemediation]
        do {
            closed = try await RemediationDesk(
                store: SQLRemediationStore(backend: opened.backend), audit: SQLAuditLog(backend: opened.backend)
            ).decide(decision, by: approver, now: instant)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
        Console.output("decision \(decision.id) recorded; it closed \(closed.count) open record(s)")
    }

    func makeDecision(on day: Day) throws -> Decision {
        guard let cveID = CVEID(cve) else { throw CommandFailure(message: "--cve: not a CVE id: \(cve)") }
        let productRef: ProductRef
        do { productRef = try ProductRef(parsing: product) } catch {
            throw CommandFailure(message: "--product: \(error)")
        }
        guard let outcomeValue = Decision.Outcome(rawValue: outcome) else {
            throw CommandFailure(message: "--outcome: expected risk_accepted, false_positive or mitigated")
        }
        let bounds = [fromIncluding, fromExcluding, toIncluding, toExcluding]
        let versions =
            bounds.allSatisfy({ $0 == nil })
            ? nil
            : VersionRange(
                startIncluding: fromIncluding, startExcluding: fromExcluding, endIncluding: toIncluding,
                endExcluding: toExcluding)
        if let problem = versions?.malformation { throw CommandFailure(message: "versions: \(problem)") }
        let expiry: Day?
        if let expires {
            guard let parsed = Day(iso8601: expires), expires.utf8.count == 10 else {
                throw CommandFailure(message: "--expires: not a YYYY-MM-DD day: \(expires)")
            }
            expiry = parsed
        } else {
            expiry = nil
        }
        do {
            return try Decision(
                id: Decision.ID(id), cve: cveID, product: productRef, versions: versions, scope: try parseScope(),
                outcome: outcomeValue, justification: justification, approver: approver, madeOn: day, expires: expiry)
        } catch let error as DecisionError {
            throw CommandFailure(message: error.description)
        }
    }

    private func parseScope() throws -> Decision.Scope {
        if scope == "national" { return .national }
        do {
            if scope.hasPrefix("agency:") { return .agency(try Agency.ID(String(scope.dropFirst(7)))) }
            if scope.hasPrefix("host:") {
                let rest = scope.dropFirst(5)
                if let slash = rest.firstIndex(of: "/"), rest.index(after: slash) < rest.endIndex {
                    return .host(
                        HostRef(
                            agency: try Agency.ID(String(rest[..<slash])),
                            host: HostID(String(rest[rest.index(after: slash)...]))))
                }
            }
        } catch {
            throw CommandFailure(message: "--scope: \(error)")
        }
        throw CommandFailure(message: "--scope: expected national, agency:OID or host:OID/HOST, got \(scope)")
    }
}
