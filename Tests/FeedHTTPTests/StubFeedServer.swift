import AppCore
import FeedFiles
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import VulnModel

/// A loopback stand-in for NVD, CISA and FIRST serving the committed fixtures, answering with scripted failures
/// first where a test asks for them, and recording every request.
actor StubFeedServer {
    struct Seen: Hashable {
        var path: String
        var startIndex: String?
        var resultsPerPage: String?
        var lastModStartDate: String?
        var apiKey: String?
    }

    private(set) var seen: [Seen] = []
    /// Statuses to answer, in order, before serving the page with this `startIndex`.
    var scripted: [String: [Int]] = [:]
    /// A status answered every time for this `startIndex`.
    var broken: [String: Int] = [:]

    func script(_ startIndex: String, _ statuses: [Int]) { scripted[startIndex] = statuses }
    func breakPage(_ startIndex: String, with status: Int?) { broken[startIndex] = status }

    func answer(_ request: Seen) -> Int? {
        seen.append(request)
        guard let index = request.startIndex else { return nil }
        if let status = broken[index] { return status }
        guard var statuses = scripted[index], !statuses.isEmpty else { return nil }
        let status = statuses.removeFirst()
        scripted[index] = statuses
        return status
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        try SharedData.bytes(at: SharedData.fixture("FeedSync/\(name)"))
    }

    /// Runs `body` with the base URL of a live server on 127.0.0.1 and an ephemeral port.
    func serve(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        let files = ["kev": "kev_first-3.json", "epss": "epss_first-30.csv.gz", "cve5": "cve5_first-2.jsonl"]
        for (path, file) in files {
            router.get(RouterPath(path)) { request, _ -> Response in
                _ = await self.answer(Seen(path: path))
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try Self.fixture(file))))
            }
        }
        router.get("nvd") { request, _ -> Response in
            let query = request.uri.queryParameters
            let seen = Seen(
                path: "nvd", startIndex: query["startIndex"].map(String.init),
                resultsPerPage: query["resultsPerPage"].map(String.init),
                lastModStartDate: query["lastModStartDate"].map(String.init),
                apiKey: request.headers.first { $0.name.canonicalName == "apikey" }?.value)
            if let status = await self.answer(seen) { return Response(status: .init(code: status)) }
            let page = try Self.fixture("nvd-page_start-\(seen.startIndex ?? "").json")
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: page)))
        }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            guard let port = client.port else { throw FeedUpdateError("the test server has no port") }
            try await body("http://127.0.0.1:\(port)")
        }
    }
}

struct FixedWallClock: WallClock {
    let instant: Timestamp
    func now() -> Timestamp { instant }
}

/// The waits a sync asked for, without waiting.
actor RecordedSleeps {
    var waits: [Duration] = []
    func record(_ duration: Duration) { waits.append(duration) }
}
