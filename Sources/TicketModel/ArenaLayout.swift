/// The layout of a set of typed buffers in one allocation (an arena): each `add` places a buffer
/// of `count` values of a trivial type at the next aligned offset and records the value it is
/// initialised and reset to. `allocate` makes the one allocation, `view` gives a buffer's typed
/// pointer into it, `reset` refills every resettable buffer (O(total bytes)).
struct ArenaLayout {
    /// Where one buffer lies in the arena.
    struct Buffer<T: BitwiseCopyable> {
        let offset: Int
        let count: Int

        func view(_ base: UnsafeMutableRawPointer) -> UnsafeMutablePointer<T> {
            (base + offset).assumingMemoryBound(to: T.self)
        }
    }

    private(set) var byteCount = 0
    private(set) var alignment = MemoryLayout<Double>.alignment
    private var fills: [(resets: Bool, fill: (UnsafeMutableRawPointer) -> Void)] = []

    /// Places `count` values (at least one) of `T`, initialised to `value`; `resets: false` keeps
    /// the buffer's contents across `reset`.
    mutating func add<T: BitwiseCopyable>(_ type: T.Type, count: Int, fill value: T, resets: Bool = true) -> Buffer<T> {
        let n = max(count, 1)
        let a = MemoryLayout<T>.alignment
        let offset = (byteCount + a - 1) / a * a
        byteCount = offset + n * MemoryLayout<T>.stride
        alignment = max(alignment, a)
        fills.append((resets, { base in _ = (base + offset).initializeMemory(as: T.self, repeating: value, count: n) }))
        return Buffer(offset: offset, count: n)
    }

    /// The arena, every buffer initialised (free it with `deallocate()`).
    func allocate() -> UnsafeMutableRawPointer {
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: alignment)
        for f in fills { f.fill(base) }
        return base
    }

    /// Refills every resettable buffer with its initial value.
    func reset(_ base: UnsafeMutableRawPointer) {
        for f in fills where f.resets { f.fill(base) }
    }
}
