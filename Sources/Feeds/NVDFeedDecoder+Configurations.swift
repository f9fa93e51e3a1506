import JSON
import VulnModel

extension NVDFeedDecoder {
    /// A 1.1 node as read, before it is judged convertible.
    private struct FeedNode {
        var op: BooleanOperator = .or
        var negate = false
        var matches: [CPEMatch] = []
        var children: [FeedNode] = []

        var plain: ConfigurationNode { ConfigurationNode(op: op, negate: negate, matches: matches) }
    }

    /// `{CVE_data_version, nodes: […]}` → API 2.0 configurations (see the type's documentation).
    static func readConfigurations(_ reader: inout JSONReader, context: DecodingContext, cve: CVEID?, offset: Int)
        throws(JSONError) -> [Configuration]
    {
        var configurations: [Configuration] = []
        try reader.beginObject()
        while let key = try reader.nextKey() {
            guard key == "nodes" else {
                try reader.skipValue()
                continue
            }
            try reader.beginArray()
            while try reader.nextElement() {
                let node = try readNode(&reader, context: context, cve: cve, depth: 0)
                // NVD writes `{operator, children: [], cpe_match: []}` for a CVE it has not analysed: nothing
                // to convert, and nothing wrong either.
                if node.matches.isEmpty, node.children.isEmpty { continue }
                if let configuration = convert(node) {
                    configurations.append(configuration)
                } else {
                    context.diagnose(
                        .unsupportedConfiguration, cve: cve, offset: offset,
                        "1.1 node (\(node.op.rawValue), \(node.matches.count) matches, \(node.children.count) children)"
                            + " has no API 2.0 equivalent")
                }
            }
        }
        return configurations
    }

    private static func convert(_ node: FeedNode) -> Configuration? {
        if node.children.isEmpty {
            guard !node.matches.isEmpty else { return nil }
            return Configuration(op: .or, negate: false, nodes: [node.plain])
        }
        guard node.op == .and, node.matches.isEmpty,
            node.children.allSatisfy({ $0.children.isEmpty && !$0.matches.isEmpty })
        else { return nil }
        return Configuration(op: .and, negate: node.negate, nodes: node.children.map(\.plain))
    }

    private static func readNode(_ reader: inout JSONReader, context: DecodingContext, cve: CVEID?, depth: Int)
        throws(JSONError) -> FeedNode
    {
        var node = FeedNode()
        try reader.beginObject()
        while let key = try reader.nextKey() {
            if key == "operator" {
                node.op = try NVDAPIDecoder.readOperator(&reader)
            } else if key == "negate" {
                node.negate = try reader.consumeNull() ? false : try reader.readBool()
            } else if key == "cpe_match" {
                try reader.beginArray()
                while try reader.nextElement() {
                    if let match = try NVDAPIDecoder.readMatch(&reader, context: context, cve: cve, uriKey: true) {
                        node.matches.append(match)
                    }
                }
            } else if key == "children", depth < 8 {
                try reader.beginArray()
                while try reader.nextElement() {
                    node.children.append(try readNode(&reader, context: context, cve: cve, depth: depth + 1))
                }
            } else {
                try reader.skipValue()
            }
        }
        return node
    }
}
