import Foundation
import TestSupport
import Testing

/// A real SMTP server (aiosmtpd, from `scripts/smtp-test.sh`'s venv) on a free loopback port, writing what it
/// accepts to a maildir. Tests skip, printing why, when aiosmtpd is not installed, unless `VANS_REQUIRE_SMTP=1`
/// (CI), where its absence is a failure.
final class SMTPReceiver {
    let port: Int
    let maildir: URL
    private let server: LoopbackScript

    /// The receiver, or nil (after printing the reason or recording a failure) when it cannot run here.
    static func start(sourceLocation: SourceLocation = #_sourceLocation) throws -> SMTPReceiver? {
        guard let python = python() else {
            let reason = "aiosmtpd not found: run scripts/smtp-test.sh (or set VANS_SMTP_PYTHON)"
            if ProcessInfo.processInfo.environment["VANS_REQUIRE_SMTP"] == "1" {
                Issue.record("VANS_REQUIRE_SMTP=1 but \(reason)", sourceLocation: sourceLocation)
            } else {
                print("skipped: \(reason)")
            }
            return nil
        }
        return try SMTPReceiver(python: python)
    }

    private static func python() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let candidates: [String?] = [
            environment["VANS_SMTP_PYTHON"],
            SharedData.packageRoot.appendingPathComponent(".venv-smtp/bin/python3").path,
        ]
        return candidates.compactMap { $0 }.first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate) else { return false }
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: candidate)
            probe.arguments = ["-c", "import aiosmtpd"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            do { try probe.run() } catch { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 0
        }
    }

    private init(python: String) throws {
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("vans-smtp-\(UUID().uuidString)")
        server = try LoopbackScript(python: python, script: "smtp-server.py", arguments: [maildir.path])
        port = server.port
    }

    /// The messages received so far, oldest first by file name.
    func messages() throws -> [ReceivedMail] {
        let folder = maildir.appendingPathComponent("new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.sorted().map { name in
            ReceivedMail(raw: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: maildir)
    }
}

/// A received mail, parsed only as far as the tests need: unfolded headers and the base64 body decoded.
struct ReceivedMail {
    var headers: [(name: String, value: String)] = []
    var rawBody: String

    init(raw: String) {
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = text.components(separatedBy: "\n\n")
        rawBody = parts.dropFirst().joined(separator: "\n\n")
        for line in parts[0].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
    }

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// The subject with RFC 2047 `B` words decoded (whitespace between adjacent words dropped).
    var subject: String? {
        guard let value = header("Subject") else { return nil }
        return value.split(separator: " ").map { word -> String in
            let lower = word.lowercased()
            guard lower.hasPrefix("=?utf-8?b?"), lower.hasSuffix("?=") else { return " " + word }
            let payload = word.dropFirst(10).dropLast(2)
            return Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) } ?? String(word)
        }.joined().trimmingCharacters(in: .whitespaces)
    }

    var body: String? {
        let joined = rawBody.split(whereSeparator: \.isNewline).joined()
        return Data(base64Encoded: joined).map { String(decoding: $0, as: UTF8.self) }
    }
}
