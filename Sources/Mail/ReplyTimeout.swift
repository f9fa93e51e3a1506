import NIOCore

/// The SMTP reply timeout: armed while the client waits for the server — for the greeting once connected, and
/// after every command it writes — and disarmed by the last line of a reply (`250 ok`, not `250-more`). Time the
/// client spends on its own side between replies is not counted, so a busy client (a long test run, a loaded
/// worker) cannot find its connection closed under it, as an idle-read timer would do. On expiry the inbound stream
/// ends with `Timeout` and the connection is closed.
final class ReplyTimeout: ChannelDuplexHandler {
    typealias InboundIn = String
    typealias InboundOut = String
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Timeout: Error {}

    private var timer: WaitTimer

    init(limit: TimeAmount) { timer = WaitTimer(limit: limit) }

    func channelActive(context: ChannelHandlerContext) {
        timer.arm(context, expiry: Timeout())
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        // "250-…" continues the reply: keep waiting; "250 …" (or a bare code) ends it.
        if line.utf8.count > 3, line.utf8.dropFirst(3).first == UInt8(ascii: "-") {
            timer.arm(context, expiry: Timeout())
        } else {
            timer.disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        timer.arm(context, expiry: Timeout())
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer.disarm()
        context.fireChannelInactive()
    }
}
