package dev.sluice.domain.model.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * The bytes of an item exactly as received. Immutable: the array is copied in (or, with
 * {@link #adopt(byte[])}, handed over) and never handed out; adapters read it through
 * {@link #asReadOnlyBuffer()} without a copy.
 */
public final class RawBytes {

    public static final RawBytes EMPTY = new RawBytes(new byte[0]);

    private final byte[] bytes;

    private RawBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static RawBytes copyOf(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        return bytes.length == 0 ? EMPTY : new RawBytes(bytes.clone());
    }

    /**
     * Takes {@code bytes} over without a copy. The caller gives the array up: neither it nor anyone
     * else may write it again. For an adapter that holds the only reference to a fresh array (a Kafka
     * record's value, say), so that each event's bytes are not copied once more.
     */
    public static RawBytes adopt(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        return bytes.length == 0 ? EMPTY : new RawBytes(bytes);
    }

    /** The UTF-8 encoding of {@code text}, for tests and for producers that hand over text. */
    public static RawBytes utf8(String text) {
        requireNonNull(text, "text is null");
        return new RawBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return bytes.length;
    }

    /** A read-only view of the bytes, without a copy. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes decoded as UTF-8, malformed sequences replaced; for details and logs. */
    public String toUtf8Lossy() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        int shown = Math.min(bytes.length, 16);
        return "RawBytes[" + bytes.length + " bytes: " + HexFormat.of().formatHex(bytes, 0, shown)
                + (shown < bytes.length ? "..." : "") + "]";
    }
}
