import Dispatch
import Synchronization

/// `body(i, &state)` for every `i` in `0 ..< count` on up to `threads` threads, each thread
/// taking the next index from a shared counter and keeping its own `state` (made by
/// `makeState`, once a thread); the results in index order, whatever thread made each. The
/// plan's point decoding and the reducer's point rounds use it.
public func orderedParallelMap<State, Result: Sendable>(
    count: Int, threads: Int, makeState: @Sendable () -> State, _ body: @Sendable (Int, inout State) -> Result
) -> [Result] {
    guard count > 0 else { return [] }
    let next = Mutex(0)
    let results = Mutex([Result?](repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
        var state = makeState()
        while true {
            let i = next.withLock { n -> Int in
                defer { n += 1 }
                return n
            }
            guard i < count else { return }
            let result = body(i, &state)
            results.withLock { $0[i] = result }
        }
    }
    return results.withLock { $0.map { $0! } }
}
