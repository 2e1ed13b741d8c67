package dev.sluice.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The local platform's API keys, generated on the first {@code ./sluice up} and kept in
 * {@code DIR/keys.json} (mode 600) so that a restart reuses them.
 *
 * @param producer the collector key, {@code <key-id>.<secret>}; the collector is given only its SHA-256
 * @param registryRead a registry key that may read
 * @param registryAdmin a registry key that may read and write
 * @param piiSecret the pipeline's HMAC key for PII pseudonymisation (key id {@value #PII_KEY_ID}); never leaves the data directory
 * @param fingerprintSecret the pipeline's key for content fingerprints (dedup conflicts)
 * @param replaySecret the key that signs lateness overrides of replayed dead letters ({@code ./sluice replay})
 */
record Keys(String producer, String registryRead, String registryAdmin, String piiSecret, String fingerprintSecret,
            String replaySecret) {
    static final String PRODUCER_KEY_ID = "local";
    static final String PII_KEY_ID = "local-k1";
    private static final SecureRandom RANDOM = new SecureRandom();

    Keys {
        requireNonNull(producer, "producer is null");
        requireNonNull(registryRead, "registryRead is null");
        requireNonNull(registryAdmin, "registryAdmin is null");
        requireNonNull(piiSecret, "piiSecret is null");
        requireNonNull(fingerprintSecret, "fingerprintSecret is null");
        requireNonNull(replaySecret, "replaySecret is null");
    }

    static Keys loadOrCreate(Path file) {
        Keys keys;
        if (Files.exists(file)) {
            JsonNode node = Json.read(file);
            keys = new Keys(text(node, "producer", file), text(node, "registry_read", file), text(node, "registry_admin", file),
                    // Added after the first releases: generated once when missing, then kept.
                    node.path("pii_secret").asText(secret() + secret()), node.path("fingerprint_secret").asText(secret()),
                    node.path("replay_secret").asText(secret()));
            if (node.has("pii_secret") && node.has("fingerprint_secret") && node.has("replay_secret")) {
                return keys;
            }
        } else {
            keys = new Keys(PRODUCER_KEY_ID + "." + secret(), "read-" + secret(), "admin-" + secret(), secret() + secret(), secret(),
                    secret());
        }
        Json.writeAtomically(file, Json.write(keys.secretsMap()));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: the keys only guard a loopback-only platform.
        }
        return keys;
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new LauncherException(file + " has no '" + field + "'. Stop Sluice (./sluice down) and delete "
                    + file + " to generate new keys");
        }
        return value.asText();
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The secret part of the producer key, hashed as the collector's configuration expects. */
    String producerSha256() {
        String secret = producer.substring(producer.indexOf('.') + 1);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Everything, for keys.json only. */
    Map<String, String> secretsMap() {
        Map<String, String> map = asMap();
        map.put("pii_secret", piiSecret);
        map.put("fingerprint_secret", fingerprintSecret);
        map.put("replay_secret", replaySecret);
        return map;
    }

    /** The API keys, for endpoints.json and the ready block; the pipeline's secrets stay in keys.json. */
    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("producer", producer);
        map.put("registry_read", registryRead);
        map.put("registry_admin", registryAdmin);
        return map;
    }
}
