import JSON

/// Splits JSON text into units small enough to parse whole, without ever holding the document: the elements
/// of a top-level array; the members of a top-level object, except that the elements of an array-valued
/// member named in `collections` (`data`, `components`, `packages`) come one by one, and members named in
/// `skipped` (SPDX `files`, `relationships`; CycloneDX `dependencies` …) are scanned past without being kept.
/// Several top-level values in a row (JSON Lines) are documents one after another.
///
/// The scan is resumable at any byte: only the unit being scanned is kept, bounded by `maxUnit`; nesting is
/// bounded by `maxDepth`. It checks structure (brackets, strings, commas and colons between units) but not
/// the tokens inside a unit: whoever parses the unit finds those, so a bad element is that element's problem.
struct JSONStream {
    enum Event {
        /// A member of a top-level object, its value's bytes at `range` (window indices).
        case member(key: String, range: Range<Int>)
        /// The `index`th (1-based) element of a collection, or of the top-level array when `collection` is nil.
        case element(collection: String?, index: Int, range: Range<Int>)
        /// A top-level value ended; it started on `line`.
        case documentEnd(line: Int)
        /// The text ended inside a top-level value.
        case truncated(offset: Int)
    }

    private enum Purpose {
        case member(String)
        case element(String?, Int)
        case skip

        /// Containers around the unit: a member's object, the top-level array, a collection's object and array.
        var enclosing: Int {
            if case .element(let collection, _) = self, collection != nil { return 2 }
            return 1
        }
    }

    private enum State {
        case document
        case arrayStart(String?)
        case arrayNext(String?)
        case arrayElement(String?)
        case objectStart
        case objectNext
        case objectKey
        case colon(String)
        case memberValue(String)
        case value(Purpose)
    }

    let collections: Set<String>
    let skipped: Set<String>
    let maxDepth: Int
    let maxUnit: Int
    private var state = State.document
    /// Offset in the whole text of the next unread byte.
    var cursor = 0
    var line = 1
    private var documentLine = 1
    private var elementCount = 0
    // The value being scanned.
    var unitStart = 0
    var stack: [UInt8] = []
    var enclosing = 1
    var inString = false
    var escaped = false

    init(collections: Set<String>, skipped: Set<String>, maxDepth: Int, maxUnit: Int) {
        self.collections = collections
        self.skipped = skipped
        self.maxDepth = maxDepth
        self.maxUnit = maxUnit
    }

    /// Offset in the whole text before which nothing is needed any more.
    var keepFrom: Int {
        if case .value(let purpose) = state, case .skip = purpose { return cursor }
        if case .value = state { return unitStart }
        return cursor
    }

    /// The next unit; nil when the text has no more complete ones (or, when `final`, has ended).
    mutating func next(
        _ text: UnsafeBufferPointer<UInt8>, textBase: Int, final: Bool
    ) throws(InventoryError) -> Event? {
        while true {
            if case .value(let purpose) = state {
                guard let end = try scanValue(text, textBase: textBase, final: final, retained: isRetained(purpose))
                else {
                    return final ? truncate() : nil
                }
                switch purpose {
                case .member(let key):
                    state = .objectNext
                    return .member(key: key, range: (unitStart - textBase)..<(end - textBase))
                case .element(let collection, let index):
                    state = .arrayNext(collection)
                    return .element(
                        collection: collection, index: index, range: (unitStart - textBase)..<(end - textBase))
                case .skip:
                    state = .objectNext
                    continue
                }
            }
            guard let byte = skipWhitespace(text, textBase: textBase) else {
                if final, case .document = state { return nil }
                return final ? truncate() : nil
            }
            let offset = cursor
            switch state {
            case .document:
                documentLine = line
                elementCount = 0
                cursor += 1
                switch byte {
                case UInt8(ascii: "{"): state = .objectStart
                case UInt8(ascii: "["): state = .arrayStart(nil)
                default:
                    throw InventoryError(.malformed, offset: offset, "expected a JSON object or array")
                }
            case .arrayStart(let collection):
                if byte == UInt8(ascii: "]") {
                    if let event = closeArray(collection) { return event }
                } else {
                    beginElement(collection)
                }
            case .arrayNext(let collection):
                if byte == UInt8(ascii: "]") {
                    if let event = closeArray(collection) { return event }
                } else {
                    guard byte == UInt8(ascii: ",") else { throw expected("',' or ']'", at: offset) }
                    cursor += 1
                    state = .arrayElement(collection)
                }
            case .arrayElement(let collection):
                guard byte != UInt8(ascii: "]") else { throw expected("a value after ','", at: offset) }
                beginElement(collection)
            case .objectStart, .objectNext:
                if byte == UInt8(ascii: "}") {
                    cursor += 1
                    state = .document
                    return .documentEnd(line: documentLine)
                }
                if case .objectNext = state {
                    guard byte == UInt8(ascii: ",") else { throw expected("',' or '}'", at: offset) }
                    cursor += 1
                    state = .objectKey
                    continue
                }
                guard let key = try readKey(text, textBase: textBase) else { return final ? truncate() : nil }
                state = .colon(key)
            case .objectKey:
                guard let key = try readKey(text, textBase: textBase) else { return final ? truncate() : nil }
                state = .colon(key)
            case .colon(let key):
                guard byte == UInt8(ascii: ":") else { throw expected("':'", at: offset) }
                cursor += 1
                state = .memberValue(key)
            case .memberValue(let key):
                if byte == UInt8(ascii: "[") && collections.contains(key) {
                    cursor += 1
                    elementCount = 0
                    state = .arrayStart(key)
                } else {
                    begin(skipped.contains(key) ? .skip : .member(key))
                }
            case .value:
                break
            }
        }
    }

    /// The end of an array: a collection returns to its object, the top-level array ends its document.
    private mutating func closeArray(_ collection: String?) -> Event? {
        cursor += 1
        guard collection == nil else {
            state = .objectNext
            return nil
        }
        state = .document
        return .documentEnd(line: documentLine)
    }

    private mutating func beginElement(_ collection: String?) {
        elementCount += 1
        begin(.element(collection, elementCount))
    }

    private func isRetained(_ purpose: Purpose) -> Bool {
        if case .skip = purpose { return false }
        return true
    }

    private mutating func begin(_ purpose: Purpose) {
        state = .value(purpose)
        enclosing = purpose.enclosing
        unitStart = cursor
        stack.removeAll(keepingCapacity: true)
        inString = false
        escaped = false
    }

    private mutating func truncate() -> Event {
        let offset = keepFrom
        state = .document
        return .truncated(offset: offset)
    }

    private func expected(_ what: String, at offset: Int) -> InventoryError {
        InventoryError(.malformed, offset: offset, "expected \(what)")
    }

    /// Skips whitespace; the next byte, or nil when the text ends first.
    private mutating func skipWhitespace(_ text: UnsafeBufferPointer<UInt8>, textBase: Int) -> UInt8? {
        var index = cursor - textBase
        while index < text.count {
            let byte = text[index]
            if byte == 0x0A {
                line += 1
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                cursor = textBase + index
                return byte
            }
            index += 1
        }
        cursor = textBase + index
        return nil
    }

    /// A member name at the cursor (its opening quote); nil when the text ends inside it.
    private mutating func readKey(_ text: UnsafeBufferPointer<UInt8>, textBase: Int) throws(InventoryError) -> String? {
        let start = cursor - textBase
        guard text[start] == UInt8(ascii: "\"") else { throw expected("a member name", at: cursor) }
        var index = start + 1
        var escapes = false
        while index < text.count && text[index] != UInt8(ascii: "\"") {
            if text[index] == UInt8(ascii: "\\") {
                escapes = true
                index += 1
            }
            index += 1
            if index - start > 4_096 { throw InventoryError(.malformed, offset: cursor, "a member name over 4 KiB") }
        }
        guard index < text.count else { return nil }
        cursor = textBase + index + 1
        let raw = UnsafeBufferPointer(rebasing: text[(start + 1)..<index])
        guard escapes else { return String(decoding: raw, as: UTF8.self) }
        var reader = JSONReader(text, range: start..<(index + 1))
        return (try? reader.readString()) ?? String(decoding: raw, as: UTF8.self)
    }
}
