import CPE

/// Generic operating-system names a host runs by virtue of a more specific one. NVD writes many "running on"
/// conditions against the generic name (`o:microsoft:windows:-`, `o:apple:mac_os_x:-`, `o:linux:linux_kernel:-`)
/// while inventories name the release (`windows_10_22h2`, `macos`, `debian_linux`). The implied names satisfy
/// platform conditions only: they never receive findings of their own, and evidence names the item that
/// implied them.
enum PlatformImplication {
    /// Linux distributions whose hosts run a Linux kernel of unknown version.
    static let linuxDistributions: Set<String> = [
        "debian:debian_linux", "canonical:ubuntu_linux", "redhat:enterprise_linux", "redhat:enterprise_linux_server",
        "redhat:enterprise_linux_workstation", "redhat:enterprise_linux_desktop", "fedoraproject:fedora",
        "centos:centos", "rockylinux:rocky_linux", "almalinux:almalinux", "oracle:linux",
        "suse:linux_enterprise_server",
        "suse:linux_enterprise_desktop", "opensuse:leap", "opensuse:tumbleweed", "amazon:linux", "amazon:linux_2",
        "linuxmint:linux_mint", "kali:kali_linux", "alpinelinux:alpine_linux", "archlinux:arch_linux",
    ]

    static func implied(by name: CPEName) -> [CPEName] {
        guard name[.part] == .value("o"), let vendor = name[.vendor].logical?.lowercased(),
            let product = name[.product].logical?.lowercased()
        else { return [] }
        var names: [String] = []
        switch vendor {
        case "microsoft" where product.hasPrefix("windows_"):
            names.append("windows")
            for family in ["windows_10", "windows_11"] where product.hasPrefix(family + "_") { names.append(family) }
        case "apple" where product == "macos":
            names.append("mac_os_x")
        case "apple" where product == "mac_os_x":
            names.append("macos")
        default:
            if linuxDistributions.contains("\(vendor):\(product)") {
                return [generic(vendor: "linux", product: "linux_kernel")]
            }
        }
        return names.map { generic(vendor: vendor, product: $0) }
    }

    private static func generic(vendor: String, product: String) -> CPEName {
        CPEName(part: .value("o"), vendor: .value(vendor), product: .value(product), version: .notApplicable)
    }
}
