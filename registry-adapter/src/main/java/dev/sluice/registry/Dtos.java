package dev.sluice.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The REST API's request and response bodies, shaped like Confluent Schema Registry's where it has one. */
final class Dtos {

    private Dtos() {
    }

    @Serdeable
    @Schema(description = "A schema to register, look up or check. Confluent's shape: schema is the schema text.")
    record SchemaRequest(
            @Schema(description = "The schema text: a JSON Schema document or an Avro .avsc") @Nullable String schema,
            @Schema(description = "JSON or AVRO; AVRO when absent, as in Confluent") @Nullable String schemaType,
            @Schema(description = "Confluent data-contract rule set: {\"domainRules\": [{\"name\", \"kind\": \"CONDITION\", \"type\": \"CEL\", \"expr\", \"doc\"}]}")
            @Nullable Map<String, Object> ruleSet,
            @Schema(description = "Schema references: not supported, refused with 422") @Nullable List<Object> references,
            @Schema(description = "Confluent metadata: not supported, refused with 422 when not empty") @Nullable Map<String, Object> metadata) {
    }

    @Serdeable
    record RegisterResponse(long id, int version, String status, boolean created) {
    }

    @Serdeable
    record SchemaResponse(
            String subject,
            int version,
            long id,
            String schemaType,
            String schema,
            @Nullable Map<String, Object> ruleSet,
            String status,
            String compatibility,
            String fingerprint,
            String createdAt,
            String createdBy,
            @Nullable String promotedAt,
            boolean deleted) {
    }

    @Serdeable
    record SchemaByIdResponse(String schema, String schemaType, String subject, int version, @Nullable Map<String, Object> ruleSet) {
    }

    @Serdeable
    record CompatibilityResponse(
            boolean is_compatible,
            @Nullable List<String> messages,
            @Nullable List<IncompatibilityDto> incompatibilities) {
    }

    @Serdeable
    record IncompatibilityDto(String path, @Nullable String oldType, @Nullable String newType, String rule,
                              int againstVersion, String message) {
    }

    @Serdeable
    record ConfigResponse(String compatibilityLevel) {
    }

    @Serdeable
    record ConfigRequest(@Nullable String compatibility) {
    }

    @Serdeable
    record ConfigUpdateResponse(String compatibility) {
    }

    @Serdeable
    record FieldDto(String path, String type, boolean required, String pii, String doc) {
    }

    @Serdeable
    record ResolveRequest(@Nullable String reason) {
    }

    @Serdeable
    record AuditDto(long id, String at, String actor, String action, @Nullable String subject, @Nullable Integer version,
                    @Nullable String reason, Map<String, Object> detail) {
    }
}
