import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every distinct version string in the NVD files under `../shared/data/nvd`, grouped by `vendor:product`.
///
/// This is a byte scan, not a JSON parser: it looks for string values that start with `cpe:2.3:` (the version is
/// the fifth field) and for the four `versionStart…`/`versionEnd…` keys, which it credits to the criterion read
/// just before them. Both NVD shapes (1.1 `cpe23Uri`, 2.0 `criteria`) put the CPE first within a match object.
struct NVDVersionCorpus: Sendable {
    /// `vendor:product` → its distinct versions, sorted; CPE `*` and `-` are left out.
    let versionsByProduct: [String: [String]]
    let fileCount: Int

    var allVersions: Set<String> { Set(versionsByProduct.values.joined()) }

    static let shared: NVDVersionCorpus? = SharedData.isAvailable ? try? load() : nil

    static func load() throws -> NVDVersionCorpus {
        let files = SharedData.files(under: "nvd")
        var byProduct: [String: Set<String>] = [:]
        var seen = Set<UInt64>()
        for file in files {
            let bytes = try SharedData.bytes(at: file)
            bytes.withUnsafeBufferPointer { scan($0, into: &byProduct, seen: &seen) }
        }
        return NVDVersionCorpus(versionsByProduct: byProduct.mapValues { $0.sorted() }, fileCount: files.count)
    }

    private static let cpePrefix = Array("cpe:2.3:".utf8)
    private static let rangeKeys = ["StartIncluding\"", "StartExcluding\"", "EndIncluding\"", "EndExcluding\""]
        .map { Array($0.utf8) }

    /// Most criteria repeat across the overlapping feeds, so a hit is first reduced to a 64-bit hash of its
    /// product and version bytes; strings are built only for pairs not seen before.
    private static func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, into byProduct: inout [String: Set<String>], seen: inout Set<UInt64>
    ) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count
        var product: Range<Int> = 0..<0
        var productHash: UInt64 = 0
        var index = 0
        while index < count, let hit = memchr(base + index, Int32(UInt8(ascii: "\"")), count - index) {
            let quote = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
            index = quote + 1
            // Most quotes open keys and values that are neither; test one byte before the full patterns.
            guard index < count, buffer[index] == UInt8(ascii: "c") || buffer[index] == UInt8(ascii: "v") else {
                continue
            }
            if matches(cpePrefix, buffer, at: index) {
                let fieldsStart = index + cpePrefix.count
                var cursor = fieldsStart
                _ = skipField(buffer, &cursor)
                _ = skipField(buffer, &cursor)
                let productEnd = skipField(buffer, &cursor)
                let versionEnd = skipField(buffer, &cursor)
                guard productEnd > fieldsStart + 2, versionEnd > productEnd + 1 else { continue }
                product = (fieldsStart + 2)..<productEnd
                productHash = fnv(buffer, product)
                let version = (productEnd + 1)..<versionEnd
                let first = buffer[version.lowerBound]
                if version.count == 1 && (first == UInt8(ascii: "*") || first == UInt8(ascii: "-")) { continue }
                if seen.insert(fnv(buffer, version, seed: productHash)).inserted {
                    var fieldCursor = version.lowerBound
                    byProduct[text(buffer, product), default: []].insert(readField(buffer, &fieldCursor))
                }
                index = cursor
            } else if matches(versionKey, buffer, at: index),
                rangeKeys.contains(where: { matches($0, buffer, at: index + 7) })
            {
                var cursor = index + 7
                while cursor < count, buffer[cursor] != UInt8(ascii: ":") { cursor += 1 }
                while cursor < count, buffer[cursor] != UInt8(ascii: "\"") { cursor += 1 }
                cursor += 1
                let valueStart = cursor
                let value = readString(buffer, &cursor)
                if seen.insert(fnv(buffer, valueStart..<cursor, seed: productHash ^ 0x5bd1_e995)).inserted {
                    byProduct[text(buffer, product), default: []].insert(value)
                }
                index = cursor
            }
        }
    }

    private static let versionKey = Array("version".utf8)

    private static func fnv(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, seed: UInt64 = 0) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for index in range {
            hash ^= UInt64(buffer[index])
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `vendor:product` with the JSON `\\` of CPE escapes reduced to one backslash.
    private static func text(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var cursor = range.lowerBound
        let vendor = readField(buffer, &cursor)
        return vendor + ":" + readField(buffer, &cursor)
    }

    /// Moves past one CPE field and its colon; returns where the field ended.
    private static func skipField(_ buffer: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> Int {
        while cursor < buffer.count {
            let byte = buffer[cursor]
            if byte == UInt8(ascii: "\"") { return cursor }
            if byte == UInt8(ascii: ":") {
                cursor += 1
                return cursor - 1
            }
            let escaped = byte == UInt8(ascii: "\\") && cursor + 1 < buffer.count
            cursor += escaped ? (buffer[cursor + 1] == UInt8(ascii: "\\") ? 3 : 2) : 1
        }
        return cursor
    }

    private static func matches(_ pattern: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + pattern.count <= buffer.count else { return false }
        for offset in 0..<pattern.count where buffer[index + offset] != pattern[offset] { return false }
        return true
    }

    /// One CPE field up to an unescaped `:` or the closing quote. A JSON `\\` is a CPE escape and is kept with the
    /// character it escapes, as NVD writes it (`12.1\(14\)e7`).
    private static func readField(_ buffer: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> String {
        var out: [UInt8] = []
        while cursor < buffer.count {
            let byte = buffer[cursor]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: ":") {
                cursor += 1
                break
            }
            if byte == UInt8(ascii: "\\"), cursor + 1 < buffer.count {
                if buffer[cursor + 1] == UInt8(ascii: "\\"), cursor + 2 < buffer.count {
                    out.append(UInt8(ascii: "\\"))
                    out.append(buffer[cursor + 2])
                    cursor += 3
                } else {
                    out.append(buffer[cursor + 1])
                    cursor += 2
                }
                continue
            }
            out.append(byte)
            cursor += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string body up to the closing quote, with simple escapes decoded.
    private static func readString(_ buffer: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> String {
        var out: [UInt8] = []
        while cursor < buffer.count, buffer[cursor] != UInt8(ascii: "\"") {
            if buffer[cursor] == UInt8(ascii: "\\"), cursor + 1 < buffer.count {
                out.append(buffer[cursor + 1])
                cursor += 2
            } else {
                out.append(buffer[cursor])
                cursor += 1
            }
        }
        cursor += 1
        return String(decoding: out, as: UTF8.self)
    }
}
