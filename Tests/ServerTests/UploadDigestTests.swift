import HTTPAPI
import Testing

@Suite("Upload digests: SHA-256 of the canonical body")
struct UploadDigestTests {
    // FIPS 180-4 examples, and one input that spans two blocks after padding.
    @Test(
        "known digests",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func known(input: String, hex: String) throws {
        #expect(try APIHandler.digest(Array(input.utf8)).hex == hex)
    }

    @Test("key order and whitespace do not change the canonical body")
    func canonical() throws {
        struct Body: Encodable {
            var b = 1
            var a = ["x": "/"]
        }
        #expect(String(decoding: try APIHandler.canonical(Body()), as: UTF8.self) == #"{"a":{"x":"/"},"b":1}"#)
    }
}
