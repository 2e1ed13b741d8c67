package dev.sluice.lake;

import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.domain.testing.SeedSchemas;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IcebergSchemasTest {

    @Test
    void eventTablesArePartitionedByEventTypeAndEventDay() {
        Schema schema = IcebergSchemas.events();

        assertThat(IcebergSchemas.eventSpec(schema).fields())
                .extracting(PartitionField::name, f -> f.transform().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("event_type", "identity"),
                        org.assertj.core.groups.Tuple.tuple("event_timestamp_day", "day"));
    }

    @Test
    void deadLettersArePartitionedByReasonAndReceivedDay() {
        Schema schema = IcebergSchemas.deadLetters();

        assertThat(IcebergSchemas.deadLetterSpec(schema).fields())
                .extracting(PartitionField::name, f -> f.transform().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reason", "identity"),
                        org.assertj.core.groups.Tuple.tuple("received_at_day", "day"));
        assertThat(schema.findType("original")).isEqualTo(Types.BinaryType.get());
    }

    @Test
    void theEnvelopeTableKeepsPayloadAsJsonTextAndMetadataAsAMap() {
        Schema schema = IcebergSchemas.events();

        assertThat(schema.findType("payload")).isEqualTo(Types.StringType.get());
        assertThat(schema.findType("metadata").isMapType()).isTrue();
        assertThat(schema.findType("event_timestamp")).isEqualTo(Types.TimestampType.withZone());
        assertThat(schema.columns()).extracting(Types.NestedField::name).contains(
                "event_id", "source", "event_type", "ingest_timestamp", "event_version", "correlation_id", "org_id",
                "subject", "schema_version", "lateness", "pii_key_id", "dedup_key", "fingerprint");
    }

    @Test
    void canonicalTypesMapOntoIcebergTypes() {
        SchemaVersion version = SchemaVersion.of(Subject.of("t", "x"), 1, List.of(
                Field.optional("s", FieldType.STRING),
                Field.optional("l", FieldType.LONG),
                Field.optional("d", FieldType.DOUBLE),
                Field.optional("b", FieldType.BOOLEAN),
                Field.optional("ts", FieldType.TIMESTAMP),
                Field.optional("day", FieldType.DATE),
                Field.optional("u", FieldType.UUID),
                Field.optional("j", FieldType.JSON),
                Field.builder("device", FieldType.STRUCT).children(List.of(
                        Field.optional("device.os", FieldType.STRING),
                        Field.optional("device.ram", FieldType.LONG))).build(),
                Field.builder("items", FieldType.LIST).element(Field.optional("items[]", FieldType.LONG)).build(),
                Field.builder("tags", FieldType.MAP).element(Field.optional("tags{}", FieldType.STRING)).build()));

        Schema schema = IcebergSchemas.typed(version);

        assertThat(schema.findType("s")).isEqualTo(Types.StringType.get());
        assertThat(schema.findType("l")).isEqualTo(Types.LongType.get());
        assertThat(schema.findType("d")).isEqualTo(Types.DoubleType.get());
        assertThat(schema.findType("b")).isEqualTo(Types.BooleanType.get());
        assertThat(schema.findType("ts")).isEqualTo(Types.TimestampType.withZone());
        assertThat(schema.findType("day")).isEqualTo(Types.DateType.get());
        assertThat(schema.findType("u")).isEqualTo(Types.StringType.get());
        assertThat(schema.findType("j")).isEqualTo(Types.StringType.get());
        assertThat(schema.findType("device.os")).isEqualTo(Types.StringType.get());
        assertThat(schema.findType("device.ram")).isEqualTo(Types.LongType.get());
        assertThat(schema.findType("items").asListType().elementType()).isEqualTo(Types.LongType.get());
        assertThat(schema.findType("tags").asMapType().keyType()).isEqualTo(Types.StringType.get());
        assertThat(schema.findType("tags").asMapType().valueType()).isEqualTo(Types.StringType.get());
        assertThat(schema.findField("l").isOptional()).isTrue();
        assertThat(IcebergSchemas.eventSpec(schema).fields()).hasSize(2);
    }

    @Test
    void acmeVideoGetsOneColumnPerFieldAndItsEnvelopeNamesArePrefixed() {
        SchemaVersion acme = SeedSchemas.acmeVideo();

        Schema schema = IcebergSchemas.typed(acme);

        assertThat(schema.columns()).hasSize(IcebergSchemas.TYPED_ENVELOPE_COLUMNS.size() + acme.fields().size());
        assertThat(schema.findField("customer_id")).isNotNull();
        if (acme.field("event_id").isPresent()) {
            assertThat(schema.findField("payload_event_id")).isNotNull();
        }
        assertThat(IcebergSchemas.columnName("event_type")).isEqualTo("payload_event_type");
        assertThat(IcebergSchemas.columnName("customer_id")).isEqualTo("customer_id");
        assertThat(IcebergSchemas.columnName("payload_event_type")).isEqualTo("payload_payload_event_type");
    }
}
