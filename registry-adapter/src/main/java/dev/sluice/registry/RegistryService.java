package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.application.service.compatibility.CompatibilityResult;
import dev.sluice.domain.application.service.diff.SchemaDiff;
import dev.sluice.domain.model.schema.CompatibilityMode;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The registry's use cases as the REST API and the startup registration see them. Parsing and
 * rule compilation happen before the transaction; after a committed change the local cache is
 * invalidated at once and the outbox relay is woken up to publish the change to Kafka.
 */
@Singleton
class RegistryService {

    private final SchemaParser parser;
    private final RegistryStore store;
    private final CachingSchemaCatalog catalog;
    private final Optional<OutboxRelay> relay;

    RegistryService(SchemaParser parser, RegistryStore store, CachingSchemaCatalog catalog, Optional<OutboxRelay> relay) {
        this.parser = parser;
        this.store = store;
        this.catalog = catalog;
        this.relay = relay;
    }

    RegistryStore.Registration register(String subject, String schemaType, String schema, JsonNode ruleSet, String actor) {
        SchemaParser.Draft draft = parser.parse(subject, schemaType, schema, ruleSet);
        RegistryStore.Registration registration = store.register(draft, actor);
        if (registration.created()) {
            changed(subject);
        }
        return registration;
    }

    StoredVersion lookup(String subject, String schemaType, String schema, JsonNode ruleSet) {
        return store.lookup(parser.parse(subject, schemaType, schema, ruleSet));
    }

    CompatibilityResult checkCompatibility(String subject, String version, String schemaType, String schema, JsonNode ruleSet) {
        return store.check(parser.parse(subject, schemaType, schema, ruleSet), version);
    }

    int delete(String subject, String version, String actor) {
        int deleted = store.delete(subject, version, actor);
        changed(subject);
        return deleted;
    }

    StoredVersion resolve(String subject, String version, String reason, String actor) {
        StoredVersion resolved = store.resolve(subject, version, reason, actor);
        changed(subject);
        return resolved;
    }

    SchemaDiff diff(String subject, String version, Integer from) {
        StoredVersion to = store.version(subject, version);
        StoredVersion base;
        if (from != null) {
            base = store.version(subject, Integer.toString(from));
        } else {
            List<Integer> live = store.versionNumbers(subject, false);
            int idx = live.indexOf(to.version());
            if (idx <= 0) {
                throw new RegistryException(RegistryError.VERSION_NOT_FOUND, "Version " + to.version() + " of subject '"
                        + subject + "' has no earlier live version to diff against; pass ?from=N");
            }
            base = store.version(subject, Integer.toString(live.get(idx - 1)));
        }
        return FieldDiffs.diff(base.model(), to.model());
    }

    CompatibilityMode globalMode() {
        return store.globalMode();
    }

    CompatibilityMode setGlobalMode(String level, String actor) {
        CompatibilityMode mode = store.setGlobalMode(parseMode(level), actor);
        catalog.invalidateAll();
        return mode;
    }

    Optional<CompatibilityMode> subjectMode(String subject) {
        return store.subjectMode(subject);
    }

    CompatibilityMode setSubjectMode(String subject, String level, String actor) {
        return store.setSubjectMode(subject, level == null ? null : parseMode(level), actor);
    }

    List<String> subjects(boolean deleted) {
        return store.subjectNames(deleted);
    }

    List<Integer> versions(String subject, boolean deleted) {
        return store.versionNumbers(subject, deleted);
    }

    StoredVersion version(String subject, String version) {
        return store.version(subject, version);
    }

    StoredVersion byId(long id) {
        return store.byId(id).orElseThrow(() -> new RegistryException(RegistryError.SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
    }

    List<Rows.AuditRow> audit(String subject) {
        store.versionNumbers(subject, true);
        return store.audit(subject);
    }

    boolean hasAnyVersion(String subject) {
        return store.hasAnyVersion(subject);
    }

    private void changed(String subject) {
        catalog.invalidate(subject);
        relay.ifPresent(OutboxRelay::kick);
    }

    static CompatibilityMode parseMode(String level) {
        if (level == null) {
            throw new RegistryException(RegistryError.INVALID_COMPATIBILITY_LEVEL,
                    "Missing compatibility level: send {\"compatibility\": \"BACKWARD\"}");
        }
        try {
            return CompatibilityMode.valueOf(level.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryError.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level '" + level
                    + "'. Valid values are NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE");
        }
    }
}
