package dev.sluice.ingestion.kafka;

import dev.sluice.domain.model.crypto.HmacSha256;
import dev.sluice.domain.model.ingest.ReplayOverride;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * An operator's signed permission to store a replayed dead letter that the lateness policy would
 * refuse (TOO_LATE or FUTURE). Any producer may write to the pipeline's topics, so a bare header
 * must not bypass the policy: the replay tool ({@code DeadLetterReplay}) signs each record it
 * republishes with the replay secret, and the pipeline applies the overrides only when the
 * signature matches.
 *
 * <p>Two headers: {@value #OVERRIDES_HEADER}, the override names in the enum's order, comma-separated
 * ({@code ACCEPT_TOO_LATE,ACCEPT_FUTURE}); {@value #SIGNATURE_HEADER}, 64 lowercase hex digits of
 * HMAC-SHA256 over a version label, that header's text, the target topic and the record's value.
 * A signature therefore holds only for those bytes on that topic with those overrides. Thread-safe.
 */
public final class ReplaySignature {

    public static final String OVERRIDES_HEADER = "sluice.replay.overrides";
    public static final String SIGNATURE_HEADER = "sluice.replay.signature";
    private static final byte[] LABEL = "sluice replay override v1\n".getBytes(StandardCharsets.UTF_8);
    private static final int MIN_SECRET_BYTES = 16;

    private final HmacSha256 hmac;

    private ReplaySignature(byte[] secret) {
        this.hmac = HmacSha256.withKey(secret);
    }

    /** A signer and verifier keyed with {@code secret} (UTF-8, at least 16 bytes). */
    public static ReplaySignature withSecret(String secret) {
        byte[] key = requireNonNull(secret, "secret is null").getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the replay secret must have at least " + MIN_SECRET_BYTES
                    + " bytes, got " + key.length);
        }
        return new ReplaySignature(key);
    }

    /** The {@value #OVERRIDES_HEADER} text of {@code overrides}: names in enum order, comma-separated. */
    public static String format(Set<ReplayOverride> overrides) {
        if (requireNonNull(overrides, "overrides is null").isEmpty()) {
            throw new IllegalArgumentException("a replay override header needs at least one override");
        }
        return EnumSet.copyOf(overrides).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code value} republished to {@code topic} with {@code overrides}. */
    public String sign(String topic, Set<ReplayOverride> overrides, byte[] value) {
        return HexFormat.of().formatHex(mac(topic, format(overrides), value));
    }

    /**
     * The overrides of a record, when its headers carry them with a valid signature; empty when the
     * text is not a well-formed override list or the signature does not match.
     */
    public Optional<Set<ReplayOverride>> verify(String topic, String overridesHeader, String signatureHeader, byte[] value) {
        if (overridesHeader == null || signatureHeader == null) {
            return Optional.empty();
        }
        Set<ReplayOverride> overrides = EnumSet.noneOf(ReplayOverride.class);
        for (String name : overridesHeader.split(",", -1)) {
            try {
                overrides.add(ReplayOverride.valueOf(name));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (!format(overrides).equals(overridesHeader)) {
            return Optional.empty(); // not canonical (order, repeats): it is not what the tool signs
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(signatureHeader);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = mac(topic, overridesHeader, value);
        return MessageDigest.isEqual(expected, claimed) ? Optional.of(Set.copyOf(overrides)) : Optional.empty();
    }

    private byte[] mac(String topic, String overridesText, byte[] value) {
        HmacSha256.Session s = hmac.start();
        s.update(LABEL);
        s.updateString(overridesText);
        s.updateString(requireNonNull(topic, "topic is null"));
        s.updateInt(value == null ? 0 : value.length);
        if (value != null) {
            s.update(value);
        }
        return s.finish();
    }
}
