package dev.sluice.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code sluice.registry.events.*}: the Kafka side of the registry.
 *
 * @param enabled false keeps events in the outbox table only, and the cache is invalidated by local writes only
 * @param bootstrapServers Kafka's bootstrap servers
 * @param changedTopic where every new version and status change is published
 * @param alertsTopic where BREAKING versions are announced with their diff (seed 004's alert)
 * @param relayInterval how often the outbox is swept for events not yet published
 */
@ConfigurationProperties("sluice.registry.events")
record EventsConfig(
        @Nullable Boolean enabled,
        @Nullable String bootstrapServers,
        @Nullable String changedTopic,
        @Nullable String alertsTopic,
        @Nullable Duration relayInterval) {

    EventsConfig {
        enabled = enabled == null || enabled;
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? "localhost:9092" : bootstrapServers;
        changedTopic = changedTopic == null || changedTopic.isBlank() ? "registry.schemas.changed" : changedTopic;
        alertsTopic = alertsTopic == null || alertsTopic.isBlank() ? "rules.alerts.triggered" : alertsTopic;
        relayInterval = relayInterval == null ? Duration.ofSeconds(5) : relayInterval;
    }
}
