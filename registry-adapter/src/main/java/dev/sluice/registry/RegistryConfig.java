package dev.sluice.registry;

import dev.sluice.domain.model.schema.CompatibilityMode;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code sluice.registry.*}.
 *
 * @param defaultCompatibility the global compatibility level until {@code PUT /config} sets one (BACKWARD, seed 003)
 * @param builtins whether the built-in schemas (seeds 000-003) are registered as version 1 at startup
 */
@ConfigurationProperties("sluice.registry")
record RegistryConfig(@Nullable CompatibilityMode defaultCompatibility, @Nullable Boolean builtins) {

    RegistryConfig {
        defaultCompatibility = defaultCompatibility == null ? CompatibilityMode.BACKWARD : defaultCompatibility;
        builtins = builtins == null || builtins;
    }
}
