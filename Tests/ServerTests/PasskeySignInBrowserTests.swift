import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The whole service as a newcomer meets it: the real `vans serve` binary on a temporary SQLite file, an upload
/// processed by its worker, an invitation made with the real `vans users invite`, and headless Chromium enrolling a
/// passkey (DevTools' virtual authenticator), signing in and reading the agency's dashboard. Loopback only.
@Suite(.serialized) struct PasskeySignInBrowserTests {
    /// A free loopback port: WebAuthn needs the origin (`http://localhost:PORT`) before the server starts.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw Chromium.Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs `vans ARGUMENTS` to completion from the checkout and answers its standard output.
    static func run(_ executable: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = SharedData.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func anInvitedOfficerEnrolsAPasskeySignsInAndSeesTheFindingsOfTheUpload() async throws {
        guard let executable = ServiceProcess.executable else {
            print("PasskeySignInBrowserTests skipped: the vans executable is not built (swift build, as .ci/run does)")
            return
        }
        guard Chromium.executable() != nil || Chromium.isRequired else {
            print("PasskeySignInBrowserTests skipped: no chromium on PATH (apt install chromium, or set VANS_CHROMIUM)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vans-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("vans.sqlite").path
        let port = try Self.freePort()
        let base = "http://localhost:\(port)"
        let server = try ServiceProcess(
            executable: executable,
            arguments: [
                "serve", "--database", database, "--port", "\(port)", "--origin", base, "--poll-milliseconds", "50",
                "--kb", folder.appendingPathComponent("kb.vanskb").path,
            ])
        defer { server.kill(SIGTERM) }
        _ = await server.line(containing: "listening on http://")
        let key = try #require(
            server.transcript.first { $0.contains("shown only now: ") }?.components(separatedBy: "shown only now: ")
                .last)

        // The demo agency's monthly upload, processed by the server's own worker.
        let sample = try String(
            contentsOf: SharedData.packageRoot.appendingPathComponent("Samples/vans-v1.json"), encoding: .utf8)
        let body = Data(sample.replacingOccurrences(of: "openvans-demo-key", with: key).utf8)
        let upload = try await ServiceProcess.request(
            "\(base)/rest/vans/InsertSystemUnitproduct", method: "POST", body: body)
        #expect(upload.status == 201)
        #expect(await server.line(containing: "job done") != nil)
        let findings = try await ServiceProcess.request("\(base)/api/v1/findings", key: key)
        let listed = findings.object["findings"] as? [[String: Any]] ?? []
        #expect(!listed.isEmpty)

        let invited = try Self.run(
            executable,
            [
                "users", "invite", "--name", "王小明", "--role", "agency_operator", "--agency", "2.16.886.101.20007",
                "--database", database,
            ])
        let invitation = try #require(
            invited.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("ovi_") }.map(String.init),
            "no invitation in: \(invited)")

        let browser = try await Chromium.launch()
        do {
            let page = try await browser.newPage()
            try await page.addVirtualAuthenticator()
            try await page.open("\(base)/enroll")
            try await page.fill("#invitation", with: invitation)
            let enrolled = try await page.press(
                "#enrol", until: "document.getElementById('message').textContent.includes('已登記')")
            let enrolment = try await page.evaluate("document.getElementById('message').textContent")
            #expect(enrolled, "enrolment said: \(enrolment)")

            // Pages need a session: before signing in, the dashboard sends the browser to sign in.
            try await page.open("\(base)/agencies/2.16.886.101.20007")
            #expect(try await page.evaluate("location.pathname") == "/login")
            do {
                try await page.click("#sign-in")
            } catch {
                let message = try await page.evaluate("document.getElementById('message').textContent")
                Issue.record("sign-in did not lead to a page: \(error); the page says: \(message)")
                return
            }
            try await page.screenshot("e2e-dashboard")
            let dashboard = try await page.text()
            #expect(dashboard.contains("監察院　弱點儀表板"))
            #expect(dashboard.contains("王小明"))
            let kev = listed.first { ($0["kev"] as? Bool) == true }?["cve"] as? String
            if let kev { #expect(dashboard.contains(kev)) }

            // An operator of one agency sees only that agency.
            try await page.open("\(base)/agencies")
            #expect(try await page.text().contains("共 1 個機關"))

            // The header's 登出 button ends the session and lands on the sign-in page; pages then need a new one.
            try await page.click("#sign-out")
            #expect(try await page.evaluate("location.pathname") == "/login")
            try await page.open("\(base)/agencies")
            #expect(try await page.evaluate("location.pathname") == "/login")
        } catch {
            await browser.close()
            throw error
        }
        await browser.close()
    }
}
