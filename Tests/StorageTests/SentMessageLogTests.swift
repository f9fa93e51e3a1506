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

    @Test(
        "batched: which of 1,200 keys are sent, and a digest's messages marked sent at once", arguments: Engine.allCases
    )
    func batches(engine: Engine) async throws {
        try await withDatabase(engine) { backend, _ in
            let log = SQLSentMessageLog(backend: backend)
            let keys = (0..<1_200).map { "remediation/agency/host-\($0)/CVE-2024-0001/due-2024-04-01/overdue" }
            // Every third key goes out in a digest; key 1 is only `sending` (a crash mid-send), so it is not sent.
            let covered = stride(from: 0, to: keys.count, by: 3).map { keys[$0] }
            try await log.markSending(keys[1], channel: "mail", recipient: "agency:1.2", at: Fixture.t0)
            try await log.markCovered(covered, channel: "mail", recipient: "agency:1.2", at: Fixture.later(1))
            #expect(try await log.sent(keys, channel: "mail") == Set(covered))
            #expect(try await log.sent(keys, channel: "webhook").isEmpty)
            // Marking again (a digest resent after a crash) keeps one entry per key, counting the attempt.
            try await log.markCovered(
                Array(covered.prefix(2)), channel: "mail", recipient: "agency:1.2", at: Fixture.later(2))
            let records = try await log.records()
            #expect(records.count == covered.count + 1)
            #expect(records.first { $0.key == covered[0] }?.attempts == 2)
            #expect(records.first { $0.key == keys[1] }?.state == .sending)
        }
    }
}
