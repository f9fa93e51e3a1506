struct CycloneDXXMLReader: TextFormatReader {
    var format: InventoryFormat? { nil }
    init(options: InventoryOptions) {}
    mutating func read(_ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext)
        throws(InventoryError) -> Int
    { text.count }
}
struct XLSXReader {
    init(archive: [UInt8], options: InventoryOptions) throws(InventoryError) {}
    mutating func read(into context: inout ReadContext, limit: Int) throws(InventoryError) -> Bool { false }
}
