struct XLSXReader {
    init(archive: [UInt8], options: InventoryOptions) throws(InventoryError) {}
    mutating func read(into context: inout ReadContext, limit: Int) throws(InventoryError) -> Bool { false }
}
