import PatroliQueue

/// Random tokens for sessions and forms, and the hash under which a session is stored.
enum SessionTokens {
    /// 32 bytes from the system's cryptographic generator, as 64 hex digits (cookie-safe).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            let word = generator.next() as UInt64
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// `token` when it looks like one of `random()`'s (64 lowercase hex digits), else nil.
    static func wellFormed(_ token: String) -> String? {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) } ? token : nil
    }

    /// What the store keeps for a session token: its SHA-256, never the token itself.
    static func hash(_ token: String) -> String {
        SHA256.hexDigest(Array(token.utf8))
    }

    /// Compares two tokens in time independent of where they first differ.
    static func equal(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
