import CPE
import Foundation
import TestSupport
import Testing

/// Every CPE string in `../shared/data` must parse and re-bind to exactly itself, except the known malformed ones
/// listed in `Tests/Fixtures/CPE/malformed-corpus-cpes.tsv`, which must fail where that file says.
@Suite(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
struct CorpusTests {
    /// Loaded once for all tests of the suite.
    static let corpus = Task { try await CPECorpus.load() }

    struct Failure: Hashable, CustomStringConvertible {
        var offset: Int
        var kind: String
        var input: String
        var description: String { "\(offset)\t\(kind)\t\(input)" }
    }

    static func expectedFailures() throws -> Set<Failure> {
        let text = try String(contentsOf: SharedData.fixture("CPE/malformed-corpus-cpes.tsv"), encoding: .utf8)
        var failures: Set<Failure> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3, let offset = Int(fields[0]) else {
                Issue.record("bad fixture line: \(line)")
                continue
            }
            failures.insert(Failure(offset: offset, kind: fields[1], input: fields[2]))
        }
        return failures
    }

    @Test func everyFormattedStringRoundTrips() async throws {
        let corpus = try await Self.corpus.value
        var failures: Set<Failure> = []
        var mismatches: [String] = []
        for text in corpus.formattedStrings {
            do {
                let name = try CPEName(formattedString: text)
                if name.formattedString != text { mismatches.append(text) }
            } catch {
                failures.insert(Failure(offset: error.offset, kind: error.kind.rawValue, input: text))
            }
        }
        print(
            "CPE corpus: \(corpus.files) files, \(corpus.jsonOccurrences) CPE strings in JSON, "
                + "\(corpus.formattedStrings.count) distinct formatted strings, \(failures.count) malformed")
        #expect(corpus.formattedStrings.count > 300_000)
        #expect(mismatches.isEmpty, "re-formatted differently: \(mismatches.prefix(10))")
        let expected = try Self.expectedFailures()
        let unexpected = failures.subtracting(expected).sorted { $0.input < $1.input }
        let missing = expected.subtracting(failures).sorted { $0.input < $1.input }
        #expect(unexpected.isEmpty, "newly failing:\n\(unexpected.map(\.description).joined(separator: "\n"))")
        #expect(missing.isEmpty, "expected to fail but did not:\n\(missing.map(\.description).joined(separator: "\n"))")
    }

    /// The URI binding trims trailing colons, so a URI that keeps them (two CVE 5 records do) comes back without.
    @Test func everyURIRoundTrips() async throws {
        let corpus = try await Self.corpus.value
        var problems: [String] = []
        var trimmed: [String] = []
        for text in corpus.uris {
            do {
                let name = try CPEName(uri: text)
                var canonical = Substring(text)
                while canonical.hasSuffix(":") { canonical = canonical.dropLast() }
                if name.uri != canonical { problems.append("\(text) -> \(name.uri)") }
                if name.uri != text { trimmed.append(text) }
            } catch {
                problems.append(error.description)
            }
        }
        print(
            "CPE corpus: \(corpus.uris.count) distinct URIs, \(trimmed.count) with trailing colons: \(trimmed.sorted())"
        )
        #expect(corpus.uris.count > 100_000)
        #expect(problems.isEmpty, "\(problems.count) URIs: \(problems.prefix(10))")
    }

    @Test func dictionaryURIsAndFormattedStringsNameTheSameWFN() async throws {
        let corpus = try await Self.corpus.value
        var problems: [String] = []
        for item in corpus.dictionaryItems {
            do {
                let fromURI = try CPEName(uri: item.uri)
                let fromFormattedString = try CPEName(formattedString: item.formattedString)
                if fromURI != fromFormattedString { problems.append("\(item.uri) != \(item.formattedString)") }
            } catch {
                problems.append(error.description)
            }
        }
        #expect(corpus.dictionaryItems.count == 101_371)
        #expect(problems.isEmpty, "\(problems.count) items: \(problems.prefix(10))")
    }
}
