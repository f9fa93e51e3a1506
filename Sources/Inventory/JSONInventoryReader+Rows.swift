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

    private mutating func vans(_ fields: JSONObjectFields, row: Int, at offset: Int?, context: inout ReadContext) {
        var raw = RawRecord(category: fields["category"], agencyOID: fields["oid"])
        let format: InventoryFormat
        if fields.containsAny(Self.vansV1Keys) {
            format = .vansV1JSON
            raw.name = fields["product_name"]
            raw.publisher = fields["product_vendor"]
            raw.version = fields["product_version"]
            raw.cpe = fields["cpe23"]
            raw.cpeTitle = fields["product_cpename"]
            raw.agencyName = fields["unit_name"]
            raw.quantity = fields["asset_number"]
            (raw.nameField, raw.cpeField, raw.quantityField) = ("product_name", "cpe23", "asset_number")
        } else if fields.containsAny(Self.vansV2Keys) {
            format = .vansV2JSON
            raw.name = fields["assetName"]
            raw.publisher = fields["brand"]
            raw.version = fields["version"]
            raw.cpe = fields["cpe"]
            raw.cpeTitle = fields["cpeName"]
            raw.agencyName = fields["orgName"]
            raw.host = fields["identifier"]
            raw.assetGroup = fields["assetGroupCode"]
            raw.nameField = "assetName"
        } else {
            context.issue(row: row, at: offset, "neither VANS v1 nor v2 field names")
            return
        }
        setFormat(format)
        emit(raw.record(row: row, format: format, at: offset, context: &context), context: &context)
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
        raw.nameField = "DisplayName"
        emit(raw.record(row: row, format: .powershellJSON, at: offset, context: &context), context: &context)
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
