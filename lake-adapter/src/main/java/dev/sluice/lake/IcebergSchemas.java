package dev.sluice.lake;

import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.SchemaVersion;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Iceberg schemas and partition specs of Sluice's tables, and the mapping of the registry's
 * canonical {@link dev.sluice.domain.model.schema.FieldType}s onto Iceberg types:
 * <pre>
 *   STRING, UUID, JSON -> string     LONG -> long      DOUBLE -> double    BOOLEAN -> boolean
 *   TIMESTAMP -> timestamptz (µs)     DATE -> date      STRUCT -> struct    LIST -> list
 *   MAP -> map&lt;string, ...&gt;
 * </pre>
 * UUID is a string, not Iceberg's uuid: Trino reads both, but joins with the many string ids of the
 * seeds, and producers' non-canonical spellings, stay simple. JSON is the value's JSON text.
 * Typed columns are all optional: an older event, or one stored in discover mode, lacks them, and
 * Iceberg can only ever add optional columns.
 */
final class IcebergSchemas {

    /** Columns every typed table starts with, before the payload's fields. */
    static final List<String> TYPED_ENVELOPE_COLUMNS = List.of(
            "event_id", "source", "event_type", "event_timestamp", "ingest_timestamp",
            "schema_version", "lateness", "pii_key_id", "kafka_topic", "kafka_partition", "kafka_offset");
    /** A payload field named like an envelope column is stored under this prefix. */
    static final String PAYLOAD_PREFIX = "payload_";

    private IcebergSchemas() {
    }

    static Schema events() {
        return new Schema(
                NestedField.required(1, "event_id", Types.StringType.get()),
                NestedField.required(2, "source", Types.StringType.get()),
                NestedField.required(3, "event_type", Types.StringType.get()),
                NestedField.required(4, "event_timestamp", Types.TimestampType.withZone()),
                NestedField.required(5, "ingest_timestamp", Types.TimestampType.withZone()),
                NestedField.required(6, "payload", Types.StringType.get(), "the payload as JSON text"),
                NestedField.required(7, "metadata", Types.MapType.ofRequired(8, 9,
                        Types.StringType.get(), Types.StringType.get())),
                NestedField.optional(10, "event_version", Types.StringType.get()),
                NestedField.optional(11, "correlation_id", Types.StringType.get()),
                NestedField.optional(12, "org_id", Types.StringType.get()),
                NestedField.required(13, "subject", Types.StringType.get(),
                        "the validating subject, or in discover mode the one the event would have"),
                NestedField.required(14, "schema_version", Types.IntegerType.get(), "0 when the payload is unvalidated"),
                NestedField.required(15, "lateness", Types.StringType.get(), "ON_TIME, LATE, TOO_LATE or FUTURE"),
                NestedField.optional(16, "pii_key_id", Types.StringType.get()),
                NestedField.optional(17, "kafka_topic", Types.StringType.get()),
                NestedField.optional(18, "kafka_partition", Types.IntegerType.get()),
                NestedField.optional(19, "kafka_offset", Types.LongType.get()),
                NestedField.optional(20, "request_id", Types.StringType.get()),
                NestedField.optional(21, "schema_id", Types.LongType.get(), "the registry's global schema id, 0 for none"),
                NestedField.required(22, "dedup_key", Types.StringType.get(), "128-bit dedup key, 32 hex digits"),
                NestedField.required(23, "fingerprint", Types.StringType.get(), "64-bit content fingerprint, 16 hex digits"));
    }

    static Schema deadLetters() {
        return new Schema(
                NestedField.required(1, "original", Types.BinaryType.get(), "the bytes exactly as received"),
                NestedField.required(2, "reason", Types.StringType.get()),
                NestedField.required(3, "detail", Types.StringType.get()),
                NestedField.required(4, "received_at", Types.TimestampType.withZone()),
                NestedField.optional(5, "kafka_topic", Types.StringType.get()),
                NestedField.optional(6, "kafka_partition", Types.IntegerType.get()),
                NestedField.optional(7, "kafka_offset", Types.LongType.get()),
                NestedField.optional(8, "request_id", Types.StringType.get()),
                NestedField.optional(9, "request_index", Types.IntegerType.get()),
                NestedField.optional(10, "source", Types.StringType.get()),
                NestedField.optional(11, "event_id", Types.StringType.get()),
                NestedField.required(12, "size_bytes", Types.IntegerType.get()));
    }

    /** Partitioned by {@code event_type} and {@code day(event_timestamp)}: a late event sits in the day it happened. */
    static PartitionSpec eventSpec(Schema schema) {
        return PartitionSpec.builderFor(schema).identity("event_type").day("event_timestamp").build();
    }

    static PartitionSpec deadLetterSpec(Schema schema) {
        return PartitionSpec.builderFor(schema).identity("reason").day("received_at").build();
    }

    /** The typed table of {@code version}'s subject: envelope columns, then one column per top-level field. */
    static Schema typed(SchemaVersion version) {
        AtomicInteger ids = new AtomicInteger(0);
        List<NestedField> columns = new ArrayList<>();
        columns.add(NestedField.required(ids.incrementAndGet(), "event_id", Types.StringType.get()));
        columns.add(NestedField.required(ids.incrementAndGet(), "source", Types.StringType.get()));
        columns.add(NestedField.required(ids.incrementAndGet(), "event_type", Types.StringType.get()));
        columns.add(NestedField.required(ids.incrementAndGet(), "event_timestamp", Types.TimestampType.withZone()));
        columns.add(NestedField.required(ids.incrementAndGet(), "ingest_timestamp", Types.TimestampType.withZone()));
        columns.add(NestedField.required(ids.incrementAndGet(), "schema_version", Types.IntegerType.get()));
        columns.add(NestedField.required(ids.incrementAndGet(), "lateness", Types.StringType.get()));
        columns.add(NestedField.optional(ids.incrementAndGet(), "pii_key_id", Types.StringType.get()));
        columns.add(NestedField.optional(ids.incrementAndGet(), "kafka_topic", Types.StringType.get()));
        columns.add(NestedField.optional(ids.incrementAndGet(), "kafka_partition", Types.IntegerType.get()));
        columns.add(NestedField.optional(ids.incrementAndGet(), "kafka_offset", Types.LongType.get()));
        for (Field field : version.fields()) {
            columns.add(NestedField.optional(ids.incrementAndGet(), columnName(field.name()), type(field, ids),
                    field.doc().isEmpty() ? null : field.doc()));
        }
        return new Schema(columns);
    }

    /** The column that holds the top-level payload field {@code fieldName}. */
    static String columnName(String fieldName) {
        return TYPED_ENVELOPE_COLUMNS.contains(fieldName) || fieldName.startsWith(PAYLOAD_PREFIX)
                && TYPED_ENVELOPE_COLUMNS.contains(fieldName.substring(PAYLOAD_PREFIX.length()))
                ? PAYLOAD_PREFIX + fieldName
                : fieldName;
    }

    /** The Iceberg type of {@code field}; nested ids come from {@code ids}. */
    static Type type(Field field, AtomicInteger ids) {
        return switch (field.type()) {
            case STRING, UUID, JSON -> Types.StringType.get();
            case LONG -> Types.LongType.get();
            case DOUBLE -> Types.DoubleType.get();
            case BOOLEAN -> Types.BooleanType.get();
            case TIMESTAMP -> Types.TimestampType.withZone();
            case DATE -> Types.DateType.get();
            case STRUCT -> {
                List<NestedField> children = new ArrayList<>();
                for (Field child : field.children()) {
                    children.add(NestedField.optional(ids.incrementAndGet(), child.name(), type(child, ids),
                            child.doc().isEmpty() ? null : child.doc()));
                }
                yield children.isEmpty()
                        ? Types.StringType.get() // an empty struct is not a Parquet group: keep its JSON
                        : Types.StructType.of(children);
            }
            case LIST -> {
                int elementId = ids.incrementAndGet();
                yield Types.ListType.ofOptional(elementId, type(field.element(), ids));
            }
            case MAP -> {
                int keyId = ids.incrementAndGet();
                int valueId = ids.incrementAndGet();
                yield Types.MapType.ofOptional(keyId, valueId, Types.StringType.get(), type(field.element(), ids));
            }
        };
    }

    /** Names of the columns that are not payload fields. */
    static Set<String> typedEnvelopeColumns() {
        return Set.copyOf(TYPED_ENVELOPE_COLUMNS);
    }
}
