import AppCore
import Testing

@testable import Storage

@Suite("Storage: the sent-message log")
struct SentMessageLogTests {
    @Test(
        "per key and channel: sending, sent, failed and retried, across a reopened database", arguments: Engine.allCases
    )
    func lifecycle(engine: Engine) async throws {
        try await withDatabase(engine) { backend, location in
            let log = SQLSentMessageLog(backend: backend)
            let key = "remediation/x/due-2024-04-01/before-7d"
            #expect(try await !log.alreadySent(key, channel: "mail"))
            try await log.markSending(key, channel: "mail", recipient: "agency:1.2", at: Fixture.t0)
            try await log.markFailed(key, channel: "mail", error: "550 no such user", at: Fixture.later(1))
            #expect(try await !log.alreadySent(key, channel: "mail"))
            try await log.markSending(key, channel: "mail", recipient: "agency:1.2", at: Fixture.later(2))
            try await log.markSent(key, channel: "mail", at: Fixture.later(3))
            #expect(try await log.alreadySent(key, channel: "mail"))
            #expect(try await !log.alreadySent(key, channel: "webhook"))
            // A crash after markSending leaves `sending`, which is not `sent`: the next run sends again.
            try await log.markSending(key, channel: "webhook", recipient: "agency:1.2", at: Fixture.later(4))
            #expect(
                await storeErrorKind { try await log.markSent("never", channel: "mail", at: Fixture.t0) } == .notFound)
            try await withOpened(engine, at: location) { reopened in
                let records = try await SQLSentMessageLog(backend: reopened).records()
                #expect(records.map(\.channel) == ["mail", "webhook"])
                #expect(records[0].state == .sent && records[0].attempts == 2 && records[0].lastError == nil)
                #expect(records[1].state == .sending && records[1].attempts == 1)
                #expect(try await SQLSentMessageLog(backend: reopened).alreadySent(key, channel: "mail"))
            }
        }
    }
}
