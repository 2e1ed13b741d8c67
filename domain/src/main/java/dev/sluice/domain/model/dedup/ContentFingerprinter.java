package dev.sluice.domain.model.dedup;

import dev.sluice.domain.model.crypto.HmacSha256;
import dev.sluice.domain.model.crypto.SipHash24;
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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Computes the {@link ContentFingerprint} of an envelope: a keyed 64-bit hash (SipHash-2-4) of a
 * canonical encoding of every envelope field except {@code ingest_timestamp}, with the payload as
 * received, before pseudonymisation. The encoding is streamed into the hash state (through its
 * 64-byte block) as the envelope is walked; the encoding as a whole is never built.
 *
 * <p>The encoding is canonical, so re-serialising an event does not change its fingerprint:
 * object members are taken in name order, numbers by value ({@code 1}, {@code 1.0} and
 * {@code 1e0} are equal, so are {@code 0.10} and {@code 0.1}), timestamps as instants (ISO-8601 or
 * epoch milliseconds of the same instant are equal), and every string and container is length
 * prefixed so that no two different trees share an encoding. Array order counts. A number is taken
 * by its decimal value (a Double by its shortest decimal form): integral values that fit 64 bits as
 * that long, any other as its sign, its decimal digits without leading or trailing zeros, and its
 * scale.
 *
 * <p>Why keyed: the fingerprint is stored beside the pseudonymised event so that the seen-event
 * index can be rebuilt from the lake. A plain hash of content that includes a raw user id would
 * let anyone who reads the row enumerate candidate ids and undo the pseudonym. The 128-bit SipHash
 * key is derived from the configured secret with HMAC-SHA256 (ADR "Content fingerprint with
 * SipHash-2-4").
 *
 * <p>Thread-safe.
 */
public final class ContentFingerprinter {

    /** Version 2: SipHash-2-4 (version 1 was HMAC-SHA256 over the same kind of encoding). */
    private static final byte FORMAT_VERSION = 2;
    private static final byte OBJECT = 'O';
    private static final byte ARRAY = 'A';
    private static final byte STRING = 'S';
    private static final byte INTEGRAL = 'L';
    private static final byte DECIMAL = 'D';
    private static final byte TRUE = 'T';
    private static final byte FALSE = 'F';
    private static final byte NULL = 'N';
    private static final byte[] KEY_LABEL = "sluice content fingerprint, SipHash-2-4 key, v2".getBytes(StandardCharsets.UTF_8);
    private static final String[] REQUIRED_METADATA_IN_ORDER = {"env", "host", "service"};

    private final SipHash24 siphash;
    /** Each thread's hash state, restarted per fingerprint (one per event on the pipeline's thread). */
    private final ThreadLocal<SipHash24.State> states;

    /** A fingerprinter keyed with {@code secret}, at least 16 bytes; the array is not kept. */
    public ContentFingerprinter(byte[] secret) {
        requireNonNull(secret, "secret is null");
        if (secret.length < 16) {
            throw new IllegalArgumentException("the fingerprint secret must have at least 16 bytes, got " + secret.length);
        }
        byte[] derived = HmacSha256.withKey(secret).mac(KEY_LABEL);
        this.siphash = SipHash24.withKey(Arrays.copyOf(derived, SipHash24.KEY_BYTES));
        this.states = ThreadLocal.withInitial(siphash::start);
        Arrays.fill(derived, (byte) 0);
    }

    /** The fingerprint of {@code envelope}, which must still carry the payload as received. */
    public ContentFingerprint fingerprint(EventEnvelope envelope) {
        requireNonNull(envelope, "envelope is null");
        SipHash24.State s = states.get().restart();
        s.update(FORMAT_VERSION);
        s.updateString(envelope.source());
        s.updateString(envelope.eventId());
        s.updateString(envelope.eventType());
        s.updateLong(envelope.eventTimestamp().getEpochSecond());
        s.updateInt(envelope.eventTimestamp().getNano());
        optional(s, envelope.eventVersion());
        optional(s, envelope.correlationId());
        optional(s, envelope.orgId());
        metadata(s, envelope.metadata());
        encode(s, envelope.payload());
        return new ContentFingerprint(s.finish());
    }

    /** The fingerprint of a payload value alone, for tests of canonical equality. */
    public ContentFingerprint fingerprint(PayloadValue value) {
        SipHash24.State s = siphash.start();
        s.update(FORMAT_VERSION);
        encode(s, requireNonNull(value, "value is null"));
        return new ContentFingerprint(s.finish());
    }

    /** The keys and values of {@link Metadata#asMap()} in key order, without building that map. */
    private static void metadata(SipHash24.State s, Metadata metadata) {
        Map<String, String> extra = metadata.extra();
        s.updateInt(3 + extra.size());
        if (extra.isEmpty()) {
            s.updateString("env").updateString(metadata.env());
            s.updateString("host").updateString(metadata.host());
            s.updateString("service").updateString(metadata.service());
            return;
        }
        String[] keys = new String[3 + extra.size()];
        System.arraycopy(REQUIRED_METADATA_IN_ORDER, 0, keys, 0, 3);
        int k = 3;
        for (String key : extra.keySet()) {
            keys[k++] = key;
        }
        Arrays.sort(keys);
        for (String key : keys) {
            s.updateString(key);
            s.updateString(switch (key) {
                case "host" -> metadata.host();
                case "env" -> metadata.env();
                case "service" -> metadata.service();
                default -> extra.get(key);
            });
        }
    }

    private static void optional(SipHash24.State s, String value) {
        if (value == null) {
            s.update(NULL);
        } else {
            s.update(STRING);
            s.updateString(value);
        }
    }

    // instanceof chains, most frequent first, rather than pattern switches: a type switch over a sealed
    // interface goes through an invokedynamic bootstrap that costs more per value than these tests.
    private static void encode(SipHash24.State s, PayloadValue value) {
        if (value instanceof StringValue str) {
            s.update(STRING);
            s.updateString(str.value());
        } else if (value instanceof NumberValue n) {
            number(s, n);
        } else if (value instanceof ObjectValue o) {
            s.update(OBJECT);
            int n = o.size();
            s.updateInt(n);
            byte[] received = o.receivedBytes();
            for (int k = 0; k < n; k++) {
                int i = o.nameOrderAt(k);
                byte[] name = o.nameUtf8(i);
                s.updateUtf8(name, 0, name.length);
                // A string received without escapes: its received bytes are its UTF-8, the same input.
                int utf8 = received == null ? -1 : o.receivedUtf8Start(i);
                if (utf8 >= 0) {
                    s.update(STRING);
                    s.updateUtf8(received, utf8, o.receivedEnd(i) - 1);
                } else {
                    encode(s, o.valueAt(i));
                }
            }
        } else if (value instanceof BooleanValue b) {
            s.update(b.value() ? TRUE : FALSE);
        } else if (value instanceof NullValue) {
            s.update(NULL);
        } else if (value instanceof ArrayValue a) {
            s.update(ARRAY);
            List<PayloadValue> elements = a.elements();
            int n = elements.size();
            s.updateInt(n);
            for (int i = 0; i < n; i++) {
                encode(s, elements.get(i));
            }
        } else {
            throw new IllegalStateException("unknown payload value " + value.getClass());
        }
    }

    /**
     * A number by its decimal value; a Double stands for its shortest decimal form
     * ({@link BigDecimal#valueOf(double)}), as {@link NumberValue#asBigDecimal()} says and as a parser
     * reading that text would hold it.
     */
    private static void number(SipHash24.State s, NumberValue n) {
        Number v = n.value();
        if (v instanceof Long l) {
            s.update(INTEGRAL).updateLong(l);
        } else if (v instanceof Double d) {
            double x = d;
            if (Math.abs(x) >= 0x1p53) {
                exact(s, BigDecimal.valueOf(x));
            } else if (x == Math.rint(x)) {
                // Below 2^53 an integral double is exactly its shortest decimal form.
                s.update(INTEGRAL).updateLong((long) x);
            } else {
                decimal(s, x);
            }
        } else if (v instanceof BigDecimal b) {
            exact(s, b);
        } else {
            exact(s, n.asBigDecimal());
        }
    }

    private static void exact(SipHash24.State s, BigDecimal value) {
        long integral;
        try {
            integral = value.longValueExact();
        } catch (ArithmeticException notALong) {
            BigDecimal canonical = value.stripTrailingZeros();
            s.update(DECIMAL);
            s.update((byte) (canonical.signum() < 0 ? '-' : '+'));
            s.updateString(canonical.unscaledValue().abs().toString());
            s.updateInt(canonical.scale());
            return;
        }
        s.update(INTEGRAL).updateLong(integral);
    }

    /**
     * A finite double that is not a long, as the digits and scale of its shortest decimal form
     * ({@link Double#toString(double)}, the value {@link BigDecimal#valueOf(double)} holds), the same
     * encoding a BigDecimal of that value gets, without building one.
     */
    private static void decimal(SipHash24.State s, double x) {
        String text = Double.toString(Math.abs(x));   // d.ddd, or d.dddE[-]n
        int e = text.indexOf('E');
        int end = e < 0 ? text.length() : e;
        int exponent = e < 0 ? 0 : Integer.parseInt(text, e + 1, text.length(), 10);
        int point = text.indexOf('.');
        int first = 0;
        while (first < end && (text.charAt(first) == '0' || text.charAt(first) == '.')) {
            first++;
        }
        int last = end - 1;
        while (last > first && (text.charAt(last) == '0' || text.charAt(last) == '.')) {
            last--;
        }
        // value = digits(first..last) * 10^(exponent - (fraction digits up to last))
        int digits = 0;
        for (int i = first; i <= last; i++) {
            if (text.charAt(i) != '.') {
                digits++;
            }
        }
        int fractionDigitsToLast = last > point ? last - point : -(point - 1 - last);
        int scale = fractionDigitsToLast - exponent;
        s.update(DECIMAL);
        s.update((byte) (x < 0 ? '-' : '+'));
        s.updateInt(digits);
        for (int i = first; i <= last; i++) {
            char c = text.charAt(i);
            if (c != '.') {
                s.update((byte) c);
            }
        }
        s.updateInt(scale);
    }
}
