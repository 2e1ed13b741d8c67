package dev.sluice.ingestion.config;

import dev.sluice.ingestion.parse.ParseLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Per-item parse limits ({@code sluice.ingestion.parser.*}), shared by the HTTP collector and the
 * Kafka pipeline.
 *
 * @param maxEventBytes the largest event, in bytes (1 MiB)
 * @param maxNestingDepth the deepest nesting of objects and arrays (64)
 */
@ConfigurationProperties("sluice.ingestion.parser")
record ParserConfig(
        @Bindable(defaultValue = "1048576") int maxEventBytes,
        @Bindable(defaultValue = "64") int maxNestingDepth) {

    ParseLimits toLimits() {
        return new ParseLimits(maxEventBytes, maxNestingDepth);
    }
}
