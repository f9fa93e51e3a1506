/// A reader of one text format over the UTF-8 window `InventoryReader` keeps.
protocol TextFormatReader {
    /// The format read, once known (a table knows it from its header, JSON from its first keys).
    var format: InventoryFormat? { get }

    /// Reads what it can of `text` from `start` and returns where the unread text begins: everything before it
    /// may be dropped. A unit (line, record, element) cut by the end of `text` is left unread until more text
    /// arrives; `final` says none will. `context.textBase` is the offset of `text[0]` in the whole text.
    /// A thrown error's `offset` is an offset in the text; `InventoryReader` maps it to one in the file.
    mutating func read(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, context: inout ReadContext
    ) throws(InventoryError) -> Int
}
