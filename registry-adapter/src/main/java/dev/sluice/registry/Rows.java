package dev.sluice.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The registry's rows, one record per table of {@code V1__registry.sql}. */
final class Rows {

    private Rows() {
    }

    @MappedEntity("registry_config")
    record ConfigRow(@Id Short id, String compatibility, Instant updatedAt) {
    }

    @MappedEntity("subjects")
    record SubjectRow(@Id @GeneratedValue Long id, String name, @Nullable String compatibility, Instant createdAt) {
    }

    @MappedEntity("schema_versions")
    record VersionRow(
            @Id @GeneratedValue Long id,
            Long subjectId,
            int version,
            String fingerprint,
            String schemaType,
            String schemaText,
            @Nullable String ruleSet,
            String canonical,
            String fieldDiff,
            String status,
            String compatibility,
            @Nullable Instant promotedAt,
            boolean deleted,
            Instant createdAt,
            String createdBy) {

        VersionRow withStatus(String newStatus) {
            return new VersionRow(id, subjectId, version, fingerprint, schemaType, schemaText, ruleSet, canonical, fieldDiff,
                    newStatus, compatibility, promotedAt, deleted, createdAt, createdBy);
        }

        VersionRow withCanonical(String newCanonical) {
            return new VersionRow(id, subjectId, version, fingerprint, schemaType, schemaText, ruleSet, newCanonical, fieldDiff,
                    status, compatibility, promotedAt, deleted, createdAt, createdBy);
        }

        VersionRow asDeleted() {
            return new VersionRow(id, subjectId, version, fingerprint, schemaType, schemaText, ruleSet, canonical, fieldDiff,
                    status, compatibility, promotedAt, true, createdAt, createdBy);
        }
    }

    /** The columns a registration needs from every earlier version; the canonical text is loaded only on a cache miss. */
    @io.micronaut.core.annotation.Introspected
    record VersionHead(Long id, int version, String fingerprint, String schemaType, String status, boolean deleted) {
    }

    @MappedEntity("schema_fields")
    record FieldRow(@Id @GeneratedValue Long id, Long versionId, String path, String type, boolean required, String pii, String doc) {
    }

    @MappedEntity("audit_log")
    record AuditRow(
            @Id @GeneratedValue Long id,
            Instant at,
            String actor,
            String action,
            @Nullable String subject,
            @Nullable Integer version,
            @Nullable String reason,
            String detail) {
    }

    @MappedEntity("event_outbox")
    record OutboxRow(@Id @GeneratedValue Long id, String topic, String msgKey, String payload, Instant createdAt,
                     @Nullable Instant publishedAt) {
    }
}
