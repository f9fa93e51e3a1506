import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Headless Chromium (Debian's `chromium`), driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// commands on fd 3, answers and events on fd 4, each a JSON text ended by NUL). Tests load real pages, click real
/// links and read what a person would see (`innerText`), with no WebDriver or Node in between.
public actor Chromium {
    /// The browser to use: `$VANS_CHROMIUM`, else the first of the usual names on PATH.
    public static func executable() -> String? {
        if let path = ProcessInfo.processInfo.environment["VANS_CHROMIUM"] { return path }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// CI sets `VANS_REQUIRE_CHROMIUM=1`: there a missing browser fails the test instead of skipping it.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["VANS_REQUIRE_CHROMIUM"] == "1" }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    private let pid: pid_t
    private let commands: Int32
    private let profile: URL
    private var nextID = 1
    private var pending: [Int: CheckedContinuation<Data, any Error>] = [:]
    private var events: [(method: String, session: String?)] = []
    private var eventWaiters:
        [(id: Int, method: String, session: String?, continuation: CheckedContinuation<Bool, Never>)] = []

    private init(pid: pid_t, commands: Int32, profile: URL) {
        self.pid = pid
        self.commands = commands
        self.profile = profile
    }

    /// Starts the browser; `lang` becomes its Accept-Language.
    public static func launch(lang: String = "zh-TW") async throws -> Chromium {
        guard let path = executable() else { throw Failure(description: "no chromium on PATH (set VANS_CHROMIUM)") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("vans-chromium-\(UUID())")
        var toBrowser: [Int32] = [0, 0]
        var fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw Failure(description: "pipe failed") }
        // Close-on-exec, so no other child started meanwhile inherits them (it would keep the browser's input open);
        // dup2 below clears the flag on the browser's own fds 3 and 4.
        for fd in toBrowser + fromBrowser { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nor does the browser inherit the test process's other descriptors (another test's pipes, which it would
        // keep open after their owner closed them).
        for fd in Self.openDescriptors() where fd > 4 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let arguments = [
            path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--remote-debugging-pipe", "--user-data-dir=\(profile.path)",
            "--lang=\(lang)", "--accept-lang=\(lang)", "about:blank",
        ]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, &argv, environ)
        Glibc.close(toBrowser[0])
        Glibc.close(fromBrowser[1])
        guard spawned == 0 else { throw Failure(description: "cannot start \(path): error \(spawned)") }
        let browser = Chromium(pid: pid, commands: toBrowser[1], profile: profile)
        let answers = fromBrowser[0]
        let stream = AsyncStream<Data> { continuation in
            // A blocking read loop on its own thread, so the test's executor threads stay free for the server.
            let reader = Thread {
                var buffer = Data()
                var chunk = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = read(answers, &chunk, chunk.count)
                    if count <= 0 { break }
                    buffer.append(contentsOf: chunk[0..<count])
                    while let end = buffer.firstIndex(of: 0) {
                        continuation.yield(buffer[buffer.startIndex..<end])
                        buffer.removeSubrange(buffer.startIndex...end)
                    }
                }
                Glibc.close(answers)
                continuation.finish()
            }
            reader.start()
        }
        Task { await browser.dispatch(stream) }
        return browser
    }

    private func dispatch(_ stream: AsyncStream<Data>) async {
        for await message in stream {
            guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else { continue }
            if let id = object["id"] as? Int, let waiter = pending.removeValue(forKey: id) {
                if let error = object["error"] as? [String: Any] {
                    waiter.resume(throwing: Failure(description: "DevTools: \(error)"))
                } else {
                    let result = object["result"] as? [String: Any] ?? [:]
                    waiter.resume(returning: (try? JSONSerialization.data(withJSONObject: result)) ?? Data("{}".utf8))
                }
            } else if let method = object["method"] as? String {
                let session = object["sessionId"] as? String
                if let index = eventWaiters.firstIndex(where: { $0.method == method && $0.session == session }) {
                    eventWaiters.remove(at: index).continuation.resume(returning: true)
                } else {
                    events.append((method, session))
                }
            }
        }
        for waiter in pending.values { waiter.resume(throwing: Failure(description: "the browser went away")) }
        pending = [:]
        for waiter in eventWaiters { waiter.continuation.resume(returning: false) }
        eventWaiters = []
    }

    /// The descriptors open in this process now, from /proc/self/fd.
    static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }
    }

    /// Sends a DevTools command (its parameters as a JSON object text, see `json`) and waits for its answer, also
    /// as JSON text: Foundation's JSON values are not `Sendable`, so only bytes cross into and out of the actor.
    @discardableResult
    public func send(_ method: String, _ parameters: Data = Data("{}".utf8), session: String? = nil) async throws
        -> Data
    {
        let id = nextID
        nextID += 1
        var bytes = Data("{\"id\":\(id),\"method\":\"\(method)\",\"params\":".utf8)
        bytes.append(parameters)
        if let session { bytes.append(Data(",\"sessionId\":\"\(session)\"".utf8)) }
        bytes.append(Data("}".utf8))
        bytes.append(0)
        return try await withCheckedThrowingContinuation { continuation in
            pending[id] = continuation
            let written = bytes.withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
            if written != bytes.count {
                pending.removeValue(forKey: id)?.resume(throwing: Failure(description: "cannot write to the browser"))
            }
        }
    }

    public static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
    }

    public static func object(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// Waits for the next `method` event of `session` (one that already arrived counts), for at most `seconds`;
    /// answers whether it came. A browser that goes away ends every wait.
    @discardableResult
    public func event(_ method: String, session: String?, seconds: Int = 60) async -> Bool {
        if let index = events.firstIndex(where: { $0.method == method && $0.session == session }) {
            events.remove(at: index)
            return true
        }
        let id = nextID
        nextID += 1
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            self.expire(id)
        }
        return await withCheckedContinuation { eventWaiters.append((id, method, session, $0)) }
    }

    /// Forgets events already received for `session`, so the next wait is for what happens next.
    public func discardEvents(session: String?) { events.removeAll { $0.session == session } }

    private func expire(_ id: Int) {
        guard let index = eventWaiters.firstIndex(where: { $0.id == id }) else { return }
        eventWaiters.remove(at: index).continuation.resume(returning: false)
    }

    /// A new tab, attached.
    public func newPage() async throws -> BrowserPage {
        let target = Self.object(try await send("Target.createTarget", Self.json(["url": "about:blank"])))
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target id") }
        let attached = Self.object(
            try await send("Target.attachToTarget", Self.json(["targetId": targetID, "flatten": true])))
        guard let session = attached["sessionId"] as? String else { throw Failure(description: "no session id") }
        try await send("Page.enable", session: session)
        return BrowserPage(browser: self, session: session)
    }

    public func close() async {
        _ = try? await send("Browser.close")
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        Glibc.close(commands)
        try? FileManager.default.removeItem(at: profile)
    }
}

/// One tab.
public struct BrowserPage: Sendable {
    public let browser: Chromium
    public let session: String

    /// Loads `url` and waits until the page's load event.
    public func open(_ url: String) async throws {
        await browser.discardEvents(session: session)
        try await browser.send("Page.navigate", Chromium.json(["url": url]), session: session)
        guard await browser.event("Page.loadEventFired", session: session) else {
            throw Chromium.Failure(description: "\(url) did not load")
        }
    }

    /// What the page shows as text, as a person reads it.
    public func text() async throws -> String { try await evaluate("document.body.innerText") }

    public func evaluate(_ expression: String) async throws -> String {
        let result = Chromium.object(
            try await browser.send(
                "Runtime.evaluate", Chromium.json(["expression": expression, "returnByValue": true]), session: session))
        let value = (result["result"] as? [String: Any])?["value"]
        return value.map { "\($0)" } ?? ""
    }

    /// Clicks the first element matching `selector` and waits for the page it leads to.
    public func click(_ selector: String) async throws {
        let quoted = String(decoding: try JSONSerialization.data(withJSONObject: [selector]), as: UTF8.self)
        await browser.discardEvents(session: session)
        let found = try await evaluate(
            "(() => { const e = document.querySelector(\(quoted)[0]); if (!e) return 'missing'; e.click(); return 'ok' })()"
        )
        guard found == "ok" else { throw Chromium.Failure(description: "no element \(selector) on the page") }
        guard await browser.event("Page.loadEventFired", session: session) else {
            throw Chromium.Failure(description: "clicking \(selector) led to no page")
        }
    }

    /// A platform passkey authenticator in this tab (DevTools' virtual authenticator: CTAP2, resident keys, user
    /// verification that always succeeds), so `navigator.credentials` works headless.
    public func addVirtualAuthenticator() async throws {
        try await browser.send("WebAuthn.enable", Chromium.json(["enableUI": false]), session: session)
        try await browser.send(
            "WebAuthn.addVirtualAuthenticator",
            Chromium.json([
                "options": [
                    "protocol": "ctap2", "transport": "internal", "hasResidentKey": true, "hasUserVerification": true,
                    "isUserVerified": true, "automaticPresenceSimulation": true,
                ]
            ]), session: session)
    }

    /// Types `value` into the first element matching `selector`.
    public func fill(_ selector: String, with value: String) async throws {
        let arguments = String(decoding: try JSONSerialization.data(withJSONObject: [selector, value]), as: UTF8.self)
        let found = try await evaluate(
            "(() => { const [s, v] = \(arguments); const e = document.querySelector(s); if (!e) return 'missing'; e.value = v; return 'ok' })()"
        )
        guard found == "ok" else { throw Chromium.Failure(description: "no element \(selector) on the page") }
    }

    /// Clicks a button that does not navigate, then waits in the page (no sleeping here) until `expression` is true,
    /// for at most `seconds`; answers whether it became true.
    public func press(_ selector: String, until expression: String, seconds: Int = 20) async throws -> Bool {
        let quoted = String(decoding: try JSONSerialization.data(withJSONObject: [selector]), as: UTF8.self)
        let script = """
            new Promise((resolve) => {
              const element = document.querySelector(\(quoted)[0]);
              if (!element) { resolve('missing'); return; }
              element.click();
              const deadline = Date.now() + \(seconds * 1000);
              const check = () => {
                if (\(expression)) resolve('yes');
                else if (Date.now() > deadline) resolve('no');
                else setTimeout(check, 50);
              };
              check();
            })
            """
        let result = Chromium.object(
            try await browser.send(
                "Runtime.evaluate",
                Chromium.json(["expression": script, "awaitPromise": true, "returnByValue": true]), session: session))
        let value = (result["result"] as? [String: Any])?["value"] as? String
        guard value != "missing" else { throw Chromium.Failure(description: "no element \(selector) on the page") }
        return value == "yes"
    }

    /// With `VANS_SCREENSHOTS=DIR` set, saves what the page looks like as `DIR/name.png`, for a person to look at.
    public func screenshot(_ name: String) async throws {
        guard let folder = ProcessInfo.processInfo.environment["VANS_SCREENSHOTS"] else { return }
        let result = Chromium.object(
            try await browser.send(
                "Page.captureScreenshot", Chromium.json(["format": "png", "captureBeyondViewport": true]),
                session: session))
        guard let encoded = result["data"] as? String, let png = Data(base64Encoded: encoded) else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try png.write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(name).png"))
    }

    public func setCookie(name: String, value: String, url: String) async throws {
        try await browser.send(
            "Network.setCookie", Chromium.json(["name": name, "value": value, "url": url]), session: session)
    }
}
