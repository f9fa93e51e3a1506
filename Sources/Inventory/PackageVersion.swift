/// Splitting package names and versions the way dpkg and rpm do.
enum PackageVersion {
    /// `[epoch:]upstream[-revision]` (deb-version(7)): the epoch is before the first colon, the revision after
    /// the last hyphen.
    static func debian(_ version: String) -> (epoch: String?, version: String, release: String?) {
        var rest = Substring(version)
        var epoch: String?
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy(\.isASCIIDigit), colon > rest.startIndex {
            epoch = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        guard let hyphen = rest.lastIndex(of: "-"), hyphen > rest.startIndex else { return (epoch, String(rest), nil) }
        return (epoch, String(rest[..<hyphen]), String(rest[rest.index(after: hyphen)...]))
    }

    struct NEVRA: Equatable {
        var name: String
        var epoch: String?
        var version: String
        var release: String
        var architecture: String?
    }

    /// `name-[epoch:]version-release[.arch]`, as `rpm -qa` prints it. The name may contain hyphens; version and
    /// release may not, so they are the last two hyphen-separated parts. The architecture is the last dotted
    /// part when it is a known one (`.el9` is part of a release, not an architecture).
    static func nevra(_ text: String) -> NEVRA? {
        var rest = Substring(text)
        var architecture: String?
        if let dot = rest.lastIndex(of: "."), rpmArchitectures.contains(String(rest[rest.index(after: dot)...])) {
            architecture = String(rest[rest.index(after: dot)...])
            rest = rest[..<dot]
        }
        guard let releaseHyphen = rest.lastIndex(of: "-") else { return nil }
        let release = rest[rest.index(after: releaseHyphen)...]
        let head = rest[..<releaseHyphen]
        guard let versionHyphen = head.lastIndex(of: "-") else { return nil }
        var version = head[head.index(after: versionHyphen)...]
        let name = head[..<versionHyphen]
        guard !name.isEmpty, !version.isEmpty, !release.isEmpty else { return nil }
        var epoch: String?
        if let colon = version.firstIndex(of: ":") {
            epoch = String(version[..<colon])
            version = version[version.index(after: colon)...]
        }
        return NEVRA(
            name: String(name), epoch: epoch, version: String(version), release: String(release),
            architecture: architecture)
    }

    static let rpmArchitectures: Set<String> = [
        "x86_64", "noarch", "i386", "i486", "i586", "i686", "aarch64", "ppc64le", "ppc64", "s390x", "armv7hl",
        "armv7l", "armhfp", "riscv64", "src", "nosrc", "ia64", "ppc",
    ]

    static let debianArchitectures: Set<String> = [
        "amd64", "i386", "all", "arm64", "armhf", "armel", "ppc64el", "s390x", "riscv64", "mips64el", "mipsel",
        "loong64",
    ]

    /// dpkg and rpm package names: letters, digits and `+-._~` (dpkg also `:arch`).
    static func isPackageName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCIILetterOrDigit else { return false }
        return text.allSatisfy { $0.isASCIILetterOrDigit || "+-._~:".contains($0) }
    }

    /// Starts with a digit and holds only version characters.
    static func isVersion(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCIIDigit else { return false }
        return text.allSatisfy { $0.isASCIILetterOrDigit || "+-._~:^".contains($0) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
