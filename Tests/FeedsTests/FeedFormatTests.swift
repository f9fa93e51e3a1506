import Testing

@testable import Feeds

/// Documents are recognised from their content whatever order their keys are in (a catalogue re-serialised by
/// another tool, or by Foundation, which orders keys by hash).
@Suite struct FeedFormatTests {
    @Test(arguments: [
        (#"{"vulnerabilities":[{"vendorProject":"Apache","cveID":"CVE-2021-44228"}],"catalogVersion":"1"}"#, "kev"),
        (#"{"catalogVersion":"1","vulnerabilities":[]}"#, "kev"),
        (#"{"vulnerabilities":[{"cveID":"CVE-2021-44228","vendorProject":"Apache"}]}"#, "kev"),
        (#"{"vulnerabilities":[{"x":1,"cve":{"id":"CVE-2021-44228"}}]}"#, "nvdAPI"),
        (#"{"resultsPerPage":1,"vulnerabilities":[]}"#, "nvdAPI"),
        (#"{"vulnerabilities":[{"x":1}]}"#, "none"),
        ("cve,epss,percentile\nCVE-2021-44228,0.9,0.99\n", "epss"),
    ])
    func recognisesWhateverTheKeyOrder(text: String, format: String) {
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { FeedFormat.detect($0) }
        #expect(found.map { "\($0)" } ?? "none" == format)
    }
}
