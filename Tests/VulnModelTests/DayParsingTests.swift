import Testing
import VulnModel

/// `Day(iso8601:)` reads the `YYYY-MM-DD` prefix of dates in feeds (`2023-10-04`, `2023-10-04T12:00:00.000`) and of
/// stored days, and refuses anything else rather than guessing.
struct DayParsingTests {
    @Test(arguments: [
        ("2024-02-29", 2024, 2, 29),
        ("2023-10-04T00:00:00.000Z", 2023, 10, 4),
        ("1970-01-01", 1970, 1, 1),
        ("2026-12-31 23:59", 2026, 12, 31),
    ])
    func reads(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try #require(Day(iso8601: text))
        #expect((parsed.year, parsed.month, parsed.day) == (year, month, day))
        #expect(parsed.description == String(text.prefix(10)))
    }

    @Test(arguments: [
        "", "2024-02-2", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-015", "+123-01-01", "2024/01/01",
        "2024-01-0x", "２０２４-01-01", "20240101",
    ])
    func refuses(text: String) {
        #expect(Day(iso8601: text) == nil)
    }
}
