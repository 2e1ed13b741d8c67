package dev.sluice.lake;

import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.Timestamps;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.HttpCoordinates;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns events and dead letters into Iceberg generic records. Typed values follow the table's
 * column type, which may be older than the event's schema version (a column is never retyped); a
 * value that does not fit its column is stored as null there, and stays intact in the envelope
 * table's JSON payload.
 */
final class RowMapper {

    private RowMapper() {
    }

    static Record event(Schema schema, StoredEvent event) {
        EventEnvelope e = event.envelope();
        GenericRecord r = GenericRecord.create(schema);
        r.setField("event_id", e.eventId());
        r.setField("source", e.source());
        r.setField("event_type", e.eventType());
        r.setField("event_timestamp", utc(e.eventTimestamp()));
        r.setField("ingest_timestamp", utc(e.ingestTimestamp()));
        r.setField("payload", PayloadJson.write(e.payload()));
        r.setField("metadata", e.metadata().asMap());
        r.setField("event_version", e.eventVersion());
        r.setField("correlation_id", e.correlationId());
        r.setField("org_id", e.orgId());
        r.setField("subject", event.subject().name());
        r.setField("schema_version", event.schemaVersion());
        r.setField("schema_id", event.schemaId());
        r.setField("lateness", event.lateness().name());
        r.setField("pii_key_id", event.piiKeyId());
        r.setField("dedup_key", event.key().toHex());
        r.setField("fingerprint", event.fingerprint().toHex());
        coordinates(r, event, true);
        return r;
    }

    static Record deadLetter(Schema schema, DeadLetter d) {
        GenericRecord r = GenericRecord.create(schema);
        r.setField("original", d.originalBytes().asReadOnlyBuffer());
        r.setField("reason", d.reason().name());
        r.setField("detail", d.detail());
        r.setField("received_at", utc(d.receivedAt()));
        switch (d.channel()) {
            case KafkaCoordinates k -> {
                r.setField("kafka_topic", k.topic());
                r.setField("kafka_partition", k.partition());
                r.setField("kafka_offset", k.offset());
            }
            case HttpCoordinates h -> {
                r.setField("request_id", h.requestId());
                r.setField("request_index", h.index());
            }
        }
        r.setField("source", d.source());
        r.setField("event_id", d.eventId());
        r.setField("size_bytes", d.originalBytes().size());
        return r;
    }

    /** How the payload of one schema version fills the columns of one typed table schema. */
    record TypedPlan(Schema schema, List<Column> columns) {
        record Column(String member, String column, Type type, Field declared) {
        }
    }

    static TypedPlan plan(Schema schema, SchemaVersion version) {
        List<TypedPlan.Column> columns = new ArrayList<>();
        for (Field field : version.fields()) {
            String column = IcebergSchemas.columnName(field.name());
            Types.NestedField target = schema.asStruct().field(column);
            if (target != null) {
                columns.add(new TypedPlan.Column(field.name(), column, target.type(), field));
            }
        }
        return new TypedPlan(schema, List.copyOf(columns));
    }

    /** The typed row of {@code event}, validated by {@code version}, for a table of schema {@code schema}. */
    static Record typed(Schema schema, StoredEvent event, SchemaVersion version) {
        return typed(plan(schema, version), event);
    }

    /**
     * The typed row of {@code event}. Members the schema version does not declare (an open schema)
     * are not columns: they stay in telemetry.events' payload.
     */
    static Record typed(TypedPlan plan, StoredEvent event) {
        EventEnvelope e = event.envelope();
        GenericRecord r = GenericRecord.create(plan.schema());
        r.setField("event_id", e.eventId());
        r.setField("source", e.source());
        r.setField("event_type", e.eventType());
        r.setField("event_timestamp", utc(e.eventTimestamp()));
        r.setField("ingest_timestamp", utc(e.ingestTimestamp()));
        r.setField("schema_version", event.schemaVersion());
        r.setField("lateness", event.lateness().name());
        r.setField("pii_key_id", event.piiKeyId());
        coordinates(r, event, false);
        ObjectValue payload = e.payload();
        for (TypedPlan.Column c : plan.columns()) {
            PayloadValue value = payload.getOrNull(c.member());
            if (value != null) {
                r.setField(c.column(), value(c.type(), c.declared(), value));
            }
        }
        return r;
    }

    private static void coordinates(GenericRecord r, StoredEvent event, boolean withRequest) {
        switch (event.channel()) {
            case KafkaCoordinates k -> {
                r.setField("kafka_topic", k.topic());
                r.setField("kafka_partition", k.partition());
                r.setField("kafka_offset", k.offset());
            }
            case HttpCoordinates h -> {
                if (withRequest) {
                    r.setField("request_id", h.requestId());
                }
            }
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** {@code value} as a value of Iceberg type {@code type}, or null when it does not fit. */
    static Object value(Type type, Field declared, PayloadValue value) {
        if (value == null || value instanceof NullValue) {
            return null;
        }
        return switch (type.typeId()) {
            case STRING -> {
                if (declared != null && declared.type() == FieldType.JSON) {
                    yield PayloadJson.write(value);
                }
                yield value instanceof StringValue s ? s.value() : PayloadJson.write(value);
            }
            case LONG -> value instanceof NumberValue n && n.fitsLong() ? n.asLong() : null;
            case INTEGER -> value instanceof NumberValue n && n.fitsLong()
                    && n.asLong() >= Integer.MIN_VALUE && n.asLong() <= Integer.MAX_VALUE ? (int) n.asLong() : null;
            case DOUBLE -> value instanceof NumberValue n ? n.asDouble() : null;
            case FLOAT -> value instanceof NumberValue n ? (float) n.asDouble() : null;
            case BOOLEAN -> value instanceof BooleanValue b ? b.value() : null;
            case TIMESTAMP -> Timestamps.parse(value).map(RowMapper::utc).orElse(null);
            case DATE -> {
                if (value instanceof StringValue s) {
                    try {
                        yield LocalDate.parse(s.value());
                    } catch (DateTimeParseException ex) {
                        yield null;
                    }
                }
                yield null;
            }
            case STRUCT -> {
                if (!(value instanceof ObjectValue o)) {
                    yield null;
                }
                Types.StructType struct = type.asStructType();
                GenericRecord nested = GenericRecord.create(struct);
                for (Types.NestedField f : struct.fields()) {
                    Field child = declared == null ? null : childOf(declared, f.name());
                    nested.setField(f.name(), value(f.type(), child, o.getOrNull(f.name())));
                }
                yield nested;
            }
            case LIST -> {
                if (!(value instanceof ArrayValue a)) {
                    yield null;
                }
                Type elementType = type.asListType().elementType();
                Field element = declared == null ? null : declared.element();
                List<Object> out = new ArrayList<>(a.size());
                for (PayloadValue v : a.elements()) {
                    out.add(value(elementType, element, v));
                }
                yield out;
            }
            case MAP -> {
                if (!(value instanceof ObjectValue o)) {
                    yield null;
                }
                Type valueType = type.asMapType().valueType();
                Field element = declared == null ? null : declared.element();
                Map<String, Object> out = new LinkedHashMap<>();
                o.members().forEach((k, v) -> out.put(k, value(valueType, element, v)));
                yield out;
            }
            case BINARY -> value instanceof StringValue s ? ByteBuffer.wrap(s.value().getBytes()) : null;
            default -> null;
        };
    }

    private static Field childOf(Field parent, String name) {
        for (Field c : parent.children()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
