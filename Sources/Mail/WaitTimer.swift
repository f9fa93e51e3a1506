import NIOCore

/// The timer both protocol timeouts share (SMTP's `ReplyTimeout`, HTTP's `ResponseTimeout`): armed only while the
/// client waits for the server, so time the client spends on its own side is never counted. On expiry it raises the
/// handler's error in the pipeline and closes the connection. Used on the channel's event loop only.
struct WaitTimer {
    private let limit: TimeAmount
    private var pending: Scheduled<Void>?

    init(limit: TimeAmount) { self.limit = limit }

    /// (Re)starts the wait: a running one is cancelled first.
    mutating func arm(_ context: ChannelHandlerContext, expiry: some Error & Sendable) {
        pending?.cancel()
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        pending = context.eventLoop.scheduleTask(in: limit) {
            bound.value.fireErrorCaught(expiry)
            bound.value.close(promise: nil)
        }
    }

    mutating func disarm() {
        pending?.cancel()
        pending = nil
    }
}
