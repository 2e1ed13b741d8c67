package dev.sluice.ingestion.http;

import dev.sluice.ingestion.IngestionErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Producer API keys and the sources each may send. A key is presented as {@code <key-id>.<secret>}
 * in {@code Authorization: Bearer ...} or {@code X-Api-Key}; the secret is checked against the
 * configured SHA-256 in constant time.
 */
final class ApiKeys {

    static final String ANY_SOURCE = "*";
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_\\-]{16,256}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** An authenticated key. */
    record Key(String id, byte[] secretSha256, Set<String> sources, Double requestsPerSecond, Integer burst) {

        boolean mayWrite(String source) {
            return sources.contains(ANY_SOURCE) || sources.contains(source);
        }
    }

    private final Map<String, Key> keys;

    ApiKeys(List<ApiKeyConfig> configs) {
        Map<String, Key> byId = new HashMap<>();
        for (ApiKeyConfig c : requireNonNull(configs, "configs is null")) {
            if (!KEY_ID.matcher(c.id()).matches()) {
                throw new IllegalArgumentException("API key id '" + c.id()
                        + "' must be 1 to 64 lowercase letters, digits or '-'");
            }
            if (c.sha256() == null || !SHA256_HEX.matcher(c.sha256()).matches()) {
                throw new IllegalArgumentException("sluice.collector.api-keys." + c.id()
                        + ".sha256 must be 64 lowercase hex digits");
            }
            if (c.sources() == null || c.sources().isEmpty()) {
                throw new IllegalArgumentException("sluice.collector.api-keys." + c.id()
                        + ".sources is empty; list the sources the key may send, or '*'");
            }
            byId.put(c.id(), new Key(c.id(), HexFormat.of().parseHex(c.sha256()), Set.copyOf(c.sources()),
                    c.requestsPerSecond(), c.burst()));
        }
        this.keys = Map.copyOf(byId);
    }

    /** The key presented in these header values, or a 401 {@link CollectorException}. */
    Key authenticate(String authorization, String apiKeyHeader) {
        String presented = presented(authorization, apiKeyHeader);
        int dot = presented.indexOf('.');
        if (dot < 0) {
            throw new CollectorException(IngestionErrorCode.MALFORMED_API_KEY,
                    "An API key has the form <key-id>.<secret>; the key sent has no '.'");
        }
        String id = presented.substring(0, dot);
        String secret = presented.substring(dot + 1);
        if (!KEY_ID.matcher(id).matches() || !SECRET.matcher(secret).matches()) {
            throw new CollectorException(IngestionErrorCode.MALFORMED_API_KEY,
                    "An API key has the form <key-id>.<secret>: the id is 1 to 64 of [a-z0-9-], "
                            + "the secret 16 to 256 of [A-Za-z0-9_-]");
        }
        Key key = keys.get(id);
        byte[] hash = sha256(secret);
        if (key == null || !MessageDigest.isEqual(hash, key.secretSha256())) {
            throw new CollectorException(IngestionErrorCode.UNKNOWN_API_KEY, "Unknown API key or wrong secret");
        }
        return key;
    }

    private static String presented(String authorization, String apiKeyHeader) {
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return value.substring(7).strip();
            }
            throw new CollectorException(IngestionErrorCode.MALFORMED_API_KEY,
                    "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <key-id>.<secret>'");
        }
        if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            return apiKeyHeader.strip();
        }
        throw new CollectorException(IngestionErrorCode.MISSING_API_KEY,
                "Send an API key in 'Authorization: Bearer <key-id>.<secret>' or 'X-Api-Key'");
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
