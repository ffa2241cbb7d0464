import PatroliQueue
import Testing

@Suite struct SHA256Tests {
    @Test func matchesTheFIPSTestVectors() {
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func streamingInPiecesEqualsOneShot() {
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256.Hasher()
        var offset = 0
        for size in [1, 63, 64, 65, 7, 200, 600] where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            hasher.update(bytes[offset..<end])
            offset = end
        }
        hasher.update(bytes[offset...])
        #expect(hasher.finalizeHex() == SHA256.hexDigest(bytes))
    }

    @Test func millionAsMatchesTheLongVector() {
        #expect(SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func utf8TextHashesItsBytes() {
        // "Kamboja 🇰🇭" as UTF-8; the hash a case file records for the original text.
        #expect(SHA256.hexDigest(Array("Kamboja 🇰🇭".utf8)).count == 64)
        #expect(SHA256.hexDigest(Array("Kamboja 🇰🇭".utf8)) != SHA256.hexDigest(Array("kamboja 🇰🇭".utf8)))
    }
}
