package dev.sluice.lake;

import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaEvolverTest {

    private static final Subject SUBJECT = Subject.of("recsys", "impression");

    @Test
    void aVersionThatAddsFieldsNeedsExactlyThoseColumns() {
        SchemaVersion v1 = SchemaVersion.of(SUBJECT, 1, List.of(
                Field.required("item_id", FieldType.STRING),
                Field.builder("device", FieldType.STRUCT).children(List.of(Field.optional("device.os", FieldType.STRING))).build()));
        SchemaVersion v2 = SchemaVersion.of(SUBJECT, 2, List.of(
                Field.required("item_id", FieldType.STRING),
                Field.builder("device", FieldType.STRUCT).children(List.of(
                        Field.optional("device.os", FieldType.STRING),
                        Field.optional("device.model", FieldType.STRING))).build(),
                Field.optional("position", FieldType.LONG)));
        Schema table = IcebergSchemas.typed(v1);

        assertThat(SchemaEvolver.missing(table, v1)).isEmpty();
        assertThat(SchemaEvolver.missing(table, v2)).containsExactly("device.model: string", "position: long");
    }

    @Test
    void aChangedTypeKeepsTheOldColumn() {
        SchemaVersion v1 = SchemaVersion.of(SUBJECT, 1, List.of(Field.optional("score", FieldType.LONG)));
        SchemaVersion v2 = SchemaVersion.of(SUBJECT, 2, List.of(Field.optional("score", FieldType.DOUBLE)));

        assertThat(SchemaEvolver.missing(IcebergSchemas.typed(v1), v2)).isEmpty();
    }
}
