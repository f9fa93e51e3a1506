import Governance
import JSON
import VulnModel

extension MessageRenderer {
    /// One mail for one recipient's day: a line per message in Chinese, then the same in English.
    public func render(_ digest: Digest) -> RenderedMessage {
        let texts = digest.messages.map { Text($0, names: self) }
        let recipient = name(of: digest.recipient)
        let subject =
            "[VANS] 每日彙整 \(digest.day.rocLabel)：\(texts.count) 則通知 / "
            + "Daily digest \(digest.day): \(texts.count) notice(s)"
        var body = "\(recipient.zh) 您好：\n\n"
        body += "\(digest.day.bilingualLabel) VANS 通知如下：\n\n"
        for (index, text) in texts.enumerated() { body += "\(index + 1). \(text.titleZh)\n   \(text.summaryZh)\n" }
        body += "\n——— English ———\n\n"
        body += "Dear \(recipient.en),\n\nVANS notices for \(digest.day) (ROC \(digest.day.rocLabel)):\n\n"
        for (index, text) in texts.enumerated() { body += "\(index + 1). \(text.titleEn)\n   \(text.summaryEn)\n" }
        body += "\n" + footer(key: digest.key)

        var writer = JSONWriter()
        writer.beginObject()
        writer.key("schema")
        writer.string("openvans.digest/1")
        writer.key("idempotencyKey")
        writer.string(digest.key)
        writer.key("recipient")
        writer.string(digest.recipient.description)
        writer.key("day")
        writer.string(digest.day.description)
        writer.key("dayROC")
        writer.string(digest.day.rocLabel)
        writer.key("messages")
        writer.beginArray()
        for (message, text) in zip(digest.messages, texts) { writeMessage(message, text: text, into: &writer) }
        writer.endArray()
        writer.endObject()
        return RenderedMessage(
            key: digest.key, recipient: digest.recipient, subject: subject, body: body,
            webhookPayload: writer.take())
    }

    func payload(_ message: PlannedMessage, text: Text) -> [UInt8] {
        var writer = JSONWriter()
        writeMessage(message, text: text, into: &writer)
        return writer.take()
    }

    /// Field names are a contract with receivers (ADR 0011): add fields, never rename them.
    private func writeMessage(_ message: PlannedMessage, text: Text, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("schema")
        writer.string("openvans.reminder/1")
        writer.key("idempotencyKey")
        writer.string(message.key)
        writer.key("kind")
        switch message.stage {
        case .beforeDue(let days):
            writer.string("reminder")
            writer.key("daysBeforeDue")
            writer.number(days)
        case .overdue:
            writer.string("overdue")
        case .escalation(let level):
            writer.string("escalation")
            writer.key("escalationLevel")
            writer.number(level)
        }
        writer.key("recipient")
        writer.string(message.recipient.description)
        writer.key("agency")
        writer.string(message.agency.rawValue)
        let agency = name(of: message.agency)
        writer.key("agencyNameZh")
        writer.string(agency.zh)
        writer.key("agencyNameEn")
        writer.string(agency.en)
        writer.key("dueOn")
        writer.string(message.dueOn.description)
        switch message.subject {
        case .remediation(let finding, let deadline):
            writer.key("finding")
            writer.beginObject()
            writer.key("host")
            writer.string(finding.host.rawValue)
            writer.key("cve")
            writer.string(finding.cve.description)
            writer.key("product")
            writer.string(finding.item.product.description)
            writer.key("version")
            writer.string(finding.item.version)
            writer.key("deadline")
            writer.string(deadline.description)
            writer.key("deadlineROC")
            writer.string(deadline.rocLabel)
            writer.endObject()
        case .missingUpload(_, let month):
            writer.key("missingUpload")
            writer.beginObject()
            writer.key("month")
            writer.string(month.gregorian)
            writer.key("monthROC")
            writer.string(month.roc)
            writer.endObject()
        }
        writer.key("titleZh")
        writer.string(text.titleZh)
        writer.key("titleEn")
        writer.string(text.titleEn)
        writer.endObject()
    }
}
