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
        MessageDigest sha = Sha256.newDigest();
        byte[] s = source.getBytes(StandardCharsets.UTF_8);
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        sha.update(intBytes(s.length));
        sha.update(s);
        sha.update(intBytes(id.length));
        sha.update(id);
        byte[] d = sha.digest();
        return new EventKey(readLong(d, 0), readLong(d, 8));
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

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
