/// Flat rows: VANS `data` elements, PowerShell objects, osquery rows.
extension JSONInventoryReader {
    static let vansV1Keys = [
        "unit_name", "asset_number", "product_name", "product_vendor", "product_version", "cpe23", "product_cpename",
    ]
    static let vansV2Keys = ["orgName", "identifier", "assetGroupCode", "assetName", "brand", "cpeName"]
    static let powershellKeys = ["DisplayName", "DisplayVersion", "PSPath", "PSChildName", "PSComputerName"]
    static let osqueryKeys = [
        "identifying_number", "install_location", "uninstall_string", "install_source", "maintainer", "section",
        "revision", "release", "package_group", "sha1", "platform", "platform_like", "codename", "major",
    ]

    /// What a flat row is, from its field names.
    static func rowKind(_ fields: JSONObjectFields) -> Kind? {
        if fields.containsAny(powershellKeys) { return .powershell }
        if fields.containsAny(vansV1Keys) || fields.containsAny(vansV2Keys) { return .vans }
        if fields.contains("name") && (fields.contains("version") || fields.containsAny(osqueryKeys)) {
            return .osquery
        }
        return nil
    }

    mutating func row(
        _ fields: JSONObjectFields, kind: Kind?, row: Int, at offset: Int?, host: String?, context: inout ReadContext
    ) {
        switch kind {
        case .vans: vans(fields, row: row, at: offset, context: &context)
        case .powershell: powershell(fields, row: row, at: offset, context: &context)
        case .osquery: osquery(fields, row: row, at: offset, host: host, context: &context)
        case .cycloneDX, .spdx, nil:
            context.issue(
                row: row, at: offset, "none of the known fields (\(fields.keys.prefix(8).joined(separator: ", ")))")
        }
    }

    /// The VANS v1 and v2 keys, in `JSONSlots` order: 0–8 v1, 9–16 v2 (`oid` and `category` are shared).
    static let vansKeys: [StaticString] = [
        "oid", "unit_name", "asset_number", "product_name", "product_vendor", "product_version", "category", "cpe23",
        "product_cpename", "orgName", "identifier", "assetGroupCode", "assetName", "brand", "version", "cpe",
        "cpeName",
    ]

    private mutating func vans(_ fields: JSONObjectFields, row: Int, at offset: Int?, context: inout ReadContext) {
        var slots = JSONSlots(Self.vansKeys)
        slots.fill(from: fields)
        vans(slots, row: row, at: offset, context: &context)
    }

    /// A VANS `data` element: v1 when it has any v1-only field, else v2. Built in place in the context's buffer.
    mutating func vans(_ slots: JSONSlots, row: Int, at offset: Int?, context: inout ReadContext) {
        let v1 = (1...8).contains { $0 != 6 && slots[$0] != nil }
        guard v1 || (9...16).contains(where: { slots[$0] != nil }) else {
            context.issue(row: row, at: offset, "neither VANS v1 nor v2 field names")
            return
        }
        let format: InventoryFormat = v1 ? .vansV1JSON : .vansV2JSON
        setFormat(format)
        let last = context.records.count
        context.records.append(
            InventoryRecord(row: row, name: RecordValues.text(slots[v1 ? 3 : 12]) ?? "", format: format))
        context.records.withUnsafeMutableBufferPointer { records in
            records[last].agencyOID = RecordValues.text(slots[0])
            records[last].category = RecordValues.text(slots[6])
            records[last].publisher = RecordValues.text(slots[v1 ? 4 : 13])
            records[last].version = RecordValues.text(slots[v1 ? 5 : 14])
            records[last].cpeTitle = RecordValues.text(slots[v1 ? 8 : 16]).flatMap {
                RecordValues.isNone($0) ? nil : $0
            }
            records[last].agencyName = RecordValues.text(slots[v1 ? 1 : 9])
            if !v1 {
                records[last].host = RecordValues.text(slots[10])
                records[last].assetGroup = RecordValues.text(slots[11])
            }
        }
        let finished = RawRecord.finish(
            &context.records[last], cpe: slots[v1 ? 7 : 15], quantity: v1 ? slots[2] : nil,
            names: v1 ? .vansV1 : .vansV2, at: offset, issues: &context.issues)
        if finished { emitted += 1 } else { context.records.removeLast() }
    }

    private mutating func powershell(_ fields: JSONObjectFields, row: Int, at offset: Int?, context: inout ReadContext)
    {
        setFormat(.powershellJSON)
        guard RecordValues.text(fields["DisplayName"]) != nil else {
            context.skip(.noDisplayName)
            return
        }
        if RecordValues.isPatch(parentKeyName: fields["ParentKeyName"], releaseType: fields["ReleaseType"]) {
            context.skip(.patch)
            return
        }
        var raw = RawRecord(
            name: fields["DisplayName"], publisher: fields["Publisher"], version: fields["DisplayVersion"],
            host: fields["PSComputerName"], locale: fields["Language"].flatMap(LCID.tag))
        raw.isSystemComponent = RecordValues.isSet(fields["SystemComponent"])
        if fields["PSPath"]?.lowercased().contains("\\wow6432node\\") == true { raw.architecture = "x86" }
        emit(
            raw.record(row: row, format: .powershellJSON, at: offset, names: .powershell, context: &context),
            context: &context)
    }

    /// An osquery row of `programs`, `deb_packages`, `rpm_packages` or `os_version`, told apart by its columns.
    private mutating func osquery(
        _ fields: JSONObjectFields, row: Int, at offset: Int?, host: String?, context: inout ReadContext
    ) {
        setFormat(.osqueryJSON)
        var raw = RawRecord(name: fields["name"], version: fields["version"], host: host)
        if fields.contains("platform") && (fields.contains("major") || fields.contains("codename")) {
            raw.category = "os"
            raw.operatingSystem = fields["name"]
            raw.architecture = fields["arch"]
        } else if fields.contains("release") && fields.containsAny(["epoch", "sha1", "package_group", "vendor"]) {
            raw.release = fields["release"]
            raw.epoch = fields["epoch"].flatMap { $0 == "0" || $0.isEmpty ? nil : $0 }
            raw.architecture = fields["arch"]
            raw.publisher = fields["vendor"]
        } else if fields.containsAny(["maintainer", "section", "revision"]) {
            if let status = fields["status"], !status.isEmpty, status != "install ok installed" {
                context.skip(.notInstalled)
                return
            }
            if let version = fields["version"] {
                let parts = PackageVersion.debian(version)
                (raw.epoch, raw.version, raw.release) = (parts.epoch, parts.version, parts.release)
            }
            raw.architecture = fields["arch"]
            raw.publisher = fields["maintainer"]
        } else {
            raw.publisher = fields["publisher"]
            raw.locale = fields["language"].flatMap(LCID.tag)
        }
        emit(raw.record(row: row, format: .osqueryJSON, at: offset, context: &context), context: &context)
    }
}
