package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the built-in schemas of {@code builtin/index.json} (seeds 000-003) as version 1 of
 * their subjects at startup. A subject that already has any version is left alone, so a built-in
 * edited later (version 2, 3, ...) is never overwritten, and a restart registers nothing.
 */
@Singleton
@Requires(property = "sluice.registry.builtins", notEquals = "false")
class BuiltinSchemas {

    static final String ACTOR = "sluice-builtin";
    private static final Logger LOG = LoggerFactory.getLogger(BuiltinSchemas.class);

    private final RegistryService registry;

    BuiltinSchemas(RegistryService registry) {
        this.registry = registry;
    }

    /** One built-in: a subject, its schema file and format, and an optional Confluent ruleSet file. */
    record Builtin(String subject, String schemaType, String schemaText, JsonNode ruleSet) {
    }

    @EventListener
    void onStartup(StartupEvent event) {
        for (Builtin b : load()) {
            if (!registry.hasAnyVersion(b.subject())) {
                RegistryStore.Registration r = registry.register(b.subject(), b.schemaType(), b.schemaText(), b.ruleSet(), ACTOR);
                LOG.info("Registered built-in schema {} version {} (id {})", b.subject(), r.version().version(), r.version().id());
            }
        }
    }

    static List<Builtin> load() {
        JsonNode index = CanonicalCodec.read(resource("builtin/index.json"));
        List<Builtin> out = new ArrayList<>();
        for (JsonNode entry : index) {
            String ruleFile = entry.path("ruleSet").asText(null);
            out.add(new Builtin(entry.path("subject").asText(), entry.path("schemaType").asText(),
                    resource("builtin/" + entry.path("schema").asText()),
                    ruleFile == null ? null : CanonicalCodec.read(resource("builtin/" + ruleFile))));
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = BuiltinSchemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Built-in schema resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
