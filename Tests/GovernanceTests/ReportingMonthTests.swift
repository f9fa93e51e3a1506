import Governance
import Testing
import VulnModel

@Suite struct ReportingMonthTests {
    /// R1: ROC and Gregorian forms name the same month and round-trip.
    @Test(arguments: [
        ("113-03", 2024, 3),
        ("2024-03", 2024, 3),
        ("115/10", 2026, 10),
        ("民國115年10月", 2026, 10),
        ("115年10月", 2026, 10),
        ("112年11月", 2023, 11),
        ("2026年10月", 2026, 10),
        ("1-01", 1912, 1),
    ])
    func bothCalendarsParse(text: String, year: Int, month: Int) throws {
        let parsed = try ReportingMonth(parsing: text)
        #expect(parsed.year == year && parsed.month == month)
        #expect(try ReportingMonth(parsing: parsed.roc) == parsed)
        #expect(try ReportingMonth(parsing: parsed.gregorian) == parsed)
        #expect(try ReportingMonth(parsing: parsed.rocLabel) == parsed)
    }

    @Test func formsAreTheOfficialOnes() throws {
        let month = try ReportingMonth(parsing: "2026-10")
        #expect(month.roc == "115-10")
        #expect(month.rocLabel == "民國115年10月")
        #expect(month.bilingualLabel == "115年10月 / 2026-10")
        #expect(try ReportingMonth(parsing: "113-03").gregorian == "2024-03")
    }

    @Test(arguments: [
        ("", 0), ("2024", 4), ("2024-13", 5), ("2024-00", 5), ("115年10", 6), ("115-10x", 6), ("12345-01", 5),
        ("民國115-1月", 7),
    ])
    func badTextNamesTheOffset(text: String, offset: Int) {
        #expect(throws: ReportingMonthError.self) { try ReportingMonth(parsing: text) }
        do {
            _ = try ReportingMonth(parsing: text)
        } catch {
            #expect(error.offset == offset, "\(error)")
        }
    }

    @Test func arithmeticCrossesYears() throws {
        let december = try ReportingMonth(parsing: "2025-12")
        #expect(december.next.gregorian == "2026-01")
        #expect(december.next.previous == december)
        #expect(december.adding(months: -12).gregorian == "2024-12")
        #expect(december.lastDay.description == "2025-12-31")
        #expect(try ReportingMonth(parsing: "2024-02").day(31).description == "2024-02-29")
        #expect(december.contains(Day(year: 2025, month: 12, day: 5) ?? december.firstDay))
    }

    @Test(arguments: [
        ("2026-10", "2027-01", 3), ("2026-10", "2026-10", 0), ("2027-01", "2026-10", -3), ("2024-02", "2026-02", 24),
    ])
    func monthsBetween(from: String, to: String, months: Int) throws {
        #expect(try ReportingMonth(parsing: from).monthsUntil(try ReportingMonth(parsing: to)) == months)
    }

    @Test func aWindowEndsWithItsMonthOldestFirst() throws {
        let window = try ReportingMonth(parsing: "2026-02").window(of: 4).map(\.gregorian)
        #expect(window == ["2025-11", "2025-12", "2026-01", "2026-02"])
        #expect(try ReportingMonth(parsing: "2026-02").window(of: 0).isEmpty)
    }
}
