struct RegistryReader: TextFormatReader {
    init(options: InventoryOptions, unicode: Bool) {}
    mutating func read(_ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext)
        throws(InventoryError) -> Int
    { text.count }
}
struct PackageListReader: TextFormatReader {
    enum Layout { case dpkgList }
    init(layout: Layout, options: InventoryOptions) {}
    static func detect(lines: [String], fileName: String?) -> Layout? { nil }
    mutating func read(_ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext)
        throws(InventoryError) -> Int
    { text.count }
}
struct JSONInventoryReader: TextFormatReader {
    init(options: InventoryOptions) {}
    mutating func read(_ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext)
        throws(InventoryError) -> Int
    { text.count }
}
struct CycloneDXXMLReader: TextFormatReader {
    init(options: InventoryOptions) {}
    mutating func read(_ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext)
        throws(InventoryError) -> Int
    { text.count }
}
struct XLSXReader {
    init(archive: [UInt8], options: InventoryOptions) throws(InventoryError) {}
    mutating func read(into context: inout ReadContext, limit: Int) throws(InventoryError) -> Bool { false }
}
