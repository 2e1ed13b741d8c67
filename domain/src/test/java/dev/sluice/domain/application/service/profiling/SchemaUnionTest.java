package dev.sluice.domain.application.service.profiling;

import dev.sluice.domain.model.profile.FieldStats;
import dev.sluice.domain.model.profile.ProfileResult;
import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.PiiClass;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sluice.domain.application.service.profiling.SchemaProfilerTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SchemaUnionTest {

    private static final Subject ACME = Subject.of("acme", "video");

    @Test
    void mergingTwoProfilesUnitesFieldsWidensTypesAndAddsCounts() {
        ProfileResult first = json("{\"id\":1,\"old\":\"x\",\"score\":1}\n{\"id\":2,\"old\":\"y\",\"score\":3}\n");
        ProfileResult second = json("{\"id\":3,\"new\":true,\"score\":2.5}\n");
        ProfileResult merged = first.merge(second);
        assertThat(merged.documents()).isEqualTo(3);
        assertThat(merged.fields()).containsExactly(
                Field.required("id", FieldType.LONG),
                Field.optional("old", FieldType.STRING),
                Field.required("score", FieldType.DOUBLE),
                Field.optional("new", FieldType.BOOLEAN));
        FieldStats score = merged.stats("score").orElseThrow();
        assertThat(score.present()).isEqualTo(3);
        assertThat(score.numericMean()).isCloseTo(6.5 / 3, within(1e-12));
        assertThat(merged.stats("id").orElseThrow().distinctEstimate()).isEqualTo(3);
    }

    @Test
    void mergingEqualsProfilingBothInputsTogether() {
        String a = "{\"id\":1,\"tags\":[\"a\"],\"d\":{\"x\":1}}\n{\"id\":2,\"tags\":[],\"d\":null}\n";
        String b = "{\"id\":2,\"tags\":[\"b\",null],\"d\":{\"x\":2.5,\"y\":\"2025-08-11\"}}\n";
        ProfileResult together = json(a + b);
        ProfileResult merged = json(a).merge(json(b));
        assertThat(merged.fields()).isEqualTo(together.fields());
        assertThat(merged.stats().keySet()).containsExactlyElementsOf(together.stats().keySet());
        together.stats().forEach((path, expected) -> {
            FieldStats actual = merged.stats(path).orElseThrow();
            assertThat(actual).usingRecursiveComparison().ignoringFields("numericMean").isEqualTo(expected);
            if (Double.isNaN(expected.numericMean())) {
                assertThat(actual.numericMean()).isNaN();
            } else {
                assertThat(actual.numericMean()).isCloseTo(expected.numericMean(), within(1e-12));
            }
        });
    }

    @Test
    void aNewSubjectGetsTheProfileAsVersionOne() {
        SchemaVersion candidate = SchemaUnion.candidate(ACME, null, json("{\"a\":1}\n"));
        assertThat(candidate.version()).isEqualTo(1);
        assertThat(candidate.fields()).containsExactly(Field.required("a", FieldType.LONG));
    }

    @Test
    void aCandidateKeepsEveryRegisteredFieldAndAddsNewOnesAsOptional() {
        Field status = Field.builder("status", FieldType.STRING).required(true)
                .constraints(Constraints.enumOf("on", "off")).pii(PiiClass.LOW).doc("Power state").build();
        Field gone = Field.required("gone", FieldType.STRING);
        Field count = Field.builder("count", FieldType.LONG).required(true).constraints(Constraints.range(0, 10)).build();
        Field device = Field.builder("device", FieldType.STRUCT).required(true)
                .children(List.of(Field.required("device.os", FieldType.STRING))).build();
        SchemaVersion v3 = new SchemaVersion(ACME, 3, List.of(status, gone, count, device),
                List.of(Rule.cel("r1", "count small", "count < 10")), true,
                dev.sluice.domain.model.schema.SchemaStatus.ACTIVE, CompatibilityMode.FULL, "");
        ProfileResult arrival = json("""
                {"status":"on","count":2.5,"device":{"os":"iOS","model":"X"},"extra":1}
                {"status":"off","count":1,"device":{"os":"tvOS","model":"Y"},"extra":2}
                """);
        SchemaVersion candidate = SchemaUnion.candidate(ACME, v3, arrival);
        assertThat(candidate.version()).isEqualTo(4);
        assertThat(candidate.rules()).isEqualTo(v3.rules());
        assertThat(candidate.closed()).isTrue();
        assertThat(candidate.compatibility()).isEqualTo(CompatibilityMode.FULL);
        assertThat(candidate.fields()).extracting(Field::name).containsExactly("status", "gone", "count", "device", "extra");
        assertThat(candidate.field("status").orElseThrow()).isEqualTo(status);
        assertThat(candidate.field("gone").orElseThrow().required()).isFalse();
        Field widened = candidate.field("count").orElseThrow();
        assertThat(widened.type()).isEqualTo(FieldType.DOUBLE);
        assertThat(widened.constraints()).isEqualTo(Constraints.NONE);
        Field mergedDevice = candidate.field("device").orElseThrow();
        assertThat(mergedDevice.required()).isTrue();
        assertThat(mergedDevice.children()).containsExactly(Field.required("device.os", FieldType.STRING),
                Field.optional("device.model", FieldType.STRING));
        assertThat(candidate.field("extra").orElseThrow()).isEqualTo(Field.optional("extra", FieldType.LONG));
    }

    @Test
    void anEmptyProfileLeavesTheRegisteredFieldsAsTheyAre() {
        SchemaVersion v1 = SchemaVersion.of(ACME, 1, List.of(Field.required("a", FieldType.LONG)));
        assertThat(SchemaUnion.candidate(ACME, v1, ProfileResult.EMPTY).fields()).isEqualTo(v1.fields());
    }

    @Test
    void refusesToExtendAnotherSubjectsSchema() {
        SchemaVersion other = SchemaVersion.of(Subject.ofSource("other"), 1, List.of());
        assertThatThrownBy(() -> SchemaUnion.candidate(ACME, other, ProfileResult.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot extend schema other version 1 into a candidate for acme.video");
    }

    @Test
    void unitesListsAndWidensTheirElements() {
        Field left = Field.builder("xs", FieldType.LIST).required(true).element(Field.required("xs[]", FieldType.LONG)).build();
        Field right = Field.builder("xs", FieldType.LIST).required(true).element(Field.optional("xs[]", FieldType.DOUBLE)).build();
        Field union = SchemaUnion.union(left, right);
        assertThat(union.element()).isEqualTo(Field.optional("xs[]", FieldType.DOUBLE));
        assertThat(SchemaUnion.union(left, Field.required("xs", FieldType.STRING)).type()).isEqualTo(FieldType.JSON);
    }
}
