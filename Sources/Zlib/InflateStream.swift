import CZlib

/// Inflates a gzip or raw deflate stream handed over in pieces, so a file of any size is decompressed while it is
/// read, never held whole. Concatenated gzip members and zero padding between them are accepted, as `gunzip` does;
/// errors carry the offset in the compressed stream.
public final class InflateStream {
    // zlib's state points back at its z_stream, so the stream lives at a fixed address.
    private let stream: UnsafeMutablePointer<z_stream>
    private let container: Inflate.Container
    private let limit: Int
    private var buffer = [UInt8](repeating: 0, count: 1 << 18)
    /// Compressed bytes consumed so far.
    private var consumed = 0
    private var produced = 0
    /// The current member reached its end marker; more input starts another member (gzip) or is an error.
    private var memberEnded = false
    private var sawInput = false

    /// `limit` bounds the total output.
    public init(container: Inflate.Container = .gzip, limit: Int = .max) throws(InflateError) {
        self.container = container
        self.limit = limit
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let windowBits: Int32 = container == .gzip ? 15 + 16 : -15
        guard czlib_inflate_init2(stream, windowBits) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InflateError(reason: .corrupt, offset: 0, detail: "zlib could not initialise")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates `input` and returns the output it makes available.
    public func push(_ input: [UInt8]) throws(InflateError) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            if memberEnded {
                if input[index] == 0 {
                    index += 1
                    consumed += 1
                    continue
                }
                guard container == .gzip else {
                    throw InflateError(reason: .corrupt, offset: consumed, detail: "data after the end of the stream")
                }
                inflateReset(stream)
                memberEnded = false
            }
            sawInput = true
            let used = try inflate(input, from: index, into: &output)
            index += used
            consumed += used
        }
        return output
    }

    /// Confirms that the stream ended where its last member did.
    public func finish() throws(InflateError) {
        guard memberEnded || !sawInput else {
            throw InflateError(
                reason: .truncated, offset: consumed, detail: "compressed stream ends before its end marker")
        }
    }

    /// Runs zlib over `input[start...]` until it needs more input or a member ends; returns the bytes consumed.
    private func inflate(_ input: [UInt8], from start: Int, into output: inout [UInt8]) throws(InflateError) -> Int {
        let available = input.count - start
        var failure: InflateError?
        input.withUnsafeBufferPointer { inputBuffer in
            guard let base = inputBuffer.baseAddress else { return }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base + start)
            stream.pointee.avail_in = UInt32(clamping: available)
            while true {
                let chunk = buffer.count
                let (status, made) = buffer.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(chunk)
                    let status = CZlib.inflate(stream, Z_NO_FLUSH)
                    return (status, chunk - Int(stream.pointee.avail_out))
                }
                let position = consumed + available - Int(stream.pointee.avail_in)
                produced += made
                guard produced <= limit else {
                    failure = InflateError(
                        reason: .outputLimitExceeded, offset: position, detail: "output would exceed \(limit) bytes")
                    return
                }
                output.append(contentsOf: buffer[0..<made])
                switch status {
                case Z_STREAM_END:
                    memberEnded = true
                    return
                case Z_OK, Z_BUF_ERROR:
                    // Z_BUF_ERROR only says no progress was possible: all input used and all output taken.
                    if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 { return }
                    if status == Z_BUF_ERROR { return }
                default:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    failure = InflateError(reason: .corrupt, offset: position, detail: message)
                    return
                }
            }
        }
        if let failure { throw failure }
        return available - Int(stream.pointee.avail_in)
    }
}
