import Governance
import VulnModel

/// Turns planned messages into text people read and a payload machines read (R23, ADR 0011). Pure: names come
/// from the directory, so the same plan always renders to the same bytes, and a resent message is identical.
public struct MessageRenderer: Sendable {
    public var directory: AgencyDirectory

    public init(directory: AgencyDirectory) {
        self.directory = directory
    }

    public func render(_ message: PlannedMessage) -> RenderedMessage {
        let text = Text(message, names: self)
        let subject = "[VANS] \(text.titleZh) / \(text.titleEn)"
        var body = "\(name(of: message.recipient).zh) 您好：\n\n"
        body += text.zh.joined(separator: "\n") + "\n\n"
        body += "——— English ———\n\n"
        body += "Dear \(name(of: message.recipient).en),\n\n"
        body += text.en.joined(separator: "\n") + "\n\n"
        body += footer(key: message.key)
        return RenderedMessage(
            key: message.key, recipient: message.recipient, subject: subject, body: body,
            webhookPayload: payload(message, text: text))
    }

    func footer(key: String) -> String {
        "--\n本信件由 VANS 自動寄送，請勿直接回覆。\nSent automatically by VANS; please do not reply.\n識別碼 / Message key: \(key)\n"
    }

    /// Chinese and English names; the English falls back to the Chinese name, then to the OID.
    func name(of recipient: Recipient) -> (zh: String, en: String) {
        switch recipient {
        case .nation: ("數位發展部資通安全署", "Administration for Cyber Security (moda)")
        case .agency(let id): name(of: id)
        }
    }

    func name(of agency: Agency.ID) -> (zh: String, en: String) {
        guard let entry = directory[agency] else { return (agency.rawValue, agency.rawValue) }
        return (entry.nameZh, entry.nameEn ?? entry.nameZh)
    }
}

extension MessageRenderer {
    /// The words of one planned message in both languages, shared by the mail, the digest and the payload.
    struct Text {
        var titleZh: String
        var titleEn: String
        /// A one-line summary, for digests.
        var summaryZh: String
        var summaryEn: String
        var zh: [String]
        var en: [String]

        init(_ message: PlannedMessage, names: MessageRenderer) {
            let agency = names.name(of: message.agency)
            let agencyZh = "\(agency.zh)（\(message.agency)）"
            let agencyEn = "\(agency.en) (\(message.agency))"
            switch message.subject {
            case .remediation(let finding, let deadline):
                let what = "\(finding.cve)"
                let due = deadline.bilingualLabel
                (titleZh, titleEn, zh, en) = Self.remediation(message.stage, cve: what, due: deadline)
                summaryZh = "\(agency.zh) \(finding.host) \(what)，期限 \(due)"
                summaryEn = "\(agency.en) \(finding.host) \(what), due \(deadline)"
                zh += [
                    "", "機關：\(agencyZh)", "主機：\(finding.host)", "弱點：\(what)",
                    "產品：\(finding.item.product) \(finding.item.version)", "修補期限：\(due)",
                ]
                en += [
                    "", "Agency: \(agencyEn)", "Host: \(finding.host)", "Vulnerability: \(what)",
                    "Product: \(finding.item.product) \(finding.item.version)",
                    "Deadline: \(deadline) (ROC \(deadline.rocLabel))",
                ]
            case .missingUpload(_, let month):
                (titleZh, titleEn, zh, en) = Self.missingUpload(message.stage, month: month)
                summaryZh = "\(agency.zh) \(month.rocLabel)資產清冊未上傳"
                summaryEn = "\(agency.en): inventory for \(month.gregorian) not uploaded"
                zh += ["", "機關：\(agencyZh)", "月份：\(month.bilingualLabel)"]
                en += ["", "Agency: \(agencyEn)", "Month: \(month.gregorian) (ROC \(month.rocLabel))"]
            }
        }

        private static func remediation(_ stage: PlannedMessage.Stage, cve: String, due: Day)
            -> (String, String, [String], [String])
        {
            switch stage {
            case .beforeDue(let days):
                return (
                    "弱點修補提醒：\(cve)（期限 \(due.rocLabel)）", "Remediation reminder: \(cve) (due \(due))",
                    ["下列弱點尚未修補，距修補期限尚有 \(days) 天，請於期限前完成修補並於 VANS 更新處理狀態。"],
                    [
                        "The finding below is not yet remediated and is due in \(days) day(s). Please remediate it "
                            + "and update its status in VANS before the deadline."
                    ]
                )
            case .overdue:
                return (
                    "弱點修補逾期通知：\(cve)（期限 \(due.rocLabel)）", "Remediation overdue: \(cve) (due \(due))",
                    ["下列弱點已逾修補期限，請儘速完成修補並於 VANS 更新處理狀態。"],
                    ["The finding below is past its remediation deadline. Please remediate it and update VANS."]
                )
            case .escalation(let level):
                return (
                    "弱點修補逾期陳報（第\(level)層）：\(cve)", "Escalation (level \(level)): \(cve) overdue",
                    ["下列所屬機關之弱點已逾修補期限，請督導改善。"],
                    ["A finding at an agency you supervise is past its remediation deadline. Please follow up."]
                )
            }
        }

        private static func missingUpload(_ stage: PlannedMessage.Stage, month: ReportingMonth)
            -> (String, String, [String], [String])
        {
            switch stage {
            case .beforeDue, .overdue:
                return (
                    "資產清冊未上傳通知：\(month.rocLabel)", "Inventory upload missing: \(month.gregorian)",
                    ["貴機關 \(month.rocLabel) 之資產清冊尚未上傳 VANS，請儘速上傳。"],
                    ["Your inventory for \(month.gregorian) has not been uploaded to VANS. Please upload it."]
                )
            case .escalation(let level):
                return (
                    "資產清冊未上傳陳報（第\(level)層）：\(month.rocLabel)",
                    "Escalation (level \(level)): inventory for \(month.gregorian) missing",
                    ["下列所屬機關尚未上傳資產清冊，請督導改善。"],
                    ["An agency you supervise has not uploaded its inventory. Please follow up."]
                )
            }
        }
    }
}
