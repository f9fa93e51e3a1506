extension PackageListReader {
    /// The layout of a headerless package list, from its first lines; nil when they are not one.
    static func detect(lines: [String], fileName: String?) -> Layout? {
        let sample = lines.filter { !$0.trimmingSpaces.isEmpty }
        guard !sample.isEmpty else { return nil }
        if sample.allSatisfy({ $0.contains("\t") }) {
            return columns(sample.map { fields($0, 0x09) }, separator: 0x09, fileName: fileName)
        }
        let nevras = sample.compactMap { PackageVersion.nevra($0.trimmingSpaces) }
        if nevras.count == sample.count && !sample.contains(where: { $0.trimmingSpaces.contains(" ") })
            && nevras.filter({ $0.architecture != nil }).count * 2 >= sample.count
        {
            return .rpmNEVRA
        }
        let spaced = sample.map { fields($0, 0x20) }
        guard spaced.allSatisfy({ $0.count == 2 }) else { return nil }
        return columns(spaced, separator: 0x20, fileName: fileName)
    }

    private struct Evidence {
        var rpm = 0
        var debian = 0
    }

    /// Recognises each column from its values in every sample line.
    private static func columns(_ rows: [[Substring]], separator: UInt8, fileName: String?) -> Layout? {
        guard let width = rows.first?.count, width >= 2, rows.allSatisfy({ $0.count == width }) else { return nil }
        var evidence = Evidence()
        var columns: [Column] = []
        for index in 0..<width {
            let values = rows.map { $0[index] }
            columns.append(column(values, after: columns, evidence: &evidence))
        }
        guard columns.contains(.name), columns.contains(.version) else { return nil }
        let rpm = evidence.rpm > evidence.debian || evidence.rpm == evidence.debian && fileName?.contains("rpm") == true
        guard rpm else { return .dpkg(columns: columns.map { $0 == .release ? .other : $0 }, separator: separator) }
        // `%{VERSION}-%{RELEASE}` prints as one version-looking column: split it when no release column follows.
        if !columns.contains(.release), let version = columns.firstIndex(of: .version),
            rows.allSatisfy({ $0[version].contains("-") })
        {
            columns[version] = .versionRelease
        }
        return separator == 0x09 ? .rpm(columns: columns) : nil
    }

    /// rpm prints an unset tag as `(none)`: the epoch of most packages, every tag of a `gpg-pubkey`.
    private static func column(_ raw: [Substring], after columns: [Column], evidence: inout Evidence) -> Column {
        let values = raw.filter { !$0.isEmpty && $0 != "(none)" }
        if raw.contains("(none)") {
            evidence.rpm += 1
            if values.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) { return .epoch }
        }
        guard !values.isEmpty else { return .other }
        for value in values {
            if value.contains(".el") || value.contains(".fc") || value.contains(".amzn") || value.contains("suse") {
                evidence.rpm += 1
            }
            if value.contains("ubuntu") || value.contains("deb") || value.contains("+dfsg") { evidence.debian += 1 }
        }
        if values.allSatisfy({ PackageVersion.debianArchitectures.contains(String($0)) }) {
            evidence.debian += 2
            return .architecture
        }
        if values.allSatisfy({ PackageVersion.rpmArchitectures.contains(String($0)) }) {
            evidence.rpm += 2
            return .architecture
        }
        if values.contains(where: { $0.contains("install ok") || $0.contains("deinstall ok") }) {
            evidence.debian += 2
            return .status
        }
        if values.allSatisfy({ $0.contains("<") && $0.contains("@") }) {
            evidence.debian += 1
            return .publisher
        }
        if !columns.contains(.name) && values.allSatisfy({ PackageVersion.isPackageName($0) })
            && values.contains(where: { !PackageVersion.isVersion($0) })
        {
            return .name
        }
        if columns.contains(.name) && values.allSatisfy({ PackageVersion.isVersion($0) }) {
            return columns.contains(.version) ? .release : .version
        }
        return values.contains(where: { $0.contains(" ") }) ? .publisher : .other
    }
}
