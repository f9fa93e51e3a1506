import Governance
import JSON
import Remediation
import Testing
import VulnModel

/// R23: reminders read in zh-TW first, English below, with deadlines in both calendars (ADR 0011).
@Suite struct MessageRendererTests {
    static let directory: AgencyDirectory = {
        do {
            return try AgencyDirectory([
                Agency(
                    id: county, nameZh: "宜蘭縣政府", nameEn: "Yilan County Government", tier: .countyCity,
                    localGovernment: .yilan, supervisor: .nation, governs: .yilan),
                Agency(
                    id: bureau, nameZh: "宜蘭縣政府衛生局", tier: .countyCity, localGovernment: .yilan,
                    supervisor: .agency(county)),
            ])
        } catch { preconditionFailure("\(error)") }
    }()

    static let renderer = MessageRenderer(directory: directory)

    static func reminder(_ stage: PlannedMessage.Stage, to recipient: Recipient = .agency(bureau)) -> PlannedMessage {
        PlannedMessage(
            recipient: recipient, agency: bureau, subject: .remediation(key(), deadline: day("2024-03-31")),
            stage: stage, dueOn: day("2024-03-24"))
    }

    @Test func aReminderBeforeTheDeadline() {
        let rendered = Self.renderer.render(Self.reminder(.beforeDue(days: 7)))
        #expect(
            rendered.subject
                == "[VANS] 弱點修補提醒：CVE-2021-44228（期限 民國113年3月31日） / "
                + "Remediation reminder: CVE-2021-44228 (due 2024-03-31)")
        #expect(
            rendered.body == """
                宜蘭縣政府衛生局 您好：

                下列弱點尚未修補，距修補期限尚有 7 天，請於期限前完成修補並於 VANS 更新處理狀態。

                機關：宜蘭縣政府衛生局（2.16.886.116.1）
                主機：srv-01
                弱點：CVE-2021-44228
                產品：apache:log4j 2.14.1
                修補期限：民國113年3月31日（2024-03-31）

                ——— English ———

                Dear 宜蘭縣政府衛生局,

                The finding below is not yet remediated and is due in 7 day(s). \
                Please remediate it and update its status in VANS before the deadline.

                Agency: 宜蘭縣政府衛生局 (2.16.886.116.1)
                Host: srv-01
                Vulnerability: CVE-2021-44228
                Product: apache:log4j 2.14.1
                Deadline: 2024-03-31 (ROC 民國113年3月31日)

                --
                本信件由 VANS 自動寄送，請勿直接回覆。
                Sent automatically by VANS; please do not reply.
                識別碼 / Message key: \
                remediation/2.16.886.116.1/srv-01/CVE-2021-44228/apache:log4j:2.14.1/due-2024-03-31/before-7d

                """)
        #expect(
            String(decoding: rendered.webhookPayload, as: UTF8.self) == """
                {"schema":"openvans.reminder/1",\
                "idempotencyKey":"remediation/2.16.886.116.1/srv-01/CVE-2021-44228/apache:log4j:2.14.1/due-2024-03-31/before-7d",\
                "kind":"reminder","daysBeforeDue":7,"recipient":"agency:2.16.886.116.1","agency":"2.16.886.116.1",\
                "agencyNameZh":"宜蘭縣政府衛生局","agencyNameEn":"宜蘭縣政府衛生局","dueOn":"2024-03-24",\
                "finding":{"host":"srv-01","cve":"CVE-2021-44228","product":"apache:log4j","version":"2.14.1",\
                "deadline":"2024-03-31","deadlineROC":"民國113年3月31日"},\
                "titleZh":"弱點修補提醒：CVE-2021-44228（期限 民國113年3月31日）",\
                "titleEn":"Remediation reminder: CVE-2021-44228 (due 2024-03-31)"}
                """)
    }

    /// The top of the ladder: the national authority, told which supervised agency is late.
    @Test func anEscalationToTheNation() {
        let rendered = Self.renderer.render(Self.reminder(.escalation(2), to: .nation))
        #expect(
            rendered.subject
                == "[VANS] 弱點修補逾期陳報（第2層）：CVE-2021-44228 / Escalation (level 2): CVE-2021-44228 overdue")
        let lines = rendered.body.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(3) == ["數位發展部資通安全署 您好：", "", "下列所屬機關之弱點已逾修補期限，請督導改善。"])
        #expect(lines.contains("Dear Administration for Cyber Security (moda),"))
        #expect(
            lines.contains("A finding at an agency you supervise is past its remediation deadline. Please follow up."))
        let payload = String(decoding: rendered.webhookPayload, as: UTF8.self)
        #expect(payload.contains(#""kind":"escalation","escalationLevel":2,"recipient":"nation""#))
    }

    @Test func aMissingUploadEscalationNamesTheMonthInBothCalendars() throws {
        let month = try #require(ReportingMonth(year: 2026, month: 10))
        let rendered = Self.renderer.render(
            PlannedMessage(
                recipient: .agency(county), agency: bureau, subject: .missingUpload(bureau, month),
                stage: .escalation(1), dueOn: day("2026-11-17")))
        #expect(
            rendered.subject
                == "[VANS] 資產清冊未上傳陳報（第1層）：民國115年10月 / Escalation (level 1): inventory for 2026-10 missing")
        #expect(
            rendered.body.hasPrefix(
                """
                宜蘭縣政府 您好：

                下列所屬機關尚未上傳資產清冊，請督導改善。

                機關：宜蘭縣政府衛生局（2.16.886.116.1）
                月份：115年10月 / 2026-10

                ——— English ———

                Dear Yilan County Government,

                An agency you supervise has not uploaded its inventory. Please follow up.

                Agency: 宜蘭縣政府衛生局 (2.16.886.116.1)
                Month: 2026-10 (ROC 民國115年10月)

                """))
        let payload = String(decoding: rendered.webhookPayload, as: UTF8.self)
        #expect(payload.contains(#""missingUpload":{"month":"2026-10","monthROC":"115-10"}"#))
    }

    @Test func aDigestListsTheDaysMessagesInBothLanguages() throws {
        let digests = Digest.group(
            [Self.reminder(.overdue), Self.reminder(.beforeDue(days: 1))], on: day("2024-04-01"))
        let rendered = Self.renderer.render(try #require(digests.first))
        #expect(rendered.key == "digest/agency:2.16.886.116.1/2024-04-01")
        #expect(rendered.subject == "[VANS] 每日彙整 民國113年4月1日：2 則通知 / Daily digest 2024-04-01: 2 notice(s)")
        #expect(
            rendered.body.contains(
                """
                1. 弱點修補提醒：CVE-2021-44228（期限 民國113年3月31日）
                   宜蘭縣政府衛生局 srv-01 CVE-2021-44228，期限 民國113年3月31日（2024-03-31）
                2. 弱點修補逾期通知：CVE-2021-44228（期限 民國113年3月31日）
                """))
        #expect(
            rendered.body.contains(
                """
                VANS notices for 2024-04-01 (ROC 民國113年4月1日):

                1. Remediation reminder: CVE-2021-44228 (due 2024-03-31)
                   宜蘭縣政府衛生局 srv-01 CVE-2021-44228, due 2024-03-31
                2. Remediation overdue: CVE-2021-44228 (due 2024-03-31)
                """))
        // The payload is valid JSON that the project's own reader accepts.
        #expect(throws: Never.self) {
            try rendered.webhookPayload.withUnsafeBufferPointer { buffer throws(JSONError) in
                var reader = JSONReader(buffer)
                try reader.skipValue()
            }
        }
        let payload = String(decoding: rendered.webhookPayload, as: UTF8.self)
        #expect(
            payload.hasPrefix(
                #"{"schema":"openvans.digest/1","idempotencyKey":"digest/agency:2.16.886.116.1/2024-04-01""#))
        #expect(payload.split(separator: #""schema":"openvans.reminder/1""#).count == 3)
    }
}
