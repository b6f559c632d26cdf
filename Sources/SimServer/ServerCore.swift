import NIOCore

/// The server's shared state as a connection on any loop sees it: the state is confined to the
/// engine's loop, so work on it runs there and its answer comes back to the connection's loop
/// (per request or connection, never per token event). With one loop both are the same and
/// everything runs inline.
struct ServerCore: Sendable {
    let state: NIOLoopBound<SimServerState>
    let clock: EngineClock
    let options: ServerOptions

    /// Runs `work` on the engine's loop, then `then` with its result on `context`'s loop.
    func run<T: Sendable>(
        from context: ChannelHandlerContext, _ work: @escaping @Sendable (SimServerState) -> T, then: @escaping (T) -> Void
    ) {
        if state.eventLoop.inEventLoop { return then(work(state.value)) }
        let back = NIOLoopBound(then, eventLoop: context.eventLoop)
        state.eventLoop.execute {
            let result = work(state.value)
            back.eventLoop.execute { back.value(result) }
        }
    }

    /// Runs `work` on the engine's loop, with no answer.
    func run(_ work: @escaping @Sendable (SimServerState) -> Void) {
        if state.eventLoop.inEventLoop { return work(state.value) }
        state.eventLoop.execute { work(state.value) }
    }
}
