/// Keys derived from a post that every store computes the same way.
public enum QueueKeys {
    /// SHA-256 (hex) of `source`, `postID` and `normalizedText`, separated by U+001F so that no
    /// two different triples give the same input.
    public static func fingerprint(source: String, postID: String, normalizedText: String) -> String {
        var bytes = Array(source.utf8)
        bytes.append(0x1F)
        bytes.append(contentsOf: postID.utf8)
        bytes.append(0x1F)
        bytes.append(contentsOf: normalizedText.utf8)
        return SHA256.hexDigest(bytes)
    }
}
