import NIOCore
import NIOHTTP1

/// The HTTP response timeout: armed once the whole request is written and disarmed by the end of the response.
/// Time the client spends before writing (a busy worker, a long test run) is not counted, so its connection cannot
/// be closed under it, as an idle-read timer would do (the same reasoning as the SMTP `ReplyTimeout`). On expiry
/// the inbound stream ends with `Timeout` and the connection is closed.
final class ResponseTimeout: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias InboundOut = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    struct Timeout: Error {}

    private var timer: WaitTimer

    init(limit: TimeAmount) { timer = WaitTimer(limit: limit) }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { timer.arm(context, expiry: Timeout()) }
        context.write(data, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { timer.disarm() }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer.disarm()
        context.fireChannelInactive()
    }
}
