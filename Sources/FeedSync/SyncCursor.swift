import VulnModel

/// Where an NVD sync stands: the whole range it must cover (`since` is the last successful sync, `until` the
/// instant the sync started), the window being paged through and the next `startIndex` in it. It is saved after
/// every page, so a sync that is interrupted continues from the page after the last one it merged.
public struct SyncCursor: Hashable, Sendable, CustomStringConvertible {
    public var since: Timestamp
    public var until: Timestamp
    public var window: LastModifiedWindow
    public var startIndex: Int

    public init(since: Timestamp, until: Timestamp, window: LastModifiedWindow, startIndex: Int) {
        self.since = since
        self.until = until
        self.window = window
        self.startIndex = startIndex
    }

    /// The first page of a sync of `[since, until]`, or nil when there is nothing to fetch.
    public static func start(
        since: Timestamp,
        until: Timestamp,
        maximumWindow: Duration = LastModifiedWindow.maximumLength
    ) -> SyncCursor? {
        guard let first = LastModifiedWindow.covering(since: since, until: until, maximum: maximumWindow).first
        else { return nil }
        return SyncCursor(since: since, until: until, window: first, startIndex: 0)
    }

    /// The cursor after a page that held `returned` records of `totalResults`: the next page of this window, the
    /// first page of the next window, or nil when the sync is complete. A page with no records ends its window
    /// even when `totalResults` says more, so a shrinking result set cannot loop forever.
    public func advanced(
        returned: Int,
        totalResults: Int,
        maximumWindow: Duration = LastModifiedWindow.maximumLength
    ) -> SyncCursor? {
        let next = startIndex + returned
        if returned > 0, next < totalResults {
            var cursor = self
            cursor.startIndex = next
            return cursor
        }
        guard window.end < until else { return nil }
        let rest = LastModifiedWindow.covering(since: window.end, until: until, maximum: maximumWindow)
        guard let following = rest.first else { return nil }
        return SyncCursor(since: since, until: until, window: following, startIndex: 0)
    }

    /// The request for this page.
    public func request(resultsPerPage: Int = NVDPageRequest.maximumResultsPerPage) -> NVDPageRequest {
        NVDPageRequest(window: window, startIndex: startIndex, resultsPerPage: resultsPerPage)
    }

    /// `since until windowStart windowEnd startIndex`, milliseconds since the epoch: what the store keeps.
    public var description: String {
        [
            since.millisecondsSinceEpoch, until.millisecondsSinceEpoch, window.start.millisecondsSinceEpoch,
            window.end.millisecondsSinceEpoch, Int64(startIndex),
        ].map(String.init).joined(separator: " ")
    }

    /// Reads `description` back; nil for any other text.
    public init?(_ text: some StringProtocol) {
        let fields = text.split(separator: " ").compactMap { Int64($0) }
        guard fields.count == 5, text.split(separator: " ").count == 5, fields[0] <= fields[2], fields[2] < fields[3],
            fields[3] <= fields[1], fields[4] >= 0, fields[4] <= Int64(Int.max)
        else { return nil }
        self.init(
            since: Timestamp(millisecondsSinceEpoch: fields[0]),
            until: Timestamp(millisecondsSinceEpoch: fields[1]),
            window: LastModifiedWindow(
                start: Timestamp(millisecondsSinceEpoch: fields[2]),
                end: Timestamp(millisecondsSinceEpoch: fields[3])
            ),
            startIndex: Int(fields[4])
        )
    }
}

/// One page request to the NVD CVE API 2.0.
public struct NVDPageRequest: Hashable, Sendable {
    /// The API's largest page.
    public static let maximumResultsPerPage = 2000

    public var window: LastModifiedWindow
    public var startIndex: Int
    public var resultsPerPage: Int

    public init(window: LastModifiedWindow, startIndex: Int, resultsPerPage: Int) {
        self.window = window
        self.startIndex = startIndex
        self.resultsPerPage = min(max(1, resultsPerPage), Self.maximumResultsPerPage)
    }

    /// The query parameters, in the order the API documents them, not yet percent-encoded.
    public var parameters: [(name: String, value: String)] {
        [
            ("lastModStartDate", LastModifiedWindow.apiText(window.start)),
            ("lastModEndDate", LastModifiedWindow.apiText(window.end)),
            ("resultsPerPage", String(resultsPerPage)),
            ("startIndex", String(startIndex)),
        ]
    }

    /// `parameters` as a query string, with `+` and `:` percent-encoded as the API's examples write them.
    public var query: String {
        parameters.map { "\($0.name)=\(PercentEncoding.unreservedOnly($0.value))" }.joined(separator: "&")
    }
}
