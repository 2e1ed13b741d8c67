package dev.sluice.registry;

import dev.sluice.localstack.Endpoints;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.Server;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The real PostgreSQL and Kafka of the local stack, and the registry properties that point at them. */
final class RegistryTestStack {

    static final String ADMIN_KEY = "admin-key-0123456789";
    static final String READ_KEY = "read-key-0123456789";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private RegistryTestStack() {
    }

    static Endpoints endpoints() {
        return LocalStackExtension.shared(EnumSet.of(Server.POSTGRES, Server.KAFKA)).endpoints();
    }

    /** Properties for a registry on a fresh database of its own; topics are prefixed so that test classes do not see each other. */
    static Map<String, String> properties(String name, boolean events) {
        Endpoints e = endpoints();
        String database = "registry_" + name + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        e.postgres().createDatabase(database);
        Map<String, String> p = new HashMap<>();
        p.put("datasources.default.url", e.postgres().jdbcUrl(database));
        p.put("datasources.default.username", e.postgres().user());
        p.put("datasources.default.password", e.postgres().password());
        p.put("sluice.registry.auth.read-keys", READ_KEY);
        p.put("sluice.registry.auth.admin-keys", ADMIN_KEY);
        p.put("sluice.registry.events.enabled", Boolean.toString(events));
        p.put("sluice.registry.events.bootstrap-servers", e.kafka().bootstrapServers());
        p.put("sluice.registry.events.changed-topic", database + ".registry.schemas.changed");
        p.put("sluice.registry.events.alerts-topic", database + ".rules.alerts.triggered");
        p.put("sluice.registry.events.relay-interval", "200ms");
        p.put("micronaut.server.port", "-1");
        return p;
    }
}
