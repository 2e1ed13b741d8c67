package dev.sluice.registry;

import dev.sluice.domain.model.schema.SchemaStatus;
import dev.sluice.domain.model.schema.SchemaVersion;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One registered version as the registry knows it: the canonical model plus what it was registered as.
 *
 * @param id the global schema id
 * @param model the canonical model, with the version's current status
 * @param schemaText the schema exactly as registered
 * @param ruleSet the Confluent-style rule set as registered, or {@code null}
 * @param fieldDiff the diff against the previous live version, as JSON
 */
record StoredVersion(
        long id,
        SchemaVersion model,
        SchemaFormat format,
        String schemaText,
        String ruleSet,
        String fingerprint,
        String fieldDiff,
        Instant promotedAt,
        boolean deleted,
        Instant createdAt,
        String createdBy) {

    StoredVersion {
        requireNonNull(model, "model is null");
        requireNonNull(format, "format is null");
        requireNonNull(schemaText, "schemaText is null");
    }

    String subject() {
        return model.subject().name();
    }

    int version() {
        return model.version();
    }

    SchemaStatus status() {
        return model.status();
    }
}
