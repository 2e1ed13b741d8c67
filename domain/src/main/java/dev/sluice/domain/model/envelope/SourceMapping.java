package dev.sluice.domain.model.envelope;

import dev.sluice.domain.model.error.ConfigurationException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a flat, non-envelope record (seed 002's ACME events on {@code acme-telemetry}) becomes an
 * envelope v1. Configuration, not code: a new topic needs only a new mapping.
 *
 * <p>The payload is the whole record, unchanged, so the subject's schema describes the record as
 * the producer sends it (the mapped fields included). The ingest timestamp comes from the channel.
 * Never map a PII field into metadata: metadata is stored as is, it is not pseudonymised.
 *
 * @param source the source name, usually a constant ({@code acme})
 * @param eventId the field that holds the event id
 * @param eventTime the field that holds the event time (ISO-8601 with an offset, or epoch milliseconds)
 * @param eventType the event type: a field ({@code event_type}) or a constant
 * @param metadata metadata values by key; {@code host}, {@code env} and {@code service} are required
 * @param eventVersion where {@code event_version} comes from, or {@code null} for none
 * @param correlationId where {@code correlation_id} comes from, or {@code null} for none
 * @param orgId where {@code org_id} comes from, or {@code null} for none
 */
public record SourceMapping(
        ValueRef source,
        ValueRef.FromField eventId,
        ValueRef.FromField eventTime,
        ValueRef eventType,
        Map<String, ValueRef> metadata,
        ValueRef eventVersion,
        ValueRef correlationId,
        ValueRef orgId) implements EnvelopeMapping {

    public SourceMapping {
        requireNonNull(source, "source is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(metadata, "metadata is null");
        if (source instanceof ValueRef.Constant c) {
            EventEnvelope.sourceProblem(c.value()).ifPresent(p -> {
                throw new ConfigurationException("source mapping: " + p);
            });
        }
        if (eventType instanceof ValueRef.Constant c) {
            EventEnvelope.eventTypeProblem(c.value()).ifPresent(p -> {
                throw new ConfigurationException("source mapping: " + p);
            });
        }
        Map<String, ValueRef> copy = new LinkedHashMap<>();
        metadata.forEach((k, v) -> copy.put(requireNonNull(k, "metadata key is null"),
                requireNonNull(v, () -> "metadata." + k + " is null")));
        for (String key : Metadata.REQUIRED_KEYS) {
            if (!copy.containsKey(key)) {
                throw new ConfigurationException("source mapping for " + source + " does not say where metadata."
                        + key + " comes from; host, env and service are required");
            }
        }
        metadata = java.util.Collections.unmodifiableMap(copy);
    }

    /** A mapping with a constant source and no seed-003 fields; start here and add with the {@code with...} methods. */
    public static SourceMapping of(String source, String eventIdField, String eventTimeField, ValueRef eventType,
                                   Map<String, ValueRef> metadata) {
        return new SourceMapping(ValueRef.constant(source), new ValueRef.FromField(eventIdField),
                new ValueRef.FromField(eventTimeField), eventType, metadata, null, null, null);
    }

    public SourceMapping withCorrelationId(ValueRef ref) {
        return new SourceMapping(source, eventId, eventTime, eventType, metadata, eventVersion, ref, orgId);
    }

    public SourceMapping withOrgId(ValueRef ref) {
        return new SourceMapping(source, eventId, eventTime, eventType, metadata, eventVersion, correlationId, ref);
    }

    public SourceMapping withEventVersion(ValueRef ref) {
        return new SourceMapping(source, eventId, eventTime, eventType, metadata, ref, correlationId, orgId);
    }

    public Optional<ValueRef> eventVersionOptional() {
        return Optional.ofNullable(eventVersion);
    }

    public Optional<ValueRef> correlationIdOptional() {
        return Optional.ofNullable(correlationId);
    }

    public Optional<ValueRef> orgIdOptional() {
        return Optional.ofNullable(orgId);
    }
}
