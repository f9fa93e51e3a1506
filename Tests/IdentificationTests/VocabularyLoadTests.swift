import Identification
import TestSupport
import Testing

@Suite struct VocabularyLoadTests {
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func loadsIndexAndDictionary() {
        let clock = ContinuousClock()
        let start = clock.now
        let vocabulary = IdentificationData.vocabulary
        print("vocabulary: \(vocabulary.count) products in \(clock.now - start)")
        #expect(vocabulary.count > 110_000)
        let firefox = vocabulary.entry(ProductKey(part: "a", vendor: "mozilla", product: "firefox"))
        #expect(firefox?.versions.contains("37.0.2") == true)
        #expect(firefox?.cveCount ?? 0 > 2000)
    }
}
