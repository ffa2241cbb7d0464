import Crypto

/// SHA-256 (FIPS 180-4) for the text hashes of case files, fingerprints and input files, as
/// lowercase hex or raw bytes.
///
/// A thin face over swift-crypto's `SHA256` (BoringSSL's implementation, with the CPU's SHA
/// instructions where it has them): a nightly batch hashes every input file before it scans it
/// and three texts of every queued post.
public enum SHA256 {
    /// The lowercase hex digest of `bytes`.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        var hasher = Hasher()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// The raw 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Incremental SHA-256: feed the input in pieces (a file in chunks), then finalize once.
    public struct Hasher: Sendable {
        private var state = Crypto.SHA256()

        public init() {}

        public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            if let done = bytes.withContiguousStorageIfAvailable({ state.update(bufferPointer: UnsafeRawBufferPointer($0)) }) {
                return done
            }
            let copy = Array(bytes)
            copy.withUnsafeBytes { state.update(bufferPointer: $0) }
        }

        public mutating func finalize() -> [UInt8] {
            Array(state.finalize())
        }

        public mutating func finalizeHex() -> String {
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            var hex: [UInt8] = []
            hex.reserveCapacity(64)
            for byte in state.finalize() {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0F)])
            }
            return String(decoding: hex, as: UTF8.self)
        }
    }
}
