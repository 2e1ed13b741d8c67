package dev.sluice.lake;

import dev.sluice.domain.model.payload.PayloadJson;
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
import dev.sluice.domain.model.dedup.EventKey;
import org.apache.avro.util.Utf8;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns events and dead letters into Iceberg records that hold Iceberg's <em>internal</em> values,
 * as {@link InternalRowWriterFactory} writes them: a timestamp is a {@code Long} of microseconds
 * since the epoch, a date an {@code Integer} of days, a string a {@code CharSequence} (mostly a
 * reused {@link Utf8}), a binary a {@code ByteBuffer}. Typed values follow the table's
 * column type, which may be older than the event's schema version (a column is never retyped); a
 * value that does not fit its column is stored as null there, and stays intact in the envelope
 * table's JSON payload.
 */
final class RowMapper {

    private RowMapper() {
    }

    static Record event(Schema schema, StoredEvent event) {
        return new EventRows(schema).row(event);
    }

    /**
     * Rows of one telemetry.events schema: column positions are resolved once, and each row is a
     * copy of an empty template (no per-row name lookups, no per-row schema cache lookup).
     */
    static final class EventRows {
        private final GenericRecord template;
        private final Core core;
        private final int payload;
        private final int metadata;
        private final int eventVersion;
        private final int correlationId;
        private final int orgId;
        private final int subject;
        private final int schemaId;
        private final int dedupKey;
        private final int fingerprint;
        private final Strings strings = new Strings();
        /** Reused per row: a row is encoded into Parquet before the next one is mapped. */
        private final PayloadJson.Utf8Writer json = new PayloadJson.Utf8Writer();
        private final Utf8 payloadText = new Utf8(new byte[1024]);
        private final Utf8 dedupKeyText = new Utf8(new byte[32]);
        private final Utf8 fingerprintText = new Utf8(new byte[16]);

        EventRows(Schema schema) {
            this.template = GenericRecord.create(schema);
            Types.StructType struct = schema.asStruct();
            this.core = new Core(struct, true);
            this.payload = position(struct, "payload");
            this.metadata = position(struct, "metadata");
            this.eventVersion = position(struct, "event_version");
            this.correlationId = position(struct, "correlation_id");
            this.orgId = position(struct, "org_id");
            this.subject = position(struct, "subject");
            this.schemaId = position(struct, "schema_id");
            this.dedupKey = position(struct, "dedup_key");
            this.fingerprint = position(struct, "fingerprint");
        }

        /** A row that stays valid: its strings are copies (tests, the commit test's files). */
        Record row(StoredEvent event) {
            EventEnvelope e = event.envelope();
            Record r = row(event, micros(e.eventTimestamp()), micros(e.ingestTimestamp()));
            r.set(payload, new Utf8(payloadText.getBytes().clone()).setByteLength(payloadText.getByteLength()));
            r.set(dedupKey, new Utf8(dedupKeyText.toString()));
            r.set(fingerprint, new Utf8(fingerprintText.toString()));
            return r;
        }

        /**
         * As {@link #row(StoredEvent)}, with the envelope's timestamps already converted. The payload,
         * dedup key and fingerprint texts are reused by the next row: write the row before mapping
         * the next one. Strings are UTF-8 {@link Utf8}s, which Iceberg's Parquet writer takes as
         * they are (a {@code String} is encoded into a new ByteBuffer-backed binary per value).
         */
        Record row(StoredEvent event, long eventTime, long ingestTime) {
            EventEnvelope e = event.envelope();
            GenericRecord r = template.copy();
            core.fill(r, event, eventTime, ingestTime, strings);
            int length = json.write(e.payload());
            payloadText.setByteLength(length);
            System.arraycopy(json.bytes(), 0, payloadText.getBytes(), 0, length);
            r.set(payload, payloadText);
            r.set(metadata, strings.metadata(e.metadata()));
            r.set(eventVersion, strings.repeated(e.eventVersion()));
            r.set(correlationId, Strings.unique(e.correlationId()));
            r.set(orgId, strings.repeated(e.orgId()));
            r.set(subject, strings.repeated(event.subject().name()));
            r.set(schemaId, event.schemaId());
            EventKey key = event.key();
            hex(key.high(), dedupKeyText, 0);
            hex(key.low(), dedupKeyText, 16);
            r.set(dedupKey, dedupKeyText);
            hex(event.fingerprint().value(), fingerprintText, 0);
            r.set(fingerprint, fingerprintText);
            return r;
        }
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Writes the 16 lower-case hex digits of {@code value} into {@code text} at {@code at}. */
    private static void hex(long value, Utf8 text, int at) {
        byte[] b = text.getBytes();
        for (int i = at + 15; i >= at; i--) {
            b[i] = HEX_DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /**
     * UTF-8 texts of one writer's repeated strings (source, subject, metadata, ...), each encoded once.
     * Bounded: a cache that outgrows its limit starts over. Not thread-safe.
     */
    static final class Strings {
        private static final int LIMIT = 4096;
        private final Map<String, Utf8> texts = new HashMap<>();
        private final Map<dev.sluice.domain.model.envelope.Metadata, Map<Utf8, Utf8>> metadata = new HashMap<>();

        Utf8 repeated(String s) {
            if (s == null) {
                return null;
            }
            Utf8 text = texts.get(s);
            if (text == null) {
                if (texts.size() >= LIMIT) {
                    texts.clear();
                }
                text = new Utf8(s);
                texts.put(s, text);
            }
            return text;
        }

        static Utf8 unique(String s) {
            return s == null ? null : new Utf8(s);
        }

        Map<Utf8, Utf8> metadata(dev.sluice.domain.model.envelope.Metadata m) {
            Map<Utf8, Utf8> map = metadata.get(m);
            if (map == null) {
                if (metadata.size() >= LIMIT) {
                    metadata.clear();
                }
                Map<Utf8, Utf8> built = new LinkedHashMap<>();
                m.asMap().forEach((k, v) -> built.put(repeated(k), repeated(v)));
                map = java.util.Collections.unmodifiableMap(built);
                metadata.put(m, map);
            }
            return map;
        }
    }

    /** The envelope core columns shared by telemetry.events and the typed tables, by position. */
    private static final class Core {
        private final int eventId;
        private final int source;
        private final int eventType;
        private final int eventTimestamp;
        private final int ingestTimestamp;
        private final int schemaVersion;
        private final int lateness;
        private final int piiKeyId;
        private final int kafkaTopic;
        private final int kafkaPartition;
        private final int kafkaOffset;
        /** telemetry.events only; -1 for typed tables. */
        private final int requestId;

        Core(Types.StructType struct, boolean withRequest) {
            this.eventId = position(struct, "event_id");
            this.source = position(struct, "source");
            this.eventType = position(struct, "event_type");
            this.eventTimestamp = position(struct, "event_timestamp");
            this.ingestTimestamp = position(struct, "ingest_timestamp");
            this.schemaVersion = position(struct, "schema_version");
            this.lateness = position(struct, "lateness");
            this.piiKeyId = position(struct, "pii_key_id");
            this.kafkaTopic = position(struct, "kafka_topic");
            this.kafkaPartition = position(struct, "kafka_partition");
            this.kafkaOffset = position(struct, "kafka_offset");
            this.requestId = withRequest ? position(struct, "request_id") : -1;
        }

        void fill(GenericRecord r, StoredEvent event, long eventTime, long ingestTime, Strings strings) {
            EventEnvelope e = event.envelope();
            r.set(eventId, Strings.unique(e.eventId()));
            r.set(source, strings.repeated(e.source()));
            r.set(eventType, e.eventType()); // a partition source: kept a String for the partition key
            r.set(eventTimestamp, eventTime);
            r.set(ingestTimestamp, ingestTime);
            r.set(schemaVersion, event.schemaVersion());
            r.set(lateness, strings.repeated(event.lateness().name()));
            r.set(piiKeyId, strings.repeated(event.piiKeyId()));
            switch (event.channel()) {
                case KafkaCoordinates k -> {
                    r.set(kafkaTopic, strings.repeated(k.topic()));
                    r.set(kafkaPartition, k.partition());
                    r.set(kafkaOffset, k.offset());
                }
                case HttpCoordinates h -> {
                    if (requestId >= 0) {
                        r.set(requestId, Strings.unique(h.requestId()));
                    }
                }
            }
        }
    }

    /** The position of top-level column {@code name}; every envelope column exists in every table schema. */
    private static int position(Types.StructType struct, String name) {
        List<Types.NestedField> fields = struct.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("Column " + name + " is missing from " + struct);
    }

    static Record deadLetter(Schema schema, DeadLetter d) {
        GenericRecord r = GenericRecord.create(schema);
        r.setField("original", d.originalBytes().asReadOnlyBuffer());
        r.setField("reason", d.reason().name());
        r.setField("detail", d.detail());
        r.setField("received_at", micros(d.receivedAt()));
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
    static final class TypedPlan {
        record Column(String member, String column, Type type, Field declared, int position) {
        }

        private final Schema schema;
        private final List<Column> columns;
        private final Column[] columnArray;
        private final GenericRecord template;
        private final Core core;
        private final Strings strings = new Strings();

        TypedPlan(Schema schema, List<Column> columns) {
            this.schema = schema;
            this.columns = List.copyOf(columns);
            this.columnArray = this.columns.toArray(new Column[0]);
            this.template = GenericRecord.create(schema);
            this.core = new Core(schema.asStruct(), false);
        }

        Schema schema() {
            return schema;
        }

        List<Column> columns() {
            return columns;
        }
    }

    static TypedPlan plan(Schema schema, SchemaVersion version) {
        List<TypedPlan.Column> columns = new ArrayList<>();
        List<Types.NestedField> fields = schema.asStruct().fields();
        for (Field field : version.fields()) {
            String column = IcebergSchemas.columnName(field.name());
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(column)) {
                    columns.add(new TypedPlan.Column(field.name(), column, fields.get(i).type(), field, i));
                    break;
                }
            }
        }
        return new TypedPlan(schema, columns);
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
        return typed(plan, event, micros(e.eventTimestamp()), micros(e.ingestTimestamp()));
    }

    /** As {@link #typed(TypedPlan, StoredEvent)}, with the envelope's timestamps already converted. */
    static Record typed(TypedPlan plan, StoredEvent event, long eventTime, long ingestTime) {
        GenericRecord r = plan.template.copy();
        plan.core.fill(r, event, eventTime, ingestTime, plan.strings);
        ObjectValue payload = event.envelope().payload();
        for (TypedPlan.Column c : plan.columnArray) {
            PayloadValue value = payload.getOrNull(c.member());
            if (value != null) {
                Object v = value(c.type(), c.declared(), value);
                r.set(c.position(), v instanceof String text ? new Utf8(text) : v);
            }
        }
        return r;
    }

    /** Microseconds since the epoch, Iceberg's internal timestamp (sub-microsecond digits are dropped). */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
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
            case TIMESTAMP -> {
                try {
                    yield Timestamps.parse(value).map(RowMapper::micros).orElse(null);
                } catch (ArithmeticException beyondMicros) {
                    yield null; // a valid instant beyond ±292,000 years: no Iceberg timestamp holds it
                }
            }
            case DATE -> {
                if (value instanceof StringValue s) {
                    try {
                        yield Math.toIntExact(LocalDate.parse(s.value()).toEpochDay());
                    } catch (DateTimeParseException | ArithmeticException ex) {
                        yield null; // not a date, or beyond the int of days an Iceberg date holds
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
