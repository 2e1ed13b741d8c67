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
import dev.sluice.lake.parquet.RowTarget;
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
 * Turns events and dead letters into rows of Iceberg's <em>internal</em> values, written into a
 * {@link RowTarget} by column position: a timestamp is a long of microseconds since the epoch, a
 * date an int of days, a string a {@code CharSequence} (or UTF-8 bytes), a binary a
 * {@code ByteBuffer}, a nested value an Iceberg struct, list or map. The same mapping feeds both file
 * writers ({@link TableFileWriter}: the columnar one and Iceberg's own). Typed values follow the
 * table's column type, which may be older than the event's schema version (a column is never
 * retyped); a value that does not fit its column is stored as null there, and stays intact in the
 * envelope table's JSON payload.
 */
final class RowMapper {

    private RowMapper() {
    }

    static Record event(Schema schema, StoredEvent event) {
        return new EventRows(schema).row(event);
    }

    /**
     * Rows of one telemetry.events schema: column positions are resolved once; the payload, dedup
     * key and fingerprint texts are encoded into buffers reused from row to row.
     */
    static final class EventRows {
        private final Schema schema;
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
        private final MetadataMaps metadataMaps = new MetadataMaps();
        /** Reused per row: a row is written before the next one is mapped. */
        private final PayloadJson.Utf8Writer json = new PayloadJson.Utf8Writer();
        private final byte[] dedupKeyText = new byte[32];
        private final byte[] fingerprintText = new byte[16];

        EventRows(Schema schema) {
            this.schema = schema;
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

        /** A row that stays valid (tests, the commit test's files). */
        Record row(StoredEvent event) {
            EventEnvelope e = event.envelope();
            RecordRow row = new RecordRow(schema);
            fill(event, micros(e.eventTimestamp()), micros(e.ingestTimestamp()), row);
            return row.copy();
        }

        /**
         * Fills {@code row} with {@code event}, whose envelope timestamps are already converted. The
         * byte slices handed to the row are reused by the next call: write the row before that.
         */
        void fill(StoredEvent event, long eventTime, long ingestTime, RowTarget row) {
            EventEnvelope e = event.envelope();
            core.fill(row, event, eventTime, ingestTime);
            // The payload as received, less what pseudonymisation replaced (ADR-095): no re-encoding of its values.
            int length = json.writeAsReceived(e.payload());
            row.setBytes(payload, json.bytes(), 0, length);
            row.setObject(metadata, metadataMaps.of(e.metadata()));
            row.setString(eventVersion, e.eventVersion());
            row.setString(correlationId, e.correlationId());
            row.setString(orgId, e.orgId());
            row.setString(subject, event.subject().name());
            row.setLong(schemaId, event.schemaId());
            EventKey key = event.key();
            hex(key.high(), dedupKeyText, 0);
            hex(key.low(), dedupKeyText, 16);
            row.setBytes(dedupKey, dedupKeyText, 0, 32);
            hex(event.fingerprint().value(), fingerprintText, 0);
            row.setBytes(fingerprint, fingerprintText, 0, 16);
        }
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Writes the 16 lower-case hex digits of {@code value} into {@code b} at {@code at}. */
    private static void hex(long value, byte[] b, int at) {
        for (int i = at + 15; i >= at; i--) {
            b[i] = HEX_DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /**
     * The metadata column's map of each {@link dev.sluice.domain.model.envelope.Metadata}, built once:
     * a source's events mostly share one metadata value. Bounded: it starts over when it outgrows its
     * limit. Not thread-safe.
     */
    static final class MetadataMaps {
        private static final int LIMIT = 4096;
        private final Map<dev.sluice.domain.model.envelope.Metadata, Map<String, String>> maps = new HashMap<>();
        private dev.sluice.domain.model.envelope.Metadata last;
        private Map<String, String> lastMap;

        Map<String, String> of(dev.sluice.domain.model.envelope.Metadata m) {
            dev.sluice.domain.model.envelope.Metadata l = last;
            // A mapped source builds a new Metadata per event from the same constants (often the same
            // String instances): compare with the last one before hashing the whole record.
            if (m == l || l != null && same(m.host(), l.host()) && same(m.env(), l.env())
                    && same(m.service(), l.service()) && m.extra().equals(l.extra())) {
                return lastMap;
            }
            Map<String, String> map = maps.get(m);
            if (map == null) {
                if (maps.size() >= LIMIT) {
                    maps.clear();
                }
                map = java.util.Collections.unmodifiableMap(m.asMap());
                maps.put(m, map);
            }
            last = m;
            lastMap = map;
            return map;
        }

        private static boolean same(String a, String b) {
            return a == b || a.equals(b);
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

        void fill(RowTarget r, StoredEvent event, long eventTime, long ingestTime) {
            EventEnvelope e = event.envelope();
            r.setString(eventId, e.eventId());
            r.setString(source, e.source());
            r.setString(eventType, e.eventType());
            r.setLong(eventTimestamp, eventTime);
            r.setLong(ingestTimestamp, ingestTime);
            r.setInt(schemaVersion, event.schemaVersion());
            r.setString(lateness, event.lateness().name());
            r.setString(piiKeyId, event.piiKeyId());
            switch (event.channel()) {
                case KafkaCoordinates k -> {
                    r.setString(kafkaTopic, k.topic());
                    r.setInt(kafkaPartition, k.partition());
                    r.setLong(kafkaOffset, k.offset());
                }
                case HttpCoordinates h -> {
                    if (requestId >= 0) {
                        r.setString(requestId, h.requestId());
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
        private final Core core;
        /** The columns' members by position, resolved once per payload shape. */
        private final ObjectValue.Lookup members;

        TypedPlan(Schema schema, List<Column> columns) {
            this.schema = schema;
            this.columns = List.copyOf(columns);
            this.columnArray = this.columns.toArray(new Column[0]);
            this.core = new Core(schema.asStruct(), false);
            this.members = new ObjectValue.Lookup(this.columns.stream().map(Column::member).toList());
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
     * The typed row of {@code event}, as a record that stays valid. Members the schema version does
     * not declare (an open schema) are not columns: they stay in telemetry.events' payload.
     */
    static Record typed(TypedPlan plan, StoredEvent event) {
        EventEnvelope e = event.envelope();
        RecordRow row = new RecordRow(plan.schema);
        typed(plan, event, micros(e.eventTimestamp()), micros(e.ingestTimestamp()), row);
        return row.copy();
    }

    /** Fills {@code row} with the typed row of {@code event}, whose envelope timestamps are already converted. */
    static void typed(TypedPlan plan, StoredEvent event, long eventTime, long ingestTime, RowTarget row) {
        plan.core.fill(row, event, eventTime, ingestTime);
        ObjectValue payload = event.envelope().payload();
        TypedPlan.Column[] columns = plan.columnArray;
        for (int k = 0; k < columns.length; k++) {
            int member = plan.members.position(payload, k);
            if (member >= 0) {
                PayloadValue value = payload.valueAt(member);
                if (!(value instanceof NullValue)) {
                    set(row, columns[k], payload, member, value);
                }
            }
        }
    }

    /**
     * A top-level typed value, through the row's unboxed setters where its column is primitive; a
     * string received without escapes goes as its received UTF-8 bytes (no encoding again).
     */
    private static void set(RowTarget row, TypedPlan.Column c, ObjectValue payload, int member, PayloadValue value) {
        int at = c.position();
        switch (c.type().typeId()) {
            case STRING -> {
                if (value instanceof StringValue s && (c.declared() == null || c.declared().type() != FieldType.JSON)) {
                    int utf8 = payload.receivedUtf8Start(member);
                    if (utf8 >= 0) {
                        row.setBytes(at, payload.receivedBytes(), utf8, payload.receivedEnd(member) - 1 - utf8);
                    } else {
                        row.setString(at, s.value());
                    }
                } else {
                    row.setString(at, PayloadJson.write(value));
                }
            }
            case LONG -> {
                if (value instanceof NumberValue n && n.fitsLong()) {
                    row.setLong(at, n.asLong());
                }
            }
            case DOUBLE -> {
                if (value instanceof NumberValue n) {
                    row.setDouble(at, n.asDouble());
                }
            }
            case BOOLEAN -> {
                if (value instanceof BooleanValue b) {
                    row.setBoolean(at, b.value());
                }
            }
            default -> row.setObject(at, value(c.type(), c.declared(), value));
        }
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
