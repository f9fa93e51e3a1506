import CPE

/// What the decoders need of CPE names, on top of the `CPE` target: validating source strings, converting the
/// CPE 2.2 URIs some CNAs write (`cpe:/a:redhat:…`), and putting a version into a name. Names are parsed and
/// re-formatted by `CPEName`, which re-formats every valid name to the identical string.
enum CPEText {
    static func isFormattedString(_ text: String) -> Bool {
        (try? CPEName(formattedString: text)) != nil
    }

    /// The version attribute of a well-formed name.
    static func version(of name: String) -> CPEValue? {
        (try? CPEName(formattedString: name))?[.version]
    }

    /// `name` with its version (and update, when given) replaced; `name` itself when it does not parse.
    static func replacing(_ name: String, version: CPEValue, update: CPEValue? = nil) -> String {
        guard var parsed = try? CPEName(formattedString: name) else { return name }
        parsed[.version] = version
        if let update { parsed[.update] = update }
        return parsed.formattedString
    }

    /// A free-text version as a CPE value: `*` and `-` keep their meaning, whitespace becomes `_` (a WFN has
    /// none), everything else is quoted as NISTIR 7695 requires; nil when it cannot be a CPE value.
    static func bindVersion(_ version: String) -> CPEValue? {
        switch version {
        case "*": return .any
        case "-": return .notApplicable
        default:
            let spaced = String(version.map { $0 == " " || $0 == "\t" ? "_" : $0 })
            return try? CPEValue(logical: spaced)
        }
    }

    /// Converts a CPE 2.2 URI (`cpe:/a:vendor:product:version:update:edition:language`, with the packed
    /// `~ed~sw~tsw~thw~oth` edition) to a 2.3 formatted string.
    static func formattedString(fromURI uri: String) -> String? {
        (try? CPEName(uri: uri))?.formattedString
    }
}
