import FeedSync
import VulnModel

/// `vans feeds sync`: brings NVD up to date through the CVE API 2.0 in `lastModified` windows of at most 120 days,
/// page by page within the rate limit, retrying what is worth retrying, saving its cursor after every page so an
/// interrupted sync resumes there; downloads whole KEV, EPSS and CVE 5 documents; then merges everything that
/// arrived into the knowledge base in one commit (ADR 0015).
public struct FeedSynchronizer: Sendable {
    public struct Settings: Sendable {
        public static let nvdURL = "https://services.nvd.nist.gov/rest/json/cves/2.0"
        public static let kevURL = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
        public static let epssURL = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"

        public var nvdURL: String?
        public var apiKey: String?
        public var kevURL: String?
        public var epssURL: String?
        /// A CVE JSON 5 document (JSON lines, or a single record), optionally gzipped.
        public var cve5URL: String?
        /// Where the first NVD sync starts when nothing says how current the data is.
        public var since: Timestamp?
        public var resultsPerPage: Int
        public var retry: RetryPolicy

        public init(
            nvdURL: String? = Self.nvdURL, apiKey: String? = nil, kevURL: String? = Self.kevURL,
            epssURL: String? = Self.epssURL, cve5URL: String? = nil, since: Timestamp? = nil,
            resultsPerPage: Int = NVDPageRequest.maximumResultsPerPage, retry: RetryPolicy = RetryPolicy()
        ) {
            self.nvdURL = nvdURL
            self.apiKey = apiKey
            self.kevURL = kevURL
            self.epssURL = epssURL
            self.cve5URL = cve5URL
            self.since = since
            self.resultsPerPage = resultsPerPage
            self.retry = retry
        }
    }

    public struct Report: Sendable {
        public var update: FeedUpdate.Report?
        public var pages: Int
        /// The sources that could not be brought up to date, and why.
        public var failures: [FeedSource: String]
    }

    public let update: FeedUpdate
    public let fetcher: any HTTPFetcher
    public let settings: Settings
    /// Waits between requests; tests pass one that records the wait and returns at once.
    public let sleep: @Sendable (Duration) async throws -> Void

    public init(
        update: FeedUpdate, fetcher: any HTTPFetcher, settings: Settings,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.update = update
        self.fetcher = fetcher
        self.settings = settings
        self.sleep = sleep
    }

    public func sync() async throws -> Report {
        let started = update.clock.now()
        var failures: [FeedSource: String] = [:]
        var pages = 0
        var nvdThrough: Timestamp?
        if let url = settings.nvdURL {
            do {
                (pages, nvdThrough) = try await syncNVD(url, started: started)
            } catch {
                failures[.nvd] = "\(error)"
            }
        }
        let whole: [(FeedSource, String?)] = [
            (.kev, settings.kevURL), (.epss, settings.epssURL), (.cve5, settings.cve5URL),
        ]
        for (source, url) in whole {
            guard let url else { continue }
            do {
                var unlimited: RateSchedule?
                let body = try await fetch(url, headers: [], schedule: &unlimited)
                try await update.repository.addDocument(body, name: Self.documentName(url), source: source)
            } catch {
                failures[source] = "\(error)"
            }
        }
        let report = try await update.commit(attempted: [], started: started, failures: failures)
        if let nvdThrough, failures[.nvd] == nil {
            var state = try await update.sources.state(of: .nvd)
            state.syncedThrough = nvdThrough
            state.cursor = nil
            try await update.sources.save(state)
        }
        return Report(update: report, pages: pages, failures: failures)
    }

    /// Fetches the pages from the saved cursor (or from the last sync) to `started`, each stored as pending and
    /// followed by the cursor of the next; returns the pages fetched and the instant the data is current to.
    private func syncNVD(_ base: String, started: Timestamp) async throws -> (Int, Timestamp?) {
        var state = try await update.sources.state(of: .nvd)
        var cursor: SyncCursor?
        if let saved = state.cursor {
            guard let resumed = SyncCursor(saved) else {
                throw FeedUpdateError("nvd: stored cursor unreadable: \(saved)")
            }
            cursor = resumed
        } else {
            guard let since = state.syncedThrough ?? settings.since else {
                throw FeedUpdateError(
                    "nvd: nothing says how current the NVD data is; import NVD files first or give a start (--since)")
            }
            cursor = SyncCursor.start(since: since, until: started)
        }
        let until = cursor?.until
        var schedule: RateSchedule? = settings.apiKey == nil ? .nvdWithoutKey : .nvdWithKey
        let headers = settings.apiKey.map { [(name: "apiKey", value: $0)] } ?? []
        var pages = 0
        while let current = cursor {
            let request = current.request(resultsPerPage: settings.resultsPerPage)
            let separator = base.contains("?") ? "&" : "?"
            let body = try await fetch(base + separator + request.query, headers: headers, schedule: &schedule)
            let header: NVDPageHeader
            do {
                header = try NVDPageHeader(body)
            } catch {
                throw FeedUpdateError("nvd: page at startIndex \(current.startIndex) of \(current.window): \(error)")
            }
            let name =
                "nvd-api-\(current.until.millisecondsSinceEpoch)-\(current.window.start.millisecondsSinceEpoch)"
                + "-\(String(repeating: "0", count: max(0, 9 - String(current.startIndex).count)))\(current.startIndex).json"
            try await update.repository.addDocument(body, name: name, source: .nvd)
            pages += 1
            cursor = current.advanced(returned: header.returned, totalResults: header.totalResults)
            state = try await update.sources.state(of: .nvd)
            state.cursor = cursor?.description ?? current.description
            state.lastAttempt = started
            try await update.sources.save(state)
        }
        return (pages, until)
    }

    /// One download, within `schedule` when there is one, retried as the policy says.
    private func fetch(
        _ url: String, headers: [(name: String, value: String)], schedule: inout RateSchedule?
    ) async throws -> [UInt8] {
        var attempt = 0
        while true {
            attempt += 1
            if var limiter = schedule {
                let now = update.clock.now()
                let slot = limiter.reserve(now: now)
                schedule = limiter
                if slot > now {
                    try await sleep(.milliseconds(slot.millisecondsSinceEpoch - now.millisecondsSinceEpoch))
                }
            }
            let outcome: RetryPolicy.Outcome
            var body: [UInt8] = []
            do {
                let response = try await fetcher.get(url, headers: headers)
                outcome = .status(response.status, retryAfter: response.retryAfter)
                body = response.body
            } catch .timeout {
                outcome = .timeout
            } catch .transport(let message) {
                outcome = .transportFailure(message)
            }
            switch settings.retry.decide(outcome, attempt: attempt) {
            case .accept: return body
            case .retry(let delay): try await sleep(delay)
            case .giveUp(let reason): throw FeedUpdateError("\(Self.redacted(url)): \(reason)")
            }
        }
    }

    /// The document name a download is kept under: the URL's last path segment (a catalogue keeps its name from
    /// one download to the next, so the new one replaces the old).
    static func documentName(_ url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        let name = String(last.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) })
        return name.isEmpty || name.hasPrefix(".") ? "download" : name
    }

    /// A URL without its query, for messages.
    static func redacted(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }
}
