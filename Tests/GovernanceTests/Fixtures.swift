import Governance
import VulnModel

/// A fixture day; the tests write dates as literals, so a bad one is a bug in the test itself.
func day(_ text: String) -> Day {
    guard let parsed = Day(iso8601: text) else { preconditionFailure("fixture date \(text)") }
    return parsed
}

func oid(_ text: String) -> Agency.ID {
    do { return try Agency.ID(text) } catch { preconditionFailure("fixture OID \(text): \(error)") }
}
