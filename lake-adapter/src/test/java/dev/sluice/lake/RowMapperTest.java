package dev.sluice.lake;

import dev.sluice.domain.model.payload.PayloadJson;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.HttpCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadParser;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.testing.SeedSchemas;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowMapperTest {

    private static final Instant EVENT_TIME = Instant.parse("2025-08-11T14:30:45.123Z");
    private static final Instant INGEST_TIME = Instant.parse("2025-08-11T14:31:00Z");

    @Test
    void theEnvelopeRowKeepsEveryEnvelopeFieldAndThePayloadAsJson() {
        StoredEvent event = LakeFixtures.acme("EVENT_0000000a", "start", EVENT_TIME, INGEST_TIME, 3, 42, Lateness.LATE);

        Record row = RowMapper.event(IcebergSchemas.events(), event);

        assertThat(plain(row.getField("event_id"))).isEqualTo("EVENT_0000000a");
        assertThat(plain(row.getField("source"))).isEqualTo(SeedSchemas.ACME_VIDEO.source());
        assertThat(plain(row.getField("event_type"))).isEqualTo("start");
        // Iceberg's internal value: microseconds since the epoch
        assertThat(plain(row.getField("event_timestamp")))
                .isEqualTo(micros(OffsetDateTime.of(2025, 8, 11, 14, 30, 45, 123_000_000, ZoneOffset.UTC).toInstant()));
        assertThat(plain(row.getField("metadata"))).isEqualTo(Map.of("host", "host-1", "env", "prod", "service", "player", "region", "eu-west-1"));
        assertThat((String) plain(row.getField("payload"))).startsWith("{\"event_id\":\"EVENT_0000000a\"").contains("\"customer_id\":");
        assertThat(plain(row.getField("subject"))).isEqualTo(SeedSchemas.ACME_VIDEO.name());
        assertThat(plain(row.getField("schema_version"))).isEqualTo(1);
        assertThat(plain(row.getField("lateness"))).isEqualTo("LATE");
        assertThat(plain(row.getField("pii_key_id"))).isEqualTo("pii-key-2026-11");
        assertThat(plain(row.getField("kafka_topic"))).isEqualTo(LakeFixtures.RAW);
        assertThat(plain(row.getField("kafka_partition"))).isEqualTo(3);
        assertThat(plain(row.getField("kafka_offset"))).isEqualTo(42L);
        assertThat(plain(row.getField("dedup_key"))).isEqualTo(event.key().toHex());
        assertThat(plain(row.getField("fingerprint"))).isEqualTo(event.fingerprint().toHex());
        assertThat(plain(row.getField("correlation_id"))).isEqualTo("corr-EVENT_0000000a");
    }

    @Test
    void aParsedPayloadIsStoredAsReceivedExceptWhatWasReplacedAndItsStringsReachTheTypedColumns() {
        // As the pipeline has it: parsed from bytes (spans kept), then a PII member replaced by its pseudonym.
        String json = "{\"event_id\":\"EVENT_0000000c\", \"customer_id\":\"CUST_1\",\"event_type\":\"start\","
                + "\"event_timestamp\":\"2025-08-11T14:30:45.123Z\",\"bandwidth_mbps\":2.55e1,\"city\":\"Z\u00fcrich\","
                + "\"device_os\":\"i\\u004fS\"}";
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectValue parsed = (ObjectValue) new PayloadParser(16).parse(bytes, 0, bytes.length, null);
        ObjectValue pseudonymised = parsed.withValueAt(1, new StringValue("f00d"));
        StoredEvent event = LakeFixtures.stored("EVENT_0000000c", "start", EVENT_TIME, INGEST_TIME, pseudonymised,
                SeedSchemas.acmeVideo(), new KafkaCoordinates(LakeFixtures.RAW, 0, 1), Lateness.ON_TIME);

        Record row = RowMapper.event(IcebergSchemas.events(), event);
        assertThat(plain(row.getField("payload"))).isEqualTo("{\"event_id\":\"EVENT_0000000c\",\"customer_id\":\"f00d\","
                + "\"event_type\":\"start\",\"event_timestamp\":\"2025-08-11T14:30:45.123Z\",\"bandwidth_mbps\":2.55e1,"
                + "\"city\":\"Z\u00fcrich\",\"device_os\":\"i\\u004fS\"}");

        Record typed = RowMapper.typed(IcebergSchemas.typed(SeedSchemas.acmeVideo()), event, SeedSchemas.acmeVideo());
        assertThat(plain(typed.getField("customer_id"))).as("replaced").isEqualTo("f00d");
        assertThat(plain(typed.getField("city"))).as("from its received UTF-8").isEqualTo("Z\u00fcrich");
        assertThat(plain(typed.getField("device_os"))).as("received with an escape").isEqualTo("iOS");
        assertThat(plain(typed.getField("bandwidth_mbps"))).isEqualTo(25.5);
        assertThat(plain(typed.getField("payload_event_id"))).isEqualTo("EVENT_0000000c");
    }

    @Test
    void theTypedRowHasOneColumnPerField() {
        StoredEvent event = LakeFixtures.acme("EVENT_0000000b", "stop", EVENT_TIME, INGEST_TIME, 0, 7, Lateness.ON_TIME);
        Schema schema = IcebergSchemas.typed(SeedSchemas.acmeVideo());

        Record row = RowMapper.typed(schema, event, SeedSchemas.acmeVideo());

        assertThat(plain(row.getField("event_id"))).isEqualTo("EVENT_0000000b");
        assertThat(plain(row.getField("payload_event_id"))).isEqualTo("EVENT_0000000b");
        assertThat(plain(row.getField("payload_event_type"))).isEqualTo("stop");
        assertThat(plain(row.getField("customer_id"))).isEqualTo(SeedSchemas.acmeSampleRecord().getOrNull("customer_id") instanceof StringValue s ? s.value() : null);
        assertThat(plain(row.getField("watch_duration_seconds"))).isInstanceOf(Long.class);
        assertThat(plain(row.getField("completion_percentage"))).isInstanceOf(Double.class);
        assertThat(plain(row.getField("payload_event_timestamp"))).isEqualTo(micros(EVENT_TIME));
        assertThat(plain(row.getField("schema_version"))).isEqualTo(1);
    }

    @Test
    void valuesFollowTheColumnTypeAndWhatDoesNotFitIsNull() {
        assertThat(RowMapper.value(Types.LongType.get(), null, NumberValue.of(12))).isEqualTo(12L);
        assertThat(RowMapper.value(Types.LongType.get(), null, NumberValue.of(1.5))).isNull();
        assertThat(RowMapper.value(Types.LongType.get(), null, new StringValue("12"))).isNull();
        assertThat(RowMapper.value(Types.DoubleType.get(), null, NumberValue.of(3))).isEqualTo(3.0);
        assertThat(RowMapper.value(Types.DateType.get(), null, new StringValue("2025-08-11")))
                .isEqualTo((int) LocalDate.of(2025, 8, 11).toEpochDay());
        assertThat(RowMapper.value(Types.DateType.get(), null, new StringValue("11/08/2025"))).isNull();
        // Valid in java.time, but beyond what an Iceberg date (int days) or timestamp (long micros) holds
        assertThat(RowMapper.value(Types.DateType.get(), null, new StringValue("+9999999-01-01"))).isNull();
        assertThat(RowMapper.value(Types.TimestampType.withZone(), null, new StringValue("+300000-01-01T00:00:00Z"))).isNull();
        assertThat(RowMapper.value(Types.TimestampType.withZone(), null, NumberValue.of(1754922645123L)))
                .isEqualTo(micros(OffsetDateTime.parse("2025-08-11T14:30:45.123Z").toInstant()));
        assertThat(RowMapper.value(Types.StringType.get(), null, NullValue.INSTANCE)).isNull();
    }

    @Test
    void jsonFieldsAreStoredAsJsonTextEvenWhenTheValueIsAString() {
        Field json = Field.optional("extra", FieldType.JSON);

        assertThat(RowMapper.value(Types.StringType.get(), json, new StringValue("a\"b"))).isEqualTo("\"a\\\"b\"");
        assertThat(RowMapper.value(Types.StringType.get(), json,
                new ArrayValue(List.of(NumberValue.of(1), NullValue.INSTANCE, ObjectValue.builder().put("k", true).build()))))
                .isEqualTo("[1,null,{\"k\":true}]");
        assertThat(RowMapper.value(Types.StringType.get(), null, new StringValue("plain"))).isEqualTo("plain");
    }

    @Test
    void structsListsAndMapsAreNested() {
        Types.StructType device = Types.StructType.of(
                Types.NestedField.optional(1, "os", Types.StringType.get()),
                Types.NestedField.optional(2, "ram", Types.LongType.get()));
        Object struct = RowMapper.value(device, null, ObjectValue.builder().put("os", "tvOS").put("ram", 4).put("x", 1).build());
        assertThat(((Record) struct).getField("os")).isEqualTo("tvOS");
        assertThat(((Record) struct).getField("ram")).isEqualTo(4L);

        Object list = RowMapper.value(Types.ListType.ofOptional(3, Types.LongType.get()), null,
                new ArrayValue(List.of(NumberValue.of(1), NumberValue.of(2))));
        assertThat(list).isEqualTo(List.of(1L, 2L));

        Object map = RowMapper.value(Types.MapType.ofOptional(4, 5, Types.StringType.get(), Types.DoubleType.get()), null,
                ObjectValue.builder().put("a", 1.5).put("b", 2).build());
        assertThat(map).isEqualTo(Map.of("a", 1.5, "b", 2.0));
    }

    @Test
    void aDeadLetterKeepsItsOriginalBytesAndCoordinates() {
        byte[] bytes = {'{', 'x', (byte) 0xC3};
        DeadLetter letter = new DeadLetter(RawBytes.copyOf(bytes), DeadLetterReason.NOT_JSON, "Unexpected 'x'",
                new HttpCoordinates("req-42", 3), INGEST_TIME, INGEST_TIME.plusSeconds(1), null, null);

        Record row = RowMapper.deadLetter(IcebergSchemas.deadLetters(), letter);

        assertThat(plain(row.getField("original"))).isEqualTo(ByteBuffer.wrap(bytes));
        assertThat(plain(row.getField("reason"))).isEqualTo("NOT_JSON");
        assertThat(plain(row.getField("request_id"))).isEqualTo("req-42");
        assertThat(plain(row.getField("request_index"))).isEqualTo(3);
        assertThat(plain(row.getField("kafka_topic"))).isNull();
        assertThat(plain(row.getField("size_bytes"))).isEqualTo(3);
    }

    @Test
    void payloadJsonEscapesControlCharactersAndKeepsMemberOrder() {
        ObjectValue value = ObjectValue.builder().put("z", "tab\there").put("a", "\u0001\u2028").put("n", 1.0).build();

        assertThat(PayloadJson.write(value)).isEqualTo("{\"z\":\"tab\\there\",\"a\":\"\\u0001\\u2028\",\"n\":1.0}");
    }

    /** A row's value with Iceberg's UTF-8 texts as Strings (the writer's rows hold {@code Utf8}s). */
    private static Object plain(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(plain(k), plain(v)));
            return out;
        }
        return value;
    }

    /** Microseconds since the epoch, computed independently of RowMapper. */
    private static long micros(java.time.Instant instant) {
        return java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, instant);
    }
}
