import CPE
import Testing

@testable import Matching

@Suite struct PlatformImplicationTests {
    @Test(arguments: [
        ("cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3570:*:*:*:*:*:x64:*", ["windows", "windows_10"]),
        ("cpe:2.3:o:microsoft:windows_11_23h2:10.0.22631.2715:*:*:*:*:*:x64:*", ["windows", "windows_11"]),
        ("cpe:2.3:o:microsoft:windows_server_2019:-:*:*:*:*:*:*:*", ["windows"]),
        ("cpe:2.3:o:apple:macos:14.1:*:*:*:*:*:*:*", ["mac_os_x"]),
        ("cpe:2.3:o:debian:debian_linux:12.0:*:*:*:*:*:*:*", ["linux_kernel"]),
        ("cpe:2.3:a:microsoft:windows_terminal:1.18:*:*:*:*:*:*:*", []),
        ("cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*", []),
    ])
    func impliedPlatforms(_ item: String, _ products: [String]) throws {
        let implied = PlatformImplication.implied(by: try CPEName(formattedString: item))
        #expect(implied.compactMap { $0[.product].logical } == products)
        #expect(implied.allSatisfy { $0[.part] == .value("o") && $0[.version] == .notApplicable })
    }
}
