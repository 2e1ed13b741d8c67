package dev.sluice.domain.model.crypto;

import java.security.MessageDigest;

/** Plain SHA-256, for hashes that need no secret (dedup keys). Thread-safe. */
public final class Sha256 {

    private static final MessageDigest PROTOTYPE = HmacSha256.newSha256();

    private Sha256() {
    }

    /** A fresh digest, cheaper than a provider look-up. */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return HmacSha256.newSha256();
        }
    }
}
