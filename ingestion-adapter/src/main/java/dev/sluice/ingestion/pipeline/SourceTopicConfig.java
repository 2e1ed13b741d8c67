package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.envelope.SourceMapping;
import dev.sluice.domain.model.envelope.ValueRef;
import dev.sluice.domain.model.error.ConfigurationException;
import dev.sluice.domain.model.ingest.UnknownSubjectMode;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One non-envelope source topic ({@code sluice.ingestion.pipeline.sources.<name>.*}) and how its
 * flat records map onto envelope v1. A new topic needs only a new entry. Seed 002's ACME topic:
 * <pre>
 * sluice.ingestion.pipeline.sources.acme-telemetry:
 *   source: acme-telemetry
 *   event-type-field: event_type
 *   metadata-constants: {host: acme-telemetry, env: prod, service: acme-video-player}
 *   metadata-fields: {app_version: app_version}
 * </pre>
 *
 * @param name the entry's name; also the topic unless {@code topic} is set
 * @param topic the Kafka topic (names with dots cannot be property keys), or null for {@code name}
 * @param source the constant source name, or null when {@code sourceField} is set
 * @param sourceField the field that holds the source, or null for the constant
 * @param eventIdField the field that holds the event id ({@code event_id})
 * @param eventTimeField the field that holds the event time ({@code event_timestamp})
 * @param eventTypeField the field that holds the event type, or null when {@code eventType} is set
 * @param eventType the constant event type, or null when {@code eventTypeField} is set
 * @param metadataConstants metadata values that are constants (host, env and service are required, here or in fields)
 * @param metadataFields metadata values taken from fields, by metadata key
 * @param unknownSubjects what to do with events whose subject has no schema, or null for the pipeline's default
 */
@EachProperty("sluice.ingestion.pipeline.sources")
public record SourceTopicConfig(
        @Parameter String name,
        @Nullable String topic,
        @Nullable String source,
        @Nullable String sourceField,
        @Bindable(defaultValue = "event_id") String eventIdField,
        @Bindable(defaultValue = "event_timestamp") String eventTimeField,
        @Nullable String eventTypeField,
        @Nullable String eventType,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW) Map<String, String> metadataConstants,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW) Map<String, String> metadataFields,
        @Nullable UnknownSubjectMode unknownSubjects) {

    /** The Kafka topic this entry maps. */
    public String topicName() {
        return topic == null || topic.isBlank() ? name : topic;
    }

    /** The domain's mapping; a missing or contradictory setting is a {@link ConfigurationException} naming the entry. */
    public SourceMapping toMapping() {
        ValueRef sourceRef = exactlyOne("source", source, "source-field", sourceField);
        ValueRef typeRef = exactlyOne("event-type", eventType, "event-type-field", eventTypeField);
        Map<String, ValueRef> metadata = new LinkedHashMap<>();
        if (metadataConstants != null) {
            metadataConstants.forEach((k, v) -> metadata.put(k, ValueRef.constant(v)));
        }
        if (metadataFields != null) {
            metadataFields.forEach((k, v) -> {
                if (metadata.put(k, ValueRef.field(v)) != null) {
                    throw new ConfigurationException("source topic " + name + ": metadata." + k
                            + " is both a constant and a field");
                }
            });
        }
        try {
            return new SourceMapping(sourceRef, new ValueRef.FromField(eventIdField),
                    new ValueRef.FromField(eventTimeField), typeRef, metadata, null, null, null);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("source topic " + name + ": " + e.getMessage());
        }
    }

    private ValueRef exactlyOne(String constantKey, String constant, String fieldKey, String field) {
        boolean hasConstant = constant != null && !constant.isBlank();
        boolean hasField = field != null && !field.isBlank();
        if (hasConstant == hasField) {
            throw new ConfigurationException("source topic " + name + ": set exactly one of " + constantKey
                    + " and " + fieldKey + " (got " + constantKey + "=" + constant + ", " + fieldKey + "=" + field + ")");
        }
        return hasConstant ? ValueRef.constant(constant) : ValueRef.field(field);
    }
}
