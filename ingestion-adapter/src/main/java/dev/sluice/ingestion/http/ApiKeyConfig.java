package dev.sluice.ingestion.http;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One producer API key ({@code sluice.collector.api-keys.<key-id>.*}). The producer presents
 * {@code <key-id>.<secret>}; only the secret's SHA-256 is configured, never the secret.
 *
 * @param id the key id (the map key): lowercase letters, digits and '-'
 * @param sha256 lowercase hex SHA-256 of the secret's UTF-8 bytes
 * @param sources the sources this key may send; {@code *} allows every source
 * @param requestsPerSecond this key's rate, or null for the default
 * @param burst this key's burst, or null for the default
 */
@EachProperty("sluice.collector.api-keys")
record ApiKeyConfig(
        @Parameter String id,
        String sha256,
        List<String> sources,
        @Nullable Double requestsPerSecond,
        @Nullable Integer burst) {
}
