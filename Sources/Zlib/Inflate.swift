import CZlib

/// Why a compressed stream could not be decoded, and where.
public struct InflateError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The stream ended before the compressed data did (a cut-off download, a half-written file).
        case truncated
        /// The bytes are not a valid zlib/gzip/deflate stream.
        case corrupt
        /// Decompressing would exceed the caller's output limit (a decompression bomb, or simply too big).
        case outputLimitExceeded = "output_limit_exceeded"
    }

    public var reason: Reason
    /// Offset in the compressed input at which decoding stopped.
    public var offset: Int
    public var detail: String

    public init(reason: Reason, offset: Int, detail: String) {
        self.reason = reason
        self.offset = offset
        self.detail = detail
    }

    public var description: String { "\(reason.rawValue) at compressed byte \(offset): \(detail)" }
}

/// Decompression of whole in-memory buffers with the system zlib. Pure: bytes in, bytes out.
public enum Inflate {
    public enum Container: Sendable {
        /// RFC 1952 gzip; concatenated members are decoded one after another, as `gunzip` does.
        case gzip
        /// RFC 1951 raw deflate, as stored in ZIP entries.
        case rawDeflate
    }

    /// Whether `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1f && iterator.next() == 0x8b
    }

    /// Decompresses `input`; throws with the compressed offset where it failed. `limit` bounds the output.
    public static func decompress(
        _ input: [UInt8],
        container: Container = .gzip,
        limit: Int = Int.max
    ) throws(InflateError) -> [UInt8] {
        let result = decompressAvailable(input, container: container, limit: limit)
        if let error = result.error { throw error }
        return result.output
    }

    /// Decompresses as much of `input` as is readable: a truncated or corrupt stream yields the output
    /// produced before the fault together with the fault, so a reader can still use the complete part
    /// (for example every whole line of a cut-off JSON Lines file).
    public static func decompressAvailable(
        _ input: [UInt8],
        container: Container = .gzip,
        limit: Int = Int.max
    ) -> (output: [UInt8], error: InflateError?) {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, expectedSize(of: input, container: container)))
        var consumed = 0
        repeat {
            do {
                consumed += try inflateMember(input, from: consumed, container: container, limit: limit, into: &output)
            } catch {
                return (output, error)
            }
            // gzip allows concatenated members; skip trailing zero padding some writers add.
            while consumed < input.count && input[consumed] == 0 { consumed += 1 }
        } while container == .gzip && consumed < input.count
        return (output, nil)
    }

    /// The output size to reserve: gzip's trailer records the (last member's) size modulo 2³², which is
    /// exact for the usual single-member file; a value no real compression ratio could give (a cut-off file
    /// ends in arbitrary bytes) falls back to a guess, and the buffer grows as needed either way.
    private static func expectedSize(of input: [UInt8], container: Container) -> Int {
        let guess = max(input.count * 4, 4096)
        guard container == .gzip, input.count >= 18 else { return guess }
        let trailer = input[(input.count - 4)...].reversed().reduce(0) { $0 << 8 | Int($1) }
        return trailer >= input.count && trailer <= input.count * 64 ? trailer : guess
    }

    /// Inflates one member starting at `start`, appending to `output`; returns the bytes consumed.
    private static func inflateMember(
        _ input: [UInt8],
        from start: Int,
        container: Container,
        limit: Int,
        into output: inout [UInt8]
    ) throws(InflateError) -> Int {
        var stream = z_stream()
        let windowBits: Int32 = container == .gzip ? 15 + 16 : -15
        guard czlib_inflate_init2(&stream, windowBits) == Z_OK else {
            throw InflateError(reason: .corrupt, offset: start, detail: "zlib could not initialise")
        }
        defer { inflateEnd(&stream) }

        let chunk = 1 << 18
        var buffer = [UInt8](repeating: 0, count: chunk)
        var status: Int32 = Z_OK
        let remaining = input.count - start
        var failure: InflateError?
        input.withUnsafeBufferPointer { inputBuffer in
            guard let base = inputBuffer.baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base + start)
            stream.avail_in = UInt32(clamping: remaining)
            while status == Z_OK {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(chunk)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return chunk - Int(stream.avail_out)
                }
                if output.count + produced > limit {
                    failure = InflateError(
                        reason: .outputLimitExceeded,
                        offset: start + remaining - Int(stream.avail_in),
                        detail: "output would exceed \(limit) bytes"
                    )
                    return
                }
                output.append(contentsOf: buffer[0..<produced])
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    failure = InflateError(
                        reason: .truncated,
                        offset: input.count,
                        detail: "compressed stream ends before its end marker"
                    )
                    return
                }
            }
        }
        if let failure { throw failure }
        let consumed = remaining - Int(stream.avail_in)
        guard status == Z_STREAM_END else {
            let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            throw InflateError(reason: .corrupt, offset: start + consumed, detail: message)
        }
        return consumed
    }
}
