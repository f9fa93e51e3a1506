/// Reads a `regedit` export (`Windows Registry Editor Version 5.00`, normally UTF-16LE with a mark, or the
/// ANSI `REGEDIT4`) of the `…\CurrentVersion\Uninstall` keys: one record per direct subkey of a key named
/// `Uninstall` (HKLM, HKLM `WOW6432Node`, HKCU or HKU) that has a `DisplayName`, as Programs and Features
/// lists them. Keys elsewhere are ignored; Uninstall subkeys without `DisplayName` are skipped, as are
/// updates of other entries (`ParentKeyName` or `ReleaseType` set; `InventorySkip.patch`).
/// `SystemComponent=1` entries are kept and marked. String, `hex(1)`, `hex(2)` (expandable), `hex(7)`
/// (multi-string, joined by "; "), `dword` and `hex(b)` values are decoded; a line ending in `\` continues on
/// the next. The row of a record is the line of its `[key]`.
struct RegistryReader: TextFormatReader {
    private struct Key {
        var path: String
        var row: Int
        var isUninstallEntry: Bool
        var values: [String: String] = [:]
    }

    private let unicode: Bool
    private let limit: Int
    private var line = 1
    private var key: Key?

    /// The values a record uses, by lower-cased name (registry names are case-insensitive).
    private static let wanted: Set<String> = [
        "displayname", "displayversion", "publisher", "systemcomponent", "parentkeyname", "releasetype", "language",
    ]

    var format: InventoryFormat? { .windowsRegistry }

    init(options: InventoryOptions, unicode: Bool) {
        self.unicode = unicode
        limit = options.maxRecordBytes
    }

    mutating func read(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext
    ) throws(InventoryError) -> Int {
        var index = start
        while index < text.count {
            guard
                let logical = try LineScanner.continued(
                    text, from: index, final: final, textBase: context.textBase, limit: limit)
            else { return index }
            let row = line
            line += logical.count
            try take(logical.bytes, row: row, at: context.textBase + index, context: &context)
            index = logical.next
        }
        if final, let key {
            context.attributeFaults(before: context.textBase + text.count, row: key.row)
            emit(key, context: &context)
            self.key = nil
        }
        return index
    }

    private mutating func take(
        _ bytes: [UInt8], row: Int, at offset: Int, context: inout ReadContext
    ) throws(InventoryError) {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        switch first {
        case UInt8(ascii: "["):
            if let key {
                context.attributeFaults(before: offset, row: key.row)
                emit(key, context: &context)
            }
            key = Self.key(bytes, row: row)
        case UInt8(ascii: "\""):
            guard key?.isUninstallEntry == true else { return }
            guard let (name, valueStart) = Self.valueName(bytes) else {
                context.issue(row: row, at: offset, "a value line without a closing quote on its name")
                return
            }
            let lowered = name.lowercased()
            guard Self.wanted.contains(lowered) else { return }
            switch RegistryValue.decode(bytes[valueStart...], unicode: unicode) {
            case .value(let value): key?.values[lowered] = value
            case .ignored: break
            case .invalid(let reason):
                context.issue(row: row, field: name, at: offset, reason, severity: .warning)
            }
        default:
            break
        }
    }

    private static func key(_ bytes: [UInt8], row: Int) -> Key? {
        guard let close = bytes.lastIndex(of: UInt8(ascii: "]")), let open = bytes.firstIndex(of: UInt8(ascii: "[")),
            open < close, bytes[open + 1] != UInt8(ascii: "-")
        else { return nil }
        let path = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
        let parts = path.split(separator: "\\", omittingEmptySubsequences: false)
        let isEntry = parts.count >= 2 && parts[parts.count - 2].lowercased() == "uninstall"
        return Key(path: path, row: row, isUninstallEntry: isEntry)
    }

    /// The unescaped name of `"name"=…` and where its value starts.
    private static func valueName(_ bytes: [UInt8]) -> (String, Int)? {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        var name: [UInt8] = []
        var index = open + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") && index + 1 < bytes.count {
                name.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else { return nil }
                return (String(decoding: name, as: UTF8.self), index + 2)
            }
            name.append(byte)
            index += 1
        }
        return nil
    }

    private func emit(_ key: Key, context: inout ReadContext) {
        guard key.isUninstallEntry else { return }
        guard let name = RecordValues.text(key.values["displayname"]) else {
            context.skip(.noDisplayName)
            return
        }
        if RecordValues.isPatch(parentKeyName: key.values["parentkeyname"], releaseType: key.values["releasetype"]) {
            context.skip(.patch)
            return
        }
        var record = InventoryRecord(row: key.row, name: name, format: .windowsRegistry)
        record.version = RecordValues.text(key.values["displayversion"])
        record.publisher = RecordValues.text(key.values["publisher"])
        record.isSystemComponent = RecordValues.isSet(key.values["systemcomponent"])
        record.locale = key.values["language"].flatMap(LCID.tag)
        if key.path.lowercased().contains("\\wow6432node\\") { record.architecture = "x86" }
        context.emit(record)
    }
}
