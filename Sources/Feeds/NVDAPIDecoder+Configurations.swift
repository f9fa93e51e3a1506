import JSON
import VulnModel

extension NVDAPIDecoder {
    /// `configurations: [{operator?, negate?, nodes: [{operator, negate, cpeMatch: […]}]}]` (also the shape of
    /// the configuration overrides). A configuration without `operator` is an OR, as NVD means it.
    static func readConfigurations(_ reader: inout JSONReader, context: DecodingContext, cve: CVEID?)
        throws(JSONError) -> [Configuration]
    {
        var configurations: [Configuration] = []
        try reader.beginArray()
        while try reader.nextElement() {
            var configuration = Configuration(nodes: [])
            try reader.beginObject()
            while let key = try reader.nextKey() {
                if key == "operator" {
                    configuration.op = try readOperator(&reader)
                } else if key == "negate" {
                    configuration.negate = try reader.consumeNull() ? false : try reader.readBool()
                } else if key == "nodes" {
                    try reader.beginArray()
                    while try reader.nextElement() {
                        configuration.nodes.append(try readNode(&reader, context: context, cve: cve))
                    }
                } else {
                    try reader.skipValue()
                }
            }
            if !configuration.nodes.isEmpty { configurations.append(configuration) }
        }
        return configurations
    }

    static func readOperator(_ reader: inout JSONReader) throws(JSONError) -> BooleanOperator {
        if try reader.consumeNull() { return .or }
        return try reader.readText() == "AND" ? .and : .or
    }

    private static func readNode(_ reader: inout JSONReader, context: DecodingContext, cve: CVEID?)
        throws(JSONError) -> ConfigurationNode
    {
        var node = ConfigurationNode(matches: [])
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "operator" {
                node.op = try readOperator(&reader)
            } else if key == "negate" {
                node.negate = try reader.consumeNull() ? false : try reader.readBool()
            } else if key == "cpeMatch" {
                try reader.beginArray()
                while try reader.nextElement() {
                    if let match = try readMatch(&reader, context: context, cve: cve, uriKey: false) {
                        node.matches.append(match)
                    }
                }
            } else {
                try reader.skipValue()
            }
        }
        return node
    }

    /// One `cpeMatch` (2.0: `criteria`, `matchCriteriaId`) or 1.1 `cpe_match` (`cpe23Uri`) entry.
    static func readMatch(_ reader: inout JSONReader, context: DecodingContext, cve: CVEID?, uriKey: Bool)
        throws(JSONError) -> CPEMatch?
    {
        let start = reader.offset
        var match = CPEMatch(vulnerable: false, criteria: "")
        var valid = true
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if uriKey ? key == "cpe23Uri" : key == "criteria" {
                if try reader.consumeNull() {
                    valid = false
                } else if let criteria = context.criterion(try reader.readText(), cve: cve, offset: start) {
                    match.criteria = criteria
                } else {
                    valid = false
                }
            } else if key == "vulnerable" {
                match.vulnerable = try reader.consumeNull() ? false : try reader.readBool()
            } else if key == "versionStartIncluding" {
                match.versionStartIncluding = try context.internedString(&reader)
            } else if key == "versionStartExcluding" {
                match.versionStartExcluding = try context.internedString(&reader)
            } else if key == "versionEndIncluding" {
                match.versionEndIncluding = try context.internedString(&reader)
            } else if key == "versionEndExcluding" {
                match.versionEndExcluding = try context.internedString(&reader)
            } else if key == "matchCriteriaId" {
                match.matchCriteriaID = try context.internedString(&reader)
            } else {
                try reader.skipValue()
            }
        }
        guard valid, !match.criteria.isEmpty else {
            if valid { context.diagnose(.invalidRecord, cve: cve, offset: start, "CPE match without criteria") }
            return nil
        }
        return match
    }
}
