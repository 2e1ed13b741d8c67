package dev.sluice.domain.model.dedup;

import dev.sluice.domain.model.crypto.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * The dedup key of an event: the first 128 bits of SHA-256 over its source and event_id. Scoping
 * by source means two producers that reuse an id never collide; a true duplicate always has the
 * same source. 128 bits make an accidental collision negligible (about 1.5e-18 for 10^10 keys),
 * and a collision could still never drop an event silently: unless the 64-bit content fingerprints
 * also match, it becomes a conflicting-duplicate dead letter.
 *
 * @param high the first 64 bits
 * @param low the next 64 bits
 */
public record EventKey(long high, long low) {

    /** The key of the event {@code eventId} of {@code source}. */
    public static EventKey of(String source, String eventId) {
        requireNonNull(source, "source is null");
        requireNonNull(eventId, "eventId is null");
        return HASHERS.get().key(source, eventId);
    }

    /**
     * Each thread's digest and buffer, reused key after key: the pipeline computes a key per event,
     * and a fresh digest, two encoded arrays and their length prefixes were ~400 bytes of garbage
     * each time. The bytes hashed are unchanged: the UTF-8 length and bytes of the source, then of
     * the id.
     */
    private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(Hasher::new);

    private static final class Hasher {
        private final MessageDigest sha = Sha256.newDigest();
        private final byte[] digest = new byte[32];
        private byte[] buffer = new byte[128];

        EventKey key(String source, String eventId) {
            int at = put(source, 0);
            at = put(eventId, at);
            sha.update(buffer, 0, at);
            try {
                sha.digest(digest, 0, digest.length); // resets the digest
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("SHA-256 refused to write its 32 bytes", e);
            }
            return new EventKey(readLong(digest, 0), readLong(digest, 8));
        }

        /** Appends the UTF-8 length (4 bytes, big-endian) and bytes of {@code text} at {@code at}. */
        private int put(String text, int at) {
            int n = text.length();
            ensure(at + 4 + n);
            byte[] b = buffer;
            int seen = 0;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                seen |= c;
                b[at + 4 + i] = (byte) c;
            }
            int length = n;
            if (seen >= 0x80) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                length = utf8.length;
                ensure(at + 4 + length);
                b = buffer;
                System.arraycopy(utf8, 0, b, at + 4, length);
            }
            b[at] = (byte) (length >>> 24);
            b[at + 1] = (byte) (length >>> 16);
            b[at + 2] = (byte) (length >>> 8);
            b[at + 3] = (byte) length;
            return at + 4 + length;
        }

        private void ensure(int size) {
            if (size > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(size, 2 * buffer.length));
            }
        }
    }

    /** 32 hex digits. */
    public String toHex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    /** Parses {@link #toHex()}. */
    public static EventKey fromHex(String hex) {
        requireNonNull(hex, "hex is null");
        if (hex.length() != 32) {
            throw new IllegalArgumentException("an event key has 32 hex digits, got '" + hex + "'");
        }
        return new EventKey(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
    }

    @Override
    public String toString() {
        return toHex();
    }

    static long readLong(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xFFL);
        }
        return v;
    }

}
