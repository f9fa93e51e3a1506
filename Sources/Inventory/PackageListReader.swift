/// Reads the package lists Linux hosts print, one package a line, row = line:
///
/// - `dpkg-query -W` (`${binary:Package}\t${Version}`, or older `${Package}\t${Version}`) and `-f` formats whose
///   tab- or space-separated columns are recognisable from their values: package, version, architecture
///   (`amd64`, `all`), maintainer (`Name <mail>`: read as the publisher), status (`install ok installed`).
/// - `dpkg -l`: the `ii  name  version  arch  description` table after its legend.
/// - `rpm -qa`: `name-[epoch:]version-release.arch` (NEVRA), and `--queryformat` output whose tab-separated
///   columns are recognisable: name, version, release, epoch (`(none)` is none), architecture (`x86_64`,
///   `noarch`), `version-release` together, and a vendor (text with spaces: the publisher).
///
/// Debian versions are split into epoch, upstream version and revision (`InventoryRecord.release`).
/// Packages not installed (a status other than installed, `rc` in `dpkg -l`, an empty version) are skipped.
struct PackageListReader: TextFormatReader {
    enum Column: Equatable {
        case name, version, release, epoch, versionRelease, architecture, publisher, status, other
    }

    enum Layout: Equatable {
        case dpkgList
        case dpkg(columns: [Column], separator: UInt8)
        case rpmNEVRA
        case rpm(columns: [Column])
    }

    let layout: Layout
    private let limit: Int
    private var line = 1
    private var inTable = false

    init(layout: Layout, options: InventoryOptions) {
        self.layout = layout
        limit = options.maxRecordBytes
    }

    var format: InventoryFormat? {
        switch layout {
        case .dpkgList, .dpkg: return .dpkg
        case .rpmNEVRA, .rpm: return .rpm
        }
    }

    mutating func read(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext
    ) throws(InventoryError) -> Int {
        var index = start
        while index < text.count {
            guard
                let next = try LineScanner.line(
                    text, from: index, final: final, textBase: context.textBase, limit: limit)
            else { return index }
            let row = line
            line += 1
            context.attributeFaults(before: context.textBase + next.next, row: row)
            let content = String(decoding: UnsafeBufferPointer(rebasing: text[next.content]), as: UTF8.self)
            take(content, row: row, at: context.textBase + index, context: &context)
            index = next.next
        }
        return index
    }

    private mutating func take(_ content: String, row: Int, at offset: Int, context: inout ReadContext) {
        guard !content.trimmingSpaces.isEmpty else {
            context.skip(.blankRow)
            return
        }
        let record: InventoryRecord?
        switch layout {
        case .dpkgList:
            guard inTable else {
                inTable = content.hasPrefix("+++-")
                return
            }
            record = dpkgListRecord(content, row: row, context: &context)
        case .dpkg(let columns, let separator):
            record = dpkgRecord(Self.fields(content, separator), columns: columns, row: row, context: &context)
        case .rpmNEVRA:
            guard let nevra = PackageVersion.nevra(content.trimmingSpaces) else {
                context.issue(row: row, at: offset, "not name-version-release.arch: \(content.prefix(120))")
                return
            }
            var package = InventoryRecord(row: row, name: nevra.name, format: .rpm)
            package.version = nevra.version
            package.release = nevra.release
            package.epoch = nevra.epoch
            package.architecture = nevra.architecture
            record = package
        case .rpm(let columns):
            record = rpmRecord(Self.fields(content, 0x09), columns: columns, row: row)
        }
        guard let record else { return }
        guard !record.name.isEmpty else {
            context.issue(row: row, at: offset, "no package name")
            return
        }
        context.emit(record)
    }

    static func fields(_ content: String, _ separator: UInt8) -> [Substring] {
        let parts = content.split(
            separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: separator != 0x09)
        return parts.map { $0.trimmingCharacters(in: " \r") }
    }

    private func dpkgListRecord(_ content: String, row: Int, context: inout ReadContext) -> InventoryRecord? {
        let parts = content.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
        guard parts.count >= 3 else { return nil }
        guard parts[0].hasPrefix("ii") || parts[0].hasPrefix("hi") else {
            context.skip(.notInstalled)
            return nil
        }
        var record = Self.debianPackage(name: parts[1], version: parts[2], row: row)
        if parts.count > 3 { record.architecture = String(parts[3]) }
        return record
    }

    private func dpkgRecord(
        _ fields: [Substring], columns: [Column], row: Int, context: inout ReadContext
    ) -> InventoryRecord? {
        func value(_ column: Column) -> Substring? {
            guard let index = columns.firstIndex(of: column), index < fields.count, !fields[index].isEmpty else {
                return nil
            }
            return fields[index]
        }
        if let status = value(.status), !status.hasSuffix("installed") || status.contains("not-installed") {
            context.skip(.notInstalled)
            return nil
        }
        guard let name = value(.name), let version = value(.version) else {
            context.skip(.notInstalled)
            return nil
        }
        var record = Self.debianPackage(name: name, version: version, row: row)
        if let architecture = value(.architecture) { record.architecture = String(architecture) }
        record.publisher = value(.publisher).map(String.init)
        return record
    }

    private static func debianPackage(name: Substring, version: Substring, row: Int) -> InventoryRecord {
        var name = name
        var architecture: String?
        if let colon = name.firstIndex(of: ":") {
            architecture = String(name[name.index(after: colon)...])
            name = name[..<colon]
        }
        let parts = PackageVersion.debian(String(version))
        var record = InventoryRecord(row: row, name: String(name), format: .dpkg)
        record.version = parts.version
        record.release = parts.release
        record.epoch = parts.epoch
        record.architecture = architecture
        return record
    }

    private func rpmRecord(_ fields: [Substring], columns: [Column], row: Int) -> InventoryRecord? {
        func value(_ column: Column) -> String? {
            guard let index = columns.firstIndex(of: column), index < fields.count, !fields[index].isEmpty,
                fields[index] != "(none)"
            else { return nil }
            return String(fields[index])
        }
        var record = InventoryRecord(row: row, name: value(.name) ?? "", format: .rpm)
        record.version = value(.version)
        record.release = value(.release)
        record.epoch = value(.epoch)
        if let combined = value(.versionRelease) {
            var rest = Substring(combined)
            if let colon = rest.firstIndex(of: ":") {
                record.epoch = String(rest[..<colon]) == "(none)" ? nil : String(rest[..<colon])
                rest = rest[rest.index(after: colon)...]
            }
            if let hyphen = rest.lastIndex(of: "-") {
                record.version = String(rest[..<hyphen])
                record.release = String(rest[rest.index(after: hyphen)...])
            } else {
                record.version = String(rest)
            }
        }
        record.architecture = value(.architecture)
        record.publisher = value(.publisher)
        return record
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
