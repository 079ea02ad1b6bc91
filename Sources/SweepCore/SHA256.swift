import Crypto

/// SHA-256 (FIPS 180-4) digests for manifest and partial-file checksums, computed by
/// swift-crypto's `Crypto.SHA256` (BoringSSL on Linux). The only file that imports Crypto.
///
/// Checksums, not secrets. Each call hashes its whole input once, O(n); only the returned
/// value is allocated.
public enum SHA256 {
    /// The digest size in bytes.
    public static let digestByteCount = 32

    /// The 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: bytes))
    }

    /// The SHA-256 digest of `bytes` (the message, not a digest) as 64 lowercase hex characters.
    public static func hex(_ bytes: [UInt8]) -> String {
        hexString(Crypto.SHA256.hash(data: bytes))
    }

    /// The SHA-256 digest of the UTF-8 bytes of `string`, as 64 lowercase hex characters.
    public static func hexDigest(of string: String) -> String {
        hexString(Crypto.SHA256.hash(data: Array(string.utf8)))
    }

    private static func hexString(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(2 * digestByteCount)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
