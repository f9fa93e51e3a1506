import TestSupport
import Testing
import XML

/// A small deterministic generator, so that "random" chunk sizes are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Tokenizes `bytes` fed in chunks whose sizes are drawn from `sizes`.
func streamedTokens(_ bytes: [UInt8], sizes: ClosedRange<Int>, seed: UInt64) throws -> [XMLToken] {
    var generator = SplitMix64(state: seed)
    var tokenizer = XMLTokenizer()
    var result: [XMLToken] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + Int.random(in: sizes, using: &generator))
        tokenizer.append(Array(bytes[start..<end]))
        start = end
        while let token = try tokenizer.next() { result.append(token) }
    }
    tokenizer.finish()
    while let token = try tokenizer.next() { result.append(token) }
    #expect(tokenizer.isAtEnd)
    return result
}

@Suite struct XMLStreamingTests {
    static let document = """
        \u{FEFF}<?xml version="1.0"?>
        <!-- a comment with <tags> and -- dashes -->
        <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
          <components>
            <component type="library"><name>log4j-core</name><version>2.14.1</version>
              <cpe>cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*</cpe><description><![CDATA[a ]] b > c]]></description>
              <publisher>趨勢科技 &amp; 福昕</publisher></component>
          </components>
        </bom>
        """

    @Test(arguments: [1...1, 1...3, 2...17, 50...500])
    func chunkedInputGivesTheSameTokens(_ sizes: ClosedRange<Int>) throws {
        let bytes = Array(Self.document.utf8)
        #expect(try streamedTokens(bytes, sizes: sizes, seed: 7) == tokens(Self.document))
    }

    @Test func needsMoreInputBeforeFinish() throws {
        var tokenizer = XMLTokenizer()
        tokenizer.append(Array("<a>par".utf8))
        #expect(try tokenizer.next() == .start(name: "a", attributes: []))
        #expect(try tokenizer.next() == nil)
        tokenizer.append(Array("tial</a>".utf8))
        #expect(try tokenizer.next() == .text("partial"))
        #expect(try tokenizer.next() == .end(name: "a"))
        #expect(try tokenizer.next() == nil)
        #expect(!tokenizer.isAtEnd)
        tokenizer.finish()
        #expect(try tokenizer.next() == nil)
        #expect(tokenizer.isAtEnd)
    }

    @Test func truncationIsFoundAtFinish() throws {
        var tokenizer = XMLTokenizer()
        tokenizer.append(Array("<a><b>".utf8))
        while try tokenizer.next() != nil {}
        tokenizer.finish()
        #expect(throws: XMLError(kind: .truncated, offset: 6, reason: "input ends with <b> still open")) {
            _ = try tokenizer.next()
        }
    }

    @Test func aLongTextRunIsBoundedWhileStreaming() throws {
        var tokenizer = XMLTokenizer(limits: XMLLimits(maxTokenLength: 1_000))
        tokenizer.append(Array("<a>".utf8))
        _ = try tokenizer.next()
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 400)
        tokenizer.append(chunk)
        tokenizer.append(chunk)
        #expect(try tokenizer.next() == nil)
        tokenizer.append(chunk)
        #expect(throws: XMLError.self) { _ = try tokenizer.next() }
    }
}

/// The real NVD CPE dictionary (2015 snapshot, 29 MB of XML; `cpe23-item/deprecation/deprecated-by` nests 5 deep).
@Suite struct CPEDictionaryTests {
    static let path = "cpe/official-cpe-dictionary_v2.3_2015-10-14.xml.gz"

    struct Counts: Equatable {
        var items = 0
        var cpe23Items = 0
        var japaneseTitles = 0
        var maxDepth = 0
    }

    static func count(_ next: () throws -> (XMLToken?, Int)) throws -> Counts {
        var counts = Counts()
        var inJapaneseTitle = false
        while case (let token?, let depth) = try next() {
            counts.maxDepth = max(counts.maxDepth, depth)
            switch token {
            case .start(let name, let attributes):
                if name == "cpe-item" { counts.items += 1 }
                if name == "cpe-23:cpe23-item" { counts.cpe23Items += 1 }
                inJapaneseTitle = name == "title" && attributes.value(of: "xml:lang") == "ja-JP"
            case .text(let text):
                if inJapaneseTitle && !text.isEmpty { counts.japaneseTitles += 1 }
                inJapaneseTitle = false
            case .end: inJapaneseTitle = false
            }
        }
        return counts
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func countsEveryItem() throws {
        let bytes = try SharedData.bytes(Self.path)
        var tokenizer = XMLTokenizer(bytes)
        let counts = try Self.count {
            let token = try tokenizer.next()
            return (token, tokenizer.depth)
        }
        #expect(counts == Counts(items: 101_371, cpe23Items: 101_371, japaneseTitles: 5_949, maxDepth: 5))
        #expect(tokenizer.isAtEnd)
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.unavailableReason)"))
    func streamingInChunksCountsTheSame() throws {
        let bytes = try SharedData.bytes(Self.path)
        var generator = SplitMix64(state: 2_015)
        var tokenizer = XMLTokenizer()
        var start = 0
        let counts = try Self.count {
            while true {
                if let token = try tokenizer.next() { return (token, tokenizer.depth) }
                guard start < bytes.count else {
                    if tokenizer.isAtEnd { return (nil, 0) }
                    tokenizer.finish()
                    continue
                }
                let end = min(bytes.count, start + Int.random(in: 1...100_000, using: &generator))
                bytes.withUnsafeBytes { tokenizer.append(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                start = end
            }
        }
        #expect(counts == Counts(items: 101_371, cpe23Items: 101_371, japaneseTitles: 5_949, maxDepth: 5))
    }
}
