import FeedSync
import Testing
import VulnModel

/// NVD sync planning: 120-day windows, paging, the resumable cursor and the request text.
struct SyncPlanTests {
    static func time(_ text: String) -> Timestamp {
        guard let time = Timestamp(iso8601: text) else { preconditionFailure("bad test timestamp \(text)") }
        return time
    }

    static let day: Int64 = 86_400_000

    @Test(arguments: [
        // since, until, expected window count, expected last window length in days
        ("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 0, 0),
        ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", 1, 1),
        ("2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z", 1, 120),
        ("2026-01-01T00:00:00Z", "2026-05-02T00:00:00Z", 2, 1),
        ("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 4, 5),
        ("2026-05-01T00:00:00Z", "2026-01-01T00:00:00Z", 0, 0),
    ])
    func windowsCoverTheRangeWithoutGapsAndNeverExceed120Days(
        since: String, until: String, count: Int, lastDays: Int64
    ) {
        let windows = LastModifiedWindow.covering(since: Self.time(since), until: Self.time(until))
        #expect(windows.count == count)
        guard let first = windows.first, let last = windows.last else { return }
        #expect(first.start == Self.time(since))
        #expect(last.end == Self.time(until))
        for (earlier, later) in zip(windows, windows.dropFirst()) { #expect(earlier.end == later.start) }
        for window in windows {
            let length = window.end.millisecondsSinceEpoch - window.start.millisecondsSinceEpoch
            #expect(length > 0 && length <= 120 * Self.day)
        }
        #expect((last.end.millisecondsSinceEpoch - last.start.millisecondsSinceEpoch) / Self.day == lastDays)
    }

    @Test func theCursorPagesThroughEachWindowThenMovesOn() throws {
        let since = Self.time("2026-01-01T00:00:00Z")
        let until = Self.time("2026-06-01T00:00:00Z")
        var cursor = try #require(SyncCursor.start(since: since, until: until))
        // Window 1 holds 4500 records: pages at 0, 2000, 4000; window 2 holds 10: one page.
        var visited: [(Timestamp, Int)] = []
        var guardCount = 0
        while guardCount < 10 {
            guardCount += 1
            visited.append((cursor.window.start, cursor.startIndex))
            let total = cursor.window.start == since ? 4500 : 10
            let returned = min(2000, total - cursor.startIndex)
            guard let next = cursor.advanced(returned: returned, totalResults: total) else { break }
            cursor = next
        }
        #expect(visited.map(\.1) == [0, 2000, 4000, 0])
        #expect(visited.last?.0 == Self.time("2026-05-01T00:00:00Z"))
    }

    @Test func anEmptyPageEndsItsWindowEvenIfTotalResultsSaysMore() throws {
        let cursor = try #require(
            SyncCursor.start(since: Self.time("2026-01-01T00:00:00Z"), until: Self.time("2026-01-10T00:00:00Z")))
        #expect(cursor.advanced(returned: 0, totalResults: 5000) == nil)
    }

    @Test func theCursorSurvivesItsStoredText() throws {
        var cursor = try #require(
            SyncCursor.start(since: Self.time("2025-01-01T00:00:00Z"), until: Self.time("2026-01-01T00:00:00Z")))
        cursor = try #require(cursor.advanced(returned: 2000, totalResults: 2001))
        #expect(SyncCursor(cursor.description) == cursor)
        for bad in ["", "1 2 3 4", "1 2 3 4 x", "5 2 3 4 0", "0 10 3 2 0", "0 10 2 3 -1", "0 10 2 3 0 7"] {
            #expect(SyncCursor(bad) == nil, "\(bad)")
        }
    }

    @Test func theRequestNamesTheWindowInExtendedISO8601() throws {
        let window = LastModifiedWindow(
            start: Self.time("2024-04-01T13:00:00Z"), end: Self.time("2024-04-22T13:36:00.500Z"))
        let request = NVDPageRequest(window: window, startIndex: 4000, resultsPerPage: 5000)
        #expect(request.resultsPerPage == 2000, "the API's largest page")
        #expect(
            request.query
                == "lastModStartDate=2024-04-01T13%3A00%3A00.000%2B00%3A00"
                + "&lastModEndDate=2024-04-22T13%3A36%3A00.500%2B00%3A00&resultsPerPage=2000&startIndex=4000")
    }
}
