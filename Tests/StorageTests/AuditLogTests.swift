import AppCore
import SQLKit
import Testing
import VulnModel

@testable import Storage

@Suite("Storage: audit log")
struct AuditLogTests {
    @Test("entries append in order; the database refuses UPDATE and DELETE", arguments: Engine.allCases)
    func appendOnly(engine: Engine) async throws {
        try await withDatabase(engine) { backend in
            let fixture = try await Fixture(backend)
            let first = try await fixture.audit.append(
                AuditEntry(
                    at: Fixture.t0, actor: "apikey:1", agency: Fixture.agencyA, action: "upload.received", subject: "u1"
                )
            )
            let second = try await fixture.audit.append(
                AuditEntry(
                    at: Fixture.later(1), actor: "admin", agency: Fixture.agencyB, action: "apikey.revoked",
                    subject: "k1")
            )
            #expect(first < second)
            let statements: [SQLQueryString] =
                [
                    "UPDATE audit_log SET actor = 'someone else'",
                    "DELETE FROM audit_log",
                    "DELETE FROM audit_log WHERE seq = \(bind: second.rawValue)",
                ] + (engine == .postgres ? ["TRUNCATE audit_log"] : [])
            for statement in statements {
                let kind = await storeErrorKind {
                    try await backend.run("tampering") { try await backend.database.raw(statement).run() }
                }
                #expect(kind == .rejected)
            }
            let all = try await fixture.audit.entries(agency: nil, after: nil, limit: 10)
            #expect(all.map(\.actor) == ["apikey:1", "admin"])
            #expect(
                try await fixture.audit.entries(agency: Fixture.agencyB, after: nil, limit: 10).map(\.sequence) == [
                    second
                ])
            #expect(try await fixture.audit.entries(agency: nil, after: first, limit: 10).map(\.sequence) == [second])
        }
    }
}
