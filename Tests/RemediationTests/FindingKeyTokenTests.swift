import Governance
import Testing
import VulnModel

@testable import Remediation

/// A record's key as one URL path segment: every key comes back from its token, and nothing else decodes.
@Suite struct FindingKeyTokenTests {
    static func key(host: String, version: String) throws -> FindingKey {
        FindingKey(
            agency: try Agency.ID("2.16.886.101.20007"), host: HostID(host), cve: try #require(CVEID("CVE-2021-44228")),
            item: ItemVersion(product: ProductRef(vendor: "apache", product: "log4j"), version: version))
    }

    @Test(arguments: [
        ("srv-01", "2.14.1"), ("srv/01:a b", "2.0-beta9"), ("主機-01", "1"), ("a", "1.0:update_1"), ("ab", "1+2%3"),
    ])
    func everyKeyRoundTripsThroughAPathSafeToken(host: String, version: String) throws {
        let key = try Self.key(host: host, version: version)
        let token = key.token
        #expect(token.utf8.allSatisfy { Base64URL.alphabet.contains($0) })
        #expect(FindingKey(token: token) == key)
    }

    @Test(arguments: [
        "", "x", "bm90LWEta2V5", "bm90LWEta2V5=", "a+b/", "YWJj!", "YWI",
    ])
    func anythingElseIsNoKey(token: String) {
        #expect(FindingKey(token: token) == nil)
    }

    @Test(arguments: [[UInt8](), [0], [0, 1], [0, 1, 2], Array("監察院/srv-01".utf8), Array(0...255)])
    func base64URLMatchesRFC4648WithoutPadding(bytes: [UInt8]) throws {
        let text = Base64URL.encode(bytes)
        #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
        #expect(Base64URL.decode(text) == bytes)
    }

    @Test func aKnownVector() {
        #expect(Base64URL.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64URL.encode(Array("fooba".utf8)) == "Zm9vYmE")
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xfb, 0xff])
        #expect(Base64URL.decode("-_9") == nil)
        // Spare bits must be zero: "YWJ" would also read as "ab", whose only spelling is "YWI".
        #expect(Base64URL.decode("YWI") == Array("ab".utf8))
        #expect(Base64URL.decode("YWJ") == nil)
    }
}
