import Remediation
import VulnModel

/// Builds the RFC 5322 / MIME text of a rendered message: UTF-8 plain text in base64, the subject as RFC 2047
/// encoded words, and a `Message-ID` derived from the idempotency key, so a resent copy carries the same id.
public struct MailComposer: Sendable {
    public var from: String
    /// The right-hand side of `Message-ID`s: the sender's domain unless told otherwise.
    public var messageIDDomain: String

    public init(from: String, messageIDDomain: String? = nil) {
        self.from = from
        self.messageIDDomain =
            messageIDDomain ?? from.split(separator: "@").last.map(String.init) ?? "openvans.localhost"
    }

    public func compose(_ message: RenderedMessage, to recipients: [String], date: Timestamp) -> [UInt8] {
        var headers = [
            "Message-ID: \(messageID(for: message.key))",
            "Date: \(Self.date(date))",
            "From: \(from)",
            "To: \(recipients.joined(separator: ", "))",
            Self.subjectHeader(message.subject),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        headers.append("")
        let body = Base64.encodeLines(Array(Self.crlf(message.body).utf8))
        return Array((headers.joined(separator: "\r\n") + "\r\n" + body + "\r\n").utf8)
    }

    /// `<key@domain>` with the key kept readable: characters outside a safe set become `=XX`, and dots that
    /// would make an invalid dot-atom (leading, trailing, doubled) too.
    public func messageID(for key: String) -> String {
        let bytes = Array(key.utf8)
        var out = ""
        for (index, byte) in bytes.enumerated() {
            let isSafe =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || "-_/+".utf8.contains(byte)
            let isGoodDot =
                byte == UInt8(ascii: ".") && index > 0 && index < bytes.count - 1 && bytes[index - 1] != byte
            if isSafe || isGoodDot {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "=" + Self.hex(byte)
            }
        }
        return "<\(out)@\(messageIDDomain)>"
    }

    /// `Subject:` as is when it is short ASCII, else as folded `=?UTF-8?B?…?=` words of at most 75 characters,
    /// each holding whole characters (RFC 2047 §5).
    static func subjectHeader(_ subject: String) -> String {
        let isPlain = subject.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && subject.utf8.count <= 900
        guard !isPlain else { return "Subject: \(subject)" }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in subject {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Base64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Base64.encode(chunk))?=") }
        return "Subject: " + words.joined(separator: "\r\n ")
    }

    /// RFC 5322 date in Taiwan time: `Mon, 01 Apr 2024 09:00:00 +0800`.
    static func date(_ time: Timestamp) -> String {
        let local = time.millisecondsSinceEpoch / 1000 + 8 * 3600
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let seconds = Int(local - Int64(days) * 86_400)
        let day = Day(daysSinceEpoch: days)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(pad(day.day)) \(months[day.month - 1]) \(day.year) "
            + "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60)) +0800"
    }

    static func crlf(_ text: String) -> String {
        text.replacingOccurrences("\r\n", "\n").replacingOccurrences("\r", "\n").replacingOccurrences("\n", "\r\n")
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
