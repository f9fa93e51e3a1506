// The header names recognised for each field, after `TableColumns.normalize` (so `Display Name`, `display_name`
// and `DisplayName` are all `displayname`). Where a header has several, the first in the list wins: a VANS
// `product_name` beats a generic `name`, PowerShell's `DisplayName` beats an MSI `Name`.
//
// Chinese names are those of Taiwanese forms and of the VANS user interface: 機關 (agency), 資產 (asset),
// 廠商 (vendor), 版本 (version), 數量 (quantity), 類別 (category), 主機 (host). 資產編號 (asset number) is a host
// or asset identifier in Chinese forms; VANS v1's English `asset_number` is read as the quantity it seems to
// be (DOMAIN §1.3).
extension TableColumns {
    static let aliases: [[String]] = Field.allCases.map { field in
        switch field {
        case .name:
            return [
                "displayname", "productname", "assetname", "softwarename", "applicationname", "programname",
                "packagename", "name", "fullname", "package", "program", "application", "software", "displayname0",
                "資產名稱", "軟體名稱", "產品名稱", "程式名稱", "應用程式名稱", "軟體", "名稱",
            ]
        case .publisher:
            return [
                "publisher", "productvendor", "vendor", "brand", "manufacturer", "company", "maintainer", "supplier",
                "publisher0", "廠商", "廠牌", "廠商名稱", "發行者", "供應商", "製造商",
            ]
        case .version:
            return [
                "displayversion", "productversion", "version", "softwareversion", "displayversion0", "version0",
                "版本", "資產版本", "軟體版本", "版本號",
            ]
        case .host:
            return [
                "host", "hostname", "computername", "computer", "pscomputername", "machinename", "machine",
                "devicename", "device", "identifier", "assetid", "主機", "主機名稱", "電腦名稱", "資產識別碼",
                "資產編號", "設備名稱",
            ]
        case .operatingSystem: return ["os", "operatingsystem", "osname", "作業系統"]
        case .cpe: return ["cpe23", "cpe", "cpe23uri", "cpe23name"]
        case .cpeTitle: return ["productcpename", "cpename", "cpetitle", "cpe名稱", "cpe標題"]
        case .category: return ["category", "類別", "資產類別", "分類", "類型"]
        case .agencyOID: return ["oid", "agencyoid", "orgoid", "機關oid", "機關代碼"]
        case .agencyName: return ["unitname", "orgname", "agencyname", "機關名稱", "單位名稱"]
        case .quantity: return ["assetnumber", "quantity", "qty", "count", "數量"]
        case .locale: return ["locale", "language", "lang", "語言", "語系"]
        case .architecture: return ["architecture", "arch", "架構"]
        case .purl: return ["purl", "packageurl"]
        case .assetGroup: return ["assetgroupcode", "assetgroup", "資產群組代碼", "資產群組"]
        case .systemComponent: return ["systemcomponent"]
        case .parentKeyName: return ["parentkeyname"]
        case .releaseType: return ["releasetype"]
        case .registryPath: return ["pspath"]
        }
    }

    /// Columns only VANS uploads have (v1, v2 and their Chinese forms): two of them make a table a VANS table.
    static let vansOnly: Set<String> = [
        "oid", "unitname", "assetnumber", "productname", "productvendor", "productversion", "cpe23",
        "productcpename", "orgname", "identifier", "assetgroupcode", "assetname", "brand", "cpename", "機關oid",
        "機關名稱", "資產名稱", "資產版本", "cpe名稱", "數量", "資產群組代碼",
    ]

    /// Properties PowerShell adds to every object `Get-ItemProperty` returns, and to every object that comes
    /// back from `Invoke-Command`.
    static let powershellOnly: Set<String> = [
        "pspath", "psparentpath", "pschildname", "psdrive", "psprovider", "pscomputername", "runspaceid",
        "psshowcomputername",
    ]
}
