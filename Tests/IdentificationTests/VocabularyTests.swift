import Identification
import Testing
import VulnModel

/// The vocabulary built from a knowledge base: products with their exact versions and CVE counts, so that
/// "whether the version exists for that product" is answered from the vulnerability data itself.
@Suite struct VocabularyTests {
    @Test func fromKnowledgeBase() throws {
        let id = try #require(CVEID("CVE-2023-0001"))
        let node = ConfigurationNode(matches: [
            CPEMatch(vulnerable: true, criteria: "cpe:2.3:a:oracle:jre:1.8.0:update381:*:*:*:*:*:*"),
            CPEMatch(vulnerable: true, criteria: "cpe:2.3:a:oracle:jre:*:*:*:*:*:*:*:*", versionEndExcluding: "1.8.0"),
        ])
        let record = CVERecord(
            id: id, configurations: [Configuration(nodes: [node])],
            provenance: Provenance(kind: .nvdAPI, document: "fixture"))
        var builder = CPEVocabulary.Builder()
        builder.add(KnowledgeBase(records: [id: record]))
        let vocabulary = builder.build()
        let key = try #require(ProductKey("a:oracle:jre"))
        let jre = try #require(vocabulary.entry(key))
        #expect(jre.versions == ["1.8.0", "1.8.0:update381"])
        #expect(jre.cveCount == 1)
        let identifier = SoftwareIdentifier(vocabulary: vocabulary, aliases: IdentificationData.aliases)
        let java = identifier.identify(name: "Java 8 Update 381 (64-bit)", publisher: "Oracle Corporation")
        #expect(java.cpe?.formattedString == "cpe:2.3:a:oracle:jre:1.8.0:update381:*:*:*:*:*:*")
    }

    @Test func dictionaryScannerReadsItemsAndTitles() {
        let xml = """
            <cpe-item name="cpe:/a:foxit:reader:9.0">
              <title xml:lang="en-US">Foxit Reader 9.0 &amp; more</title>
              <title xml:lang="ja-JP">フォックスイット リーダー 9.0</title>
              <cpe-23:cpe23-item name="cpe:2.3:a:foxit:reader:9.0:*:*:*:*:*:*:*"/>
            </cpe-item>
            """
        let items = Array(CPEDictionaryScanner(bytes: Array(xml.utf8)))
        #expect(items.count == 1)
        #expect(items.first?.name == "cpe:2.3:a:foxit:reader:9.0:*:*:*:*:*:*:*")
        #expect(items.first?.titles.map(\.text) == ["Foxit Reader 9.0 & more", "フォックスイット リーダー 9.0"])
    }
}
