package dev.sluice.domain.model.dedup;

import dev.sluice.domain.model.crypto.HmacSha256;
import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.Metadata;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Computes the {@link ContentFingerprint} of an envelope: a keyed hash (HMAC-SHA256, first 64
 * bits) of a canonical encoding of every envelope field except {@code ingest_timestamp}, with the
 * payload as received, before pseudonymisation.
 *
 * <p>The encoding is canonical, so re-serialising an event does not change its fingerprint:
 * object members are taken in name order, numbers by value ({@code 1}, {@code 1.0} and
 * {@code 1e0} are equal, so are {@code 0.10} and {@code 0.1}), timestamps as instants (ISO-8601 or
 * epoch milliseconds of the same instant are equal), and every string and container is length
 * prefixed so that no two different trees share an encoding. Array order counts.
 *
 * <p>Why keyed: the fingerprint is stored beside the pseudonymised event so that the seen-event
 * index can be rebuilt from the lake. A plain hash of content that includes a raw user id would
 * let anyone who reads the row enumerate candidate ids and undo the pseudonym.
 *
 * <p>Thread-safe.
 */
public final class ContentFingerprinter {

    private static final byte FORMAT_VERSION = 1;
    private static final byte OBJECT = 'O';
    private static final byte ARRAY = 'A';
    private static final byte STRING = 'S';
    private static final byte INTEGRAL = 'L';
    private static final byte DECIMAL = 'D';
    private static final byte TRUE = 'T';
    private static final byte FALSE = 'F';
    private static final byte NULL = 'N';

    private final HmacSha256 hmac;

    /** A fingerprinter keyed with {@code secret}, at least 16 bytes; the array is not kept. */
    public ContentFingerprinter(byte[] secret) {
        requireNonNull(secret, "secret is null");
        if (secret.length < 16) {
            throw new IllegalArgumentException("the fingerprint secret must have at least 16 bytes, got " + secret.length);
        }
        this.hmac = HmacSha256.withKey(secret);
    }

    /** The fingerprint of {@code envelope}, which must still carry the payload as received. */
    public ContentFingerprint fingerprint(EventEnvelope envelope) {
        requireNonNull(envelope, "envelope is null");
        HmacSha256.Session s = hmac.start();
        s.update(FORMAT_VERSION);
        s.updateString(envelope.source());
        s.updateString(envelope.eventId());
        s.updateString(envelope.eventType());
        s.updateLong(envelope.eventTimestamp().getEpochSecond());
        s.updateInt(envelope.eventTimestamp().getNano());
        optional(s, envelope.eventVersion());
        optional(s, envelope.correlationId());
        optional(s, envelope.orgId());
        // The keys and values of Metadata.asMap(), without building that map.
        Metadata metadata = envelope.metadata();
        Map<String, String> extra = metadata.extra();
        String[] keys = new String[3 + extra.size()];
        keys[0] = "host";
        keys[1] = "env";
        keys[2] = "service";
        int k = 3;
        for (String key : extra.keySet()) {
            keys[k++] = key;
        }
        Arrays.sort(keys);
        s.updateInt(keys.length);
        for (String key : keys) {
            s.updateString(key);
            s.updateString(switch (key) {
                case "host" -> metadata.host();
                case "env" -> metadata.env();
                case "service" -> metadata.service();
                default -> extra.get(key);
            });
        }
        encode(s, envelope.payload());
        byte[] mac = s.finish();
        return new ContentFingerprint(EventKey.readLong(mac, 0));
    }

    /** The fingerprint of a payload value alone, for tests of canonical equality. */
    public ContentFingerprint fingerprint(PayloadValue value) {
        HmacSha256.Session s = hmac.start();
        s.update(FORMAT_VERSION);
        encode(s, requireNonNull(value, "value is null"));
        return new ContentFingerprint(EventKey.readLong(s.finish(), 0));
    }

    private static void optional(HmacSha256.Session s, String value) {
        if (value == null) {
            s.update(NULL);
        } else {
            s.update(STRING);
            s.updateString(value);
        }
    }

    private static void encode(HmacSha256.Session s, PayloadValue value) {
        switch (value) {
            case ObjectValue o -> {
                s.update(OBJECT);
                String[] names = o.members().keySet().toArray(String[]::new);
                Arrays.sort(names);
                s.updateInt(names.length);
                for (String name : names) {
                    s.updateString(name);
                    encode(s, o.members().get(name));
                }
            }
            case ArrayValue a -> {
                s.update(ARRAY);
                s.updateInt(a.size());
                for (PayloadValue element : a.elements()) {
                    encode(s, element);
                }
            }
            case StringValue str -> {
                s.update(STRING);
                s.updateString(str.value());
            }
            case NumberValue n -> {
                if (n.fitsLong()) {
                    s.update(INTEGRAL);
                    s.updateLong(n.asLong());
                } else {
                    s.update(DECIMAL);
                    BigDecimal canonical = n.asBigDecimal().stripTrailingZeros();
                    s.updateString(canonical.toString());
                }
            }
            case BooleanValue b -> s.update(b.value() ? TRUE : FALSE);
            case NullValue ignored -> s.update(NULL);
        }
    }
}
