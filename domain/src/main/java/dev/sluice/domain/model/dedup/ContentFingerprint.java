package dev.sluice.domain.model.dedup;

import java.util.HexFormat;

/**
 * 64 bits that identify an event's content: equal for two copies of one event, whatever their
 * ingest time or serialisation. Computed by {@link ContentFingerprinter}.
 *
 * @param value the fingerprint
 */
public record ContentFingerprint(long value) {

    public String toHex() {
        return HexFormat.of().toHexDigits(value);
    }

    public static ContentFingerprint fromHex(String hex) {
        if (hex == null || hex.length() != 16) {
            throw new IllegalArgumentException("a content fingerprint has 16 hex digits, got '" + hex + "'");
        }
        return new ContentFingerprint(HexFormat.fromHexDigitsToLong(hex));
    }

    @Override
    public String toString() {
        return toHex();
    }
}
