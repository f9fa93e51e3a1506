import Inventory
import TestSupport
import Testing

@Suite struct PackageListTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let fixture: String
        let format: InventoryFormat
        let records: Int
        var notInstalled = 0
        let sample: InventoryRecord
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(
            fixture: "dpkg-query_W_ubuntu-22.04.txt", format: .dpkg, records: 20, notInstalled: 1,
            sample: InventoryRecord(
                row: 14, name: "openssh-server", version: "8.9p1", release: "3ubuntu0.6", epoch: "1", format: .dpkg)),
        Case(
            fixture: "dpkg-query_f_status-package-version-arch-maintainer.tsv", format: .dpkg, records: 6,
            notInstalled: 1,
            sample: InventoryRecord(
                row: 7, name: "zlib1g", publisher: "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>",
                version: "1.2.11.dfsg", architecture: "amd64", release: "2ubuntu9.2", epoch: "1", format: .dpkg)),
        Case(
            fixture: "dpkg-l_debian-12.txt", format: .dpkg, records: 6, notInstalled: 1,
            sample: InventoryRecord(
                row: 8, name: "libc6", version: "2.36", architecture: "amd64", release: "9+deb12u4", format: .dpkg)),
        Case(
            fixture: "rpm-qa_rocky-9.txt", format: .rpm, records: 14,
            sample: InventoryRecord(
                row: 4, name: "java-17-openjdk-headless", version: "17.0.9.0.9", architecture: "x86_64",
                release: "2.el9", format: .rpm)),
        Case(
            fixture: "rpm-qa_queryformat_name-epoch-version-release-arch-vendor.tsv", format: .rpm, records: 5,
            sample: InventoryRecord(
                row: 4, name: "vim-enhanced", publisher: "Rocky Enterprise Software Foundation", version: "8.2.2637",
                architecture: "x86_64", release: "20.el9_1", epoch: "2", format: .rpm)),
        Case(
            fixture: "rpm-qa_queryformat_name-evr-arch.tsv", format: .rpm, records: 3,
            sample: InventoryRecord(
                row: 2, name: "openssl-libs", version: "3.0.7", architecture: "x86_64", release: "24.el9", epoch: "1",
                format: .rpm)),
    ]

    @Test(arguments: cases) func readsPackages(_ testCase: Case) throws {
        let file = try Read.fixture(testCase.fixture)
        #expect(file.summary.format == testCase.format)
        #expect(file.issues == [])
        #expect(file.records.count == testCase.records)
        #expect(file.summary.skipped[.notInstalled, default: 0] == testCase.notInstalled)
        #expect(file.records.contains(testCase.sample), "\(file.records.filter { $0.name == testCase.sample.name })")
    }

    struct NEVRACase: Sendable {
        let text: String
        let name: String
        let version: String
        let release: String
    }

    @Test(
        arguments: [
            ("gpg-pubkey-350d275d-6279464b", "gpg-pubkey", "350d275d", "6279464b", nil),
            ("kernel-core-5.14.0-362.13.1.el9_3.x86_64", "kernel-core", "5.14.0", "362.13.1.el9_3", "x86_64"),
            ("libstdc++-11.4.1-2.1.el9.x86_64", "libstdc++", "11.4.1", "2.1.el9", "x86_64"),
            ("tzdata-2023c-1.el9.noarch", "tzdata", "2023c", "1.el9", "noarch"),
            ("perl-Net-SSLeay-1.92-2.el9.x86_64", "perl-Net-SSLeay", "1.92", "2.el9", "x86_64"),
        ] as [(String, String, String, String, String?)])
    func splitsNEVRA(_ text: String, _ name: String, _ version: String, _ release: String, _ arch: String?) throws {
        let file = try Read.text(text + "\nbash-5.1.8-6.el9_1.x86_64\n")
        let record = try #require(file.records.first)
        #expect(file.summary.format == .rpm)
        #expect(record.name == name)
        #expect(record.version == version)
        #expect(record.release == release)
        #expect(record.architecture == arch)
    }
}
