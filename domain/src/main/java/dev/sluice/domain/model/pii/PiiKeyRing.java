package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.crypto.HmacSha256;
import dev.sluice.domain.model.error.ConfigurationException;
import dev.sluice.domain.model.error.DomainErrorCode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The secrets PII is pseudonymised with: every key still needed, by key id, and the id of the
 * active one. New events use the active key; each stored event records the key id it was
 * pseudonymised with, so that keys can rotate: add a new key, make it active, and keep the old one
 * as long as data pseudonymised with it must stay searchable (for example for an erasure request,
 * which looks a subject up under every key). The secrets live outside the lake and never appear in
 * {@link #toString()}.
 */
public final class PiiKeyRing {

    /** HMAC-SHA256 keys shorter than the hash give away strength; require the full 32 bytes. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");

    private final String activeKeyId;
    private final Map<String, HmacSha256> keys;

    private PiiKeyRing(String activeKeyId, Map<String, HmacSha256> keys) {
        this.activeKeyId = activeKeyId;
        this.keys = keys;
    }

    /**
     * A key ring of {@code secrets} by key id, whose active key is {@code activeKeyId}.
     *
     * @throws ConfigurationException when a key id is malformed, a secret is shorter than
     *     {@value #MIN_SECRET_BYTES} bytes, or the active key id has no secret
     */
    public static PiiKeyRing of(String activeKeyId, Map<String, byte[]> secrets) {
        requireNonNull(activeKeyId, "activeKeyId is null");
        requireNonNull(secrets, "secrets is null");
        Map<String, HmacSha256> keys = new LinkedHashMap<>();
        secrets.forEach((id, secret) -> {
            requireNonNull(id, "key id is null");
            if (!KEY_ID.matcher(id).matches()) {
                throw new ConfigurationException("PII key id '" + id
                        + "' is invalid: use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
            }
            requireNonNull(secret, () -> "secret of PII key '" + id + "' is null");
            if (secret.length < MIN_SECRET_BYTES) {
                throw new ConfigurationException("secret of PII key '" + id + "' has " + secret.length
                        + " bytes; at least " + MIN_SECRET_BYTES + " are required");
            }
            keys.put(id, HmacSha256.withKey(secret));
        });
        if (!keys.containsKey(activeKeyId)) {
            throw new ConfigurationException("active PII key '" + activeKeyId + "' is not among the keys " + keys.keySet());
        }
        return new PiiKeyRing(activeKeyId, Map.copyOf(keys));
    }

    /** A ring with a single key, active. */
    public static PiiKeyRing single(String keyId, byte[] secret) {
        return of(keyId, Map.of(keyId, secret));
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The pseudonym of {@code value} under the active key: 64 lowercase hex digits. */
    public String pseudonym(String value) {
        return pseudonym(activeKeyId, value);
    }

    /**
     * The pseudonym of {@code value} under key {@code keyId}: HMAC-SHA256 of its UTF-8 bytes, as 64
     * lowercase hex digits.
     *
     * @throws ConfigurationException with {@link DomainErrorCode#UNKNOWN_PII_KEY} when the ring has no such key
     */
    public String pseudonym(String keyId, String value) {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(value, "value is null");
        HmacSha256 key = keys.get(keyId);
        if (key == null) {
            throw new ConfigurationException(DomainErrorCode.UNKNOWN_PII_KEY,
                    "PII key '" + keyId + "' is not in the key ring " + keys.keySet());
        }
        return key.macHex(value);
    }

    @Override
    public String toString() {
        return "PiiKeyRing[active=" + activeKeyId + ", keys=" + keys.keySet() + "]";
    }
}
