/// Bounds that keep a hostile document from costing unbounded memory or time. The defaults suit data files
/// (CPE dictionaries, CycloneDX BOMs, spreadsheet parts) with a wide margin.
public struct XMLLimits: Hashable, Sendable {
    /// Open elements at once.
    public var maxDepth: Int
    /// Bytes in an element or attribute name, prefix included.
    public var maxNameLength: Int
    /// Attributes on one element.
    public var maxAttributes: Int
    /// Bytes in one attribute value as written.
    public var maxAttributeLength: Int
    /// Bytes in one token as written: a tag with its attributes, a text run, a CDATA section, a comment or a
    /// processing instruction. In streaming use this is also the most the tokenizer holds beyond the chunk
    /// being read.
    public var maxTokenLength: Int

    public init(
        maxDepth: Int = 256,
        maxNameLength: Int = 1_024,
        maxAttributes: Int = 256,
        maxAttributeLength: Int = 1 << 16,
        maxTokenLength: Int = 1 << 22
    ) {
        self.maxDepth = maxDepth
        self.maxNameLength = maxNameLength
        self.maxAttributes = maxAttributes
        self.maxAttributeLength = maxAttributeLength
        self.maxTokenLength = maxTokenLength
    }
}
