import Inventory
import Testing

@Suite struct CycloneDXXMLTests {
    @Test func readsSyftOutput() throws {
        let file = try Read.fixture("cyclonedx-1.5_syft.xml")
        #expect(file.summary.format == .cycloneDXXML)
        #expect(file.issues == [])
        #expect(file.records.map(\.name) == ["bash", "libssl3", "ubuntu"])
        #expect(file.records.allSatisfy { $0.host == "ubuntu:22.04" })
        #expect(
            file.records[0]
                == InventoryRecord(
                    row: 1, host: "ubuntu:22.04", name: "bash",
                    publisher: "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>", version: "5.1-6ubuntu1.1",
                    cpe: "cpe:2.3:a:bash:bash:5.1-6ubuntu1.1:*:*:*:*:*:*:*", category: "library",
                    purl: "pkg:deb/ubuntu/bash@5.1-6ubuntu1.1?arch=amd64&distro=ubuntu-22.04", format: .cycloneDXXML))
        #expect(file.records[2].category == "operating-system")
    }

    @Test func xmlAndJSONOfOneBOMGiveTheSameRecords() throws {
        let xml = try Read.fixture("cyclonedx-1.6_nested-components.xml")
        let json = try Read.fixture("cyclonedx-1.6_nested-components.json")
        #expect(xml.summary.format == .cycloneDXXML)
        #expect(xml.records.count == 5)
        #expect(xml.records.map { $0.withFormat(.cycloneDXJSON) } == json.records)
        #expect(xml.issues.map(\.row) == json.issues.map(\.row))
        #expect(xml.issues.map(\.reason) == json.issues.map(\.reason))
    }

    @Test(arguments: [
        (
            "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><bom/>",
            InventoryError.Reason.doctypeRefused, 21
        ),
        ("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>", .malformed, 61),
        ("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>", .unrecognizedFormat, 0),
    ])
    func refuses(_ text: String, _ reason: InventoryError.Reason, _ offset: Int) {
        let error = Read.refusal(Array(text.utf8))
        #expect(error?.reason == reason, "\(String(describing: error))")
        #expect(error?.offset == offset)
    }
}

extension InventoryRecord {
    func withFormat(_ format: InventoryFormat) -> InventoryRecord {
        var copy = self
        copy.format = format
        return copy
    }
}
