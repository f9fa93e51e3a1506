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

    private let limit: TimeAmount
    private var pending: Scheduled<Void>?

    init(limit: TimeAmount) { self.limit = limit }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            pending = context.eventLoop.scheduleTask(in: limit) {
                bound.value.fireErrorCaught(Timeout())
                bound.value.close(promise: nil)
            }
        }
        context.write(data, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { disarm() }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    private func disarm() {
        pending?.cancel()
        pending = nil
    }
}
