package dev.sluice.registry;

import dev.sluice.domain.model.schema.CompatibilityMode;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each configuration record, for its defaults and for an explicit mapping of every property. */
class ConfigRecordsTest {

    private static ApplicationContext context(Map<String, Object> properties) {
        Map<String, Object> p = new HashMap<>(properties);
        p.putIfAbsent("sluice.registry.events.enabled", false);
        p.putIfAbsent("sluice.registry.builtins", false);
        // No database here: the pool must not connect at startup, and Flyway must not migrate.
        p.put("datasources.default.initialization-fail-timeout", -1);
        p.put("flyway.datasources.default.enabled", false);
        return ApplicationContext.builder().properties(p).environments("config-test").start();
    }

    @Test
    void registryConfigDefaults() {
        assertThat(new RegistryConfig(null, null)).isEqualTo(new RegistryConfig(CompatibilityMode.BACKWARD, true));
    }

    @Test
    void registryConfigExplicitMapping() {
        try (ApplicationContext ctx = context(Map.of("sluice.registry.default-compatibility", "FULL_TRANSITIVE",
                "sluice.registry.builtins", false))) {
            assertThat(ctx.getBean(RegistryConfig.class)).isEqualTo(new RegistryConfig(CompatibilityMode.FULL_TRANSITIVE, false));
        }
    }

    @Test
    void authConfigDefaults() {
        assertThat(new AuthConfig(null, null, null)).isEqualTo(new AuthConfig(true, List.of(), List.of()));
    }

    @Test
    void authConfigExplicitMapping() {
        try (ApplicationContext ctx = context(Map.of("sluice.registry.auth.enabled", false,
                "sluice.registry.auth.read-keys", "reader-key-1, reader-key-2",
                "sluice.registry.auth.admin-keys", List.of("admin-key-1")))) {
            assertThat(ctx.getBean(AuthConfig.class)).isEqualTo(new AuthConfig(false, List.of("reader-key-1", "reader-key-2"),
                    List.of("admin-key-1")));
        }
    }

    @Test
    void eventsConfigDefaults() {
        assertThat(new EventsConfig(null, null, null, null, null)).isEqualTo(new EventsConfig(true, "localhost:9092",
                "registry.schemas.changed", "rules.alerts.triggered", Duration.ofSeconds(5)));
    }

    @Test
    void eventsConfigExplicitMapping() {
        try (ApplicationContext ctx = context(Map.of("sluice.registry.events.enabled", false,
                "sluice.registry.events.bootstrap-servers", "k1:9092,k2:9092",
                "sluice.registry.events.changed-topic", "a.b.c",
                "sluice.registry.events.alerts-topic", "d.e.f",
                "sluice.registry.events.relay-interval", "250ms"))) {
            assertThat(ctx.getBean(EventsConfig.class)).isEqualTo(new EventsConfig(false, "k1:9092,k2:9092", "a.b.c", "d.e.f",
                    Duration.ofMillis(250)));
        }
    }
}
