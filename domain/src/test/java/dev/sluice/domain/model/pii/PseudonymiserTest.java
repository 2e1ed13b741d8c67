package dev.sluice.domain.model.pii;

import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.PiiClass;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.domain.testing.SeedSchemas;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PseudonymiserTest {

    private final PiiKeyRing ring = PiiKeyRing.single("k2025", PiiKeyRingTest.SECRET_2025);
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(ring, PiiPolicy.pseudonymiseLowAndHigh());

    @Test
    void replacesLowAndHighFieldsOfTheAcmeEventAndKeepsTheRest() {
        ObjectValue record = SeedSchemas.acmeSampleRecord();

        Pseudonymised result = pseudonymiser.apply(SeedSchemas.acmeVideo(), record);

        assertThat(result.replaced()).isEqualTo(3);
        assertThat(result.keyId()).isEqualTo("k2025");
        assertThat(result.payload().getOrNull("customer_id")).isEqualTo(new StringValue(ring.pseudonym("CUST_5e6f7g8h")));
        assertThat(result.payload().getOrNull("device_id")).isEqualTo(new StringValue(ring.pseudonym("DEVICE_7q8r9s0t")));
        assertThat(result.payload().getOrNull("ip_address")).isEqualTo(new StringValue(ring.pseudonym("192.168.1.100")));
        assertThat(result.payload().getOrNull("title_id")).isEqualTo(new StringValue("TITLE_9i0j1k2l"));
        assertThat(result.payload().members().keySet()).containsExactlyElementsOf(record.members().keySet());
    }

    @Test
    void oneInstanceAlternatingBetweenSchemasAppliesEachSchemasFields() {
        SchemaVersion shop = SchemaVersion.of(Subject.of("shop", "order"), 1, List.of(
                Field.required("order_id", FieldType.STRING),
                Field.builder("customer_id", FieldType.STRING).pii(PiiClass.HIGH).build()));
        ObjectValue order = ObjectValue.builder().put("order_id", "o-1").put("customer_id", "c-1").build();
        ObjectValue acme = SeedSchemas.acmeSampleRecord();

        for (int round = 0; round < 3; round++) {
            Pseudonymised a = pseudonymiser.apply(SeedSchemas.acmeVideo(), acme);
            Pseudonymised o = pseudonymiser.apply(shop, order);

            assertThat(a.replaced()).isEqualTo(3);
            assertThat(a.payload().getOrNull("customer_id")).isEqualTo(new StringValue(ring.pseudonym("CUST_5e6f7g8h")));
            assertThat(o.replaced()).isEqualTo(1);
            assertThat(o.payload().getOrNull("customer_id")).isEqualTo(new StringValue(ring.pseudonym("c-1")));
            assertThat(o.payload().getOrNull("order_id")).isEqualTo(new StringValue("o-1"));
        }
    }

    @Test
    void aPayloadWithoutPiiFieldsIsReturnedAsItIsWithoutAKeyId() {
        SchemaVersion schema = SchemaVersion.of(Subject.of("shop", "order"), 1,
                List.of(Field.required("order_id", FieldType.STRING)));
        ObjectValue payload = ObjectValue.builder().put("order_id", "o-1").build();

        Pseudonymised result = pseudonymiser.apply(schema, payload);

        assertThat(result.payload()).isSameAs(payload);
        assertThat(result.keyId()).isNull();
        assertThat(result.replaced()).isZero();
    }

    @Test
    void followsNestedStructsListsAndMaps() {
        Field user = Field.builder("session.user_id", FieldType.STRING).pii(PiiClass.LOW).build();
        Field session = Field.builder("session", FieldType.STRUCT).children(List.of(user)).build();
        Field viewerId = Field.builder("viewers[].id", FieldType.STRING).pii(PiiClass.HIGH).build();
        Field viewer = Field.builder("viewers[]", FieldType.STRUCT).children(List.of(viewerId)).build();
        Field viewers = Field.builder("viewers", FieldType.LIST).element(viewer).build();
        Field emails = Field.builder("emails", FieldType.MAP)
                .element(Field.builder("emails{}", FieldType.STRING).pii(PiiClass.HIGH).build()).build();
        SchemaVersion schema = SchemaVersion.of(Subject.of("shop", "visit"), 1, List.of(session, viewers, emails));
        ObjectValue payload = ObjectValue.builder()
                .put("session", ObjectValue.builder().put("user_id", "u-1").put("page", "home").build())
                .put("viewers", new ArrayValue(List.of(ObjectValue.builder().put("id", "v-1").build(),
                        ObjectValue.builder().put("id", "v-2").build())))
                .put("emails", ObjectValue.builder().put("work", "a@b.c").build())
                .build();

        Pseudonymised result = pseudonymiser.apply(schema, payload);

        ObjectValue out = result.payload();
        assertThat(result.replaced()).isEqualTo(4);
        assertThat(((ObjectValue) out.getOrNull("session")).getOrNull("user_id")).isEqualTo(new StringValue(ring.pseudonym("u-1")));
        assertThat(((ObjectValue) out.getOrNull("session")).getOrNull("page")).isEqualTo(new StringValue("home"));
        assertThat(((ArrayValue) out.getOrNull("viewers")).elements()).containsExactly(
                ObjectValue.builder().put("id", ring.pseudonym("v-1")).build(),
                ObjectValue.builder().put("id", ring.pseudonym("v-2")).build());
        assertThat(((ObjectValue) out.getOrNull("emails")).getOrNull("work")).isEqualTo(new StringValue(ring.pseudonym("a@b.c")));
    }

    @Test
    void numbersAreHashedByTheirDecimalTextAndNullStaysNull() {
        SchemaVersion schema = SchemaVersion.of(Subject.of("shop", "order"), 1, List.of(
                Field.builder("user_id", FieldType.LONG).pii(PiiClass.LOW).build(),
                Field.builder("phone", FieldType.STRING).pii(PiiClass.HIGH).build()));
        ObjectValue payload = new ObjectValue(Map.of("user_id", NumberValue.of(42), "phone", NullValue.INSTANCE));

        Pseudonymised result = pseudonymiser.apply(schema, payload);

        assertThat(result.payload().getOrNull("user_id")).isEqualTo(new StringValue(ring.pseudonym("42")));
        assertThat(result.payload().getOrNull("phone")).isEqualTo(NullValue.INSTANCE);
        assertThat(result.replaced()).isEqualTo(1);
    }

    @Test
    void aWholeStructMarkedPiiHasEveryScalarReplaced() {
        SchemaVersion schema = SchemaVersion.of(Subject.of("shop", "order"), 1, List.of(
                Field.builder("address", FieldType.JSON).pii(PiiClass.HIGH).build()));
        ObjectValue payload = ObjectValue.builder()
                .put("address", ObjectValue.builder().put("street", "Main 1").put("zip", 1234L).build()).build();

        ObjectValue out = (ObjectValue) pseudonymiser.apply(schema, payload).payload().getOrNull("address");

        assertThat(out.getOrNull("street")).isEqualTo(new StringValue(ring.pseudonym("Main 1")));
        assertThat(out.getOrNull("zip")).isEqualTo(new StringValue(ring.pseudonym("1234")));
    }

    @Test
    void aPolicyThatKeepsLowFieldsLeavesThemInClear() {
        Pseudonymiser highOnly = new Pseudonymiser(ring,
                c -> c == PiiClass.HIGH ? PiiTreatment.PSEUDONYMISE : PiiTreatment.KEEP);

        Pseudonymised result = highOnly.apply(SeedSchemas.acmeVideo(), SeedSchemas.acmeSampleRecord());

        assertThat(result.replaced()).isEqualTo(1);
        assertThat(result.payload().getOrNull("customer_id")).isEqualTo(new StringValue("CUST_5e6f7g8h"));
    }
}
