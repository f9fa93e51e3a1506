import AppCore
import Mail
import Remediation
import Testing
import VulnModel

@Suite struct MailComposerTests {
    static let composer = MailComposer(from: "vans-noreply@acs.gov.tw")

    static func text(_ subject: String, body: String) -> String {
        let message = RenderedMessage(
            key: "digest/nation/2024-04-01", recipient: .nation, subject: subject, body: body, webhookPayload: [])
        let time = Timestamp(iso8601: "2024-03-31T16:30:05Z") ?? Timestamp(millisecondsSinceEpoch: 0)
        return String(decoding: composer.compose(message, to: ["a@b.tw"], date: time), as: UTF8.self)
    }

    @Test func headersOfAnASCIIMessage() {
        #expect(
            Self.text("Daily digest", body: "one\ntwo\r\n.three\n")
                == """
                Message-ID: <digest/nation/2024-04-01@acs.gov.tw>\r
                Date: Mon, 01 Apr 2024 00:30:05 +0800\r
                From: vans-noreply@acs.gov.tw\r
                To: a@b.tw\r
                Subject: Daily digest\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=UTF-8\r
                Content-Transfer-Encoding: base64\r
                \r
                b25lDQp0d28NCi50aHJlZQ0K\r

                """)
    }

    /// Encoded words hold whole characters, at most 75 characters each, and fold onto continuation lines.
    @Test func aChineseSubjectBecomesFoldedEncodedWords() {
        let text = Self.text("[VANS] 弱點修補逾期通知：CVE-2021-44228（期限 民國113年3月31日）", body: "")
        let subject = text.split(separator: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { !$0.hasPrefix("MIME") }
        let words = subject.map { $0.split(separator: " ").last ?? "" }
        #expect(words.count == 2)
        #expect(words.allSatisfy { $0.count <= 75 && $0.utf8.allSatisfy { $0 < 0x80 } })
        // 45 bytes of UTF-8 a word: `[VANS] 弱點修補逾期通知：CVE-2021-44`, then the rest.
        #expect(subject.first == "Subject: =?UTF-8?B?W1ZBTlNdIOW8sem7nuS/ruijnOmAvuacn+mAmuefpe+8mkNWRS0yMDIxLTQ0?=")
        #expect(subject.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") })
    }

    @Test(arguments: [
        (
            "remediation/2.16.886/h 1/CVE-1/a:b:1/due-2024-03-31/overdue",
            "<remediation/2.16.886/h=201/CVE-1/a=3Ab=3A1/due-2024-03-31/overdue@acs.gov.tw>"
        ),
        (".a..b.", "<=2Ea.=2Eb=2E@acs.gov.tw>"),
        ("主機", "<=E4=B8=BB=E6=A9=9F@acs.gov.tw>"),
    ])
    func messageIDsAreValidDotAtomsDerivedFromTheKey(key: String, expected: String) {
        #expect(Self.composer.messageID(for: key) == expected)
    }
}
