package dev.sluice.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * {@code sluice.registry.auth.*}: API keys. Reads need a read or an admin key; writes need an admin key.
 *
 * @param enabled false turns authentication off (local development only)
 * @param readKeys keys that may read
 * @param adminKeys keys that may read and write
 */
@ConfigurationProperties("sluice.registry.auth")
record AuthConfig(@Nullable Boolean enabled, @Nullable List<String> readKeys, @Nullable List<String> adminKeys) {

    AuthConfig {
        enabled = enabled == null || enabled;
        readKeys = clean(readKeys);
        adminKeys = clean(adminKeys);
    }

    private static List<String> clean(List<String> keys) {
        return keys == null ? List.of() : keys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
    }
}
