import AppCore
import Foundation
import Identification
import Inventory
import TestSupport
import Testing

/// Identification spread over tasks gives what the sequential L0 identifier gives, row for row, however the
/// file is cut into chunks and the keys into batches.
struct BatchIdentifierTests {
    static let identifier: InventoryIdentifier = {
        func bytes(_ path: String) -> [UInt8] {
            (try? [UInt8](Data(contentsOf: SharedData.packageRoot.appendingPathComponent(path)))) ?? []
        }
        var builder = CPEVocabulary.Builder()
        builder.add(indexCSV: bytes("Tests/Fixtures/Commands/product-index.csv"))
        let aliases = (try? AliasDictionary(jsonBytes: bytes("Data/identification/aliases.json")))
        let catalogue = try? ProhibitedCatalogue(jsonBytes: bytes("Data/identification/prohibited-catalogue.json"))
        return InventoryIdentifier(
            identifier: SoftwareIdentifier(
                vocabulary: builder.build(), aliases: aliases ?? AliasDictionary(version: "", vendors: [], products: [])
            ),
            checker: catalogue.map(ProhibitedChecker.init))
    }()

    static let fixtures = ["Commands/vans_zh-TW.csv", "Commands/cyclonedx-small.json", "Inventory/rpm-qa_rocky-9.txt"]

    @Test(arguments: fixtures, [(1 << 22, 256), (7, 1), (64, 3)])
    func sameAnswersAsSequential(_ fixture: String, _ cut: (chunk: Int, batch: Int)) async throws {
        let bytes = try SharedData.bytes(at: SharedData.fixture(fixture))
        let sequential = try InventoryReader.read(bytes, fileName: fixture)
        let expected = Self.identifier.identify(sequential.records)

        var pieces = Self.pieces(bytes, of: cut.chunk)
        let identified = try await BatchIdentifier(identifier: Self.identifier, parallelism: 2).readAndIdentify(
            reader: InventoryReader(fileName: fixture), batch: cut.batch
        ) { pieces.next() }
        #expect(identified.digest.rows.count == sequential.records.count)
        #expect(identified.digest.issues == sequential.issues)
        #expect(identified.report == expected.report)
        for (row, answer) in zip(identified.digest.rows, expected.rows) {
            #expect(row.row == answer.row)
            #expect(identified.answers[Int(row.key)].resolution == answer.resolution)
            #expect(identified.answers[Int(row.key)].prohibited == answer.prohibited)
        }
        #expect(identified.digest.keys.count <= sequential.records.count)
    }

    @Test func distinctKeysAndHostsAreKeptOnce() {
        var digest = InventoryDigest()
        for (row, host) in ["pc-1", "pc-2", "pc-1"].enumerated() {
            digest.record(InventoryRecord(row: row + 2, host: host, name: "7-Zip", version: "23.01", format: .vansCSV))
        }
        digest.record(InventoryRecord(row: 5, name: "7-Zip", version: "23.01", format: .genericCSV))
        #expect(digest.keys.count == 2, "the format is part of the key: it decides how versions are read")
        #expect(digest.hosts == ["pc-1", "pc-2"])
        #expect(digest.rows.map(\.row) == [2, 3, 4, 5])
        #expect(digest.rows.map { digest.host(of: $0) } == ["pc-1", "pc-2", "pc-1", nil])
    }

    @Test func aRefusedFileIsAFailure() async {
        var pieces = Self.pieces(Array("%PDF-1.7\n".utf8), of: 4)
        let error = await #expect(throws: InventoryError.self) {
            _ = try await BatchIdentifier(identifier: Self.identifier).readAndIdentify(reader: InventoryReader()) {
                pieces.next()
            }
        }
        #expect(error?.reason == .unrecognizedFormat)
    }

    @Test func whatTheSourceThrowsComesThrough() async {
        struct Unreadable: Error {}
        await #expect(throws: Unreadable.self) {
            _ = try await BatchIdentifier(identifier: Self.identifier).readAndIdentify(reader: InventoryReader()) {
                throw Unreadable()
            }
        }
    }

    /// The pieces a file reader would hand over, `size` bytes each.
    static func pieces(_ bytes: [UInt8], of size: Int) -> some IteratorProtocol<[UInt8]> {
        stride(from: 0, to: bytes.count, by: size).lazy.map { Array(bytes[$0..<min(bytes.count, $0 + size)]) }
            .makeIterator()
    }
}
