package dev.sluice.domain.model.dedup;

import dev.sluice.domain.model.payload.PayloadParser;

import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.Metadata;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentFingerprinterTest {

    private static final byte[] SECRET = "fingerprint-secret-0123456789abc".getBytes(StandardCharsets.UTF_8);
    private final ContentFingerprinter fingerprinter = new ContentFingerprinter(SECRET);

    private static EventEnvelope envelope(Instant ingest, ObjectValue payload, Map<String, String> extra) {
        return new EventEnvelope("e-1", "payment-service", "error", Instant.parse("2025-08-11T14:30:45.123Z"), ingest,
                payload, new Metadata("pay-1", "prod", "payment-service", extra), null, null, null);
    }

    private static ObjectValue payload() {
        return ObjectValue.builder().put("code", "E42").put("attempt", 2L).put("amount", 12.5).build();
    }

    @Test
    void aParsedPayloadHashesItsReceivedStringsAsTheTextTheyEncode() {
        // The fingerprinter feeds strings received without escapes from their bytes: the same input as their text.
        String json = "{\"code\":\"E42\",\"z\u00fcrich\":\"Z\u00fcrich \u65e5\",\"esc\":\"a\\\"b\\u00e9\",\"n\":2.50e0,"
                + "\"nested\":{\"k\":\"v\",\"list\":[\"x\",1]},\"emoji\":\"\uD83C\uDFAC\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ObjectValue parsed = (ObjectValue) new PayloadParser(16).parse(bytes, 0, bytes.length, null);
        ObjectValue built = ObjectValue.builder().put("code", "E42").put("z\u00fcrich", "Z\u00fcrich \u65e5")
                .put("esc", "a\"b\u00e9").put("n", 2.5)
                .put("nested", ObjectValue.builder().put("k", "v")
                        .put("list", new ArrayValue(java.util.List.of(new StringValue("x"), NumberValue.of(1)))).build())
                .put("emoji", "\uD83C\uDFAC").build();

        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.receivedUtf8Start(1)).as("read from its bytes").isPositive();
        assertThat(fingerprinter.fingerprint(parsed)).isEqualTo(fingerprinter.fingerprint(built));
        assertThat(fingerprinter.fingerprint(parsed.withValueAt(0, new StringValue("E43"))))
                .isNotEqualTo(fingerprinter.fingerprint(built));
    }

    @Test
    void ignoresTheIngestTimestamp() {
        EventEnvelope first = envelope(Instant.parse("2025-08-11T14:31:00Z"), payload(), Map.of());

        assertThat(fingerprinter.fingerprint(first.withIngestTimestamp(Instant.parse("2025-08-12T09:00:00Z"))))
                .isEqualTo(fingerprinter.fingerprint(first));
    }

    @Test
    void ignoresTheOrderOfObjectMembers() {
        ObjectValue reordered = ObjectValue.builder().put("amount", 12.5).put("attempt", 2L).put("code", "E42").build();
        Instant ingest = Instant.parse("2025-08-11T14:31:00Z");

        assertThat(fingerprinter.fingerprint(envelope(ingest, reordered, Map.of())))
                .isEqualTo(fingerprinter.fingerprint(envelope(ingest, payload(), Map.of())));
    }

    @Test
    void ignoresHowANumberIsWritten() {
        PayloadValue asLong = ObjectValue.builder().put("n", 2L).put("x", 0.1).build();
        PayloadValue asDouble = ObjectValue.builder().put("n", 2.0).put("x", new NumberValue(new BigDecimal("0.10"))).build();
        PayloadValue asDecimal = ObjectValue.builder().put("n", new NumberValue(new BigDecimal("2.000")))
                .put("x", new NumberValue(new BigDecimal("1E-1"))).build();

        assertThat(fingerprinter.fingerprint(asDouble)).isEqualTo(fingerprinter.fingerprint(asLong));
        assertThat(fingerprinter.fingerprint(asDecimal)).isEqualTo(fingerprinter.fingerprint(asLong));
    }

    @Test
    void aFractionHeldAsDoubleOrAsBigDecimalHasOneFingerprint() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble() * 1000 - 500;
                case 1 -> Math.round(random.nextDouble() * 1e6) / 100.0;
                case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30);
                default -> (random.nextLong() >> random.nextInt(64)) * Math.pow(10, random.nextInt(40) - 20);
            };
            BigDecimal exact = BigDecimal.valueOf(d);
            assertThat(fingerprinter.fingerprint(NumberValue.of(d)))
                    .as("%s", d)
                    .isEqualTo(fingerprinter.fingerprint(new NumberValue(exact)))
                    .isEqualTo(fingerprinter.fingerprint(new NumberValue(new BigDecimal(exact.toPlainString() + (exact.scale() > 0 ? "000" : ".000")))));
        }
        assertThat(fingerprinter.fingerprint(NumberValue.of(1e30)))
                .isEqualTo(fingerprinter.fingerprint(new NumberValue(new BigDecimal("1000000000000000000000000000000.0"))));
    }

    @Test
    void numbersOfDifferentValueDiffer() {
        List<NumberValue> numbers = List.of(NumberValue.of(0.1), NumberValue.of(0.01), NumberValue.of(1L),
                NumberValue.of(-0.1), NumberValue.of(10.5), NumberValue.of(1.05), NumberValue.of(1e30), NumberValue.of(1e31),
                new NumberValue(new BigDecimal("12345678901234567890.5")), NumberValue.of(0L), NumberValue.of(-1L));
        assertThat(numbers.stream().map(fingerprinter::fingerprint).distinct()).hasSize(numbers.size());
    }

    @Test
    void nonAsciiTextIsHashedAsItsUtf8() {
        assertThat(fingerprinter.fingerprint(new StringValue("Zürich")))
                .isNotEqualTo(fingerprinter.fingerprint(new StringValue("Zurich")))
                .isEqualTo(fingerprinter.fingerprint(new StringValue("Z\u00fcrich")));
    }

    @Test
    void seesEveryChangeOfContent() {
        Instant ingest = Instant.parse("2025-08-11T14:31:00Z");
        EventEnvelope base = envelope(ingest, payload(), Map.of());
        ContentFingerprint fp = fingerprinter.fingerprint(base);

        assertThat(fingerprinter.fingerprint(base.withPayload(ObjectValue.builder().put("code", "E43")
                .put("attempt", 2L).put("amount", 12.5).build()))).isNotEqualTo(fp);
        assertThat(fingerprinter.fingerprint(envelope(ingest, payload(), Map.of("region", "eu")))).isNotEqualTo(fp);
        assertThat(fingerprinter.fingerprint(new EventEnvelope("e-1", "payment-service", "error",
                Instant.parse("2025-08-11T14:30:45.124Z"), ingest, payload(), base.metadata(), null, null, null)))
                .isNotEqualTo(fp);
        assertThat(fingerprinter.fingerprint(new EventEnvelope("e-1", "payment-service", "error",
                base.eventTimestamp(), ingest, payload(), base.metadata(), null, "corr-1", null))).isNotEqualTo(fp);
    }

    @Test
    void distinguishesStringsFromNumbersAndArrayOrder() {
        assertThat(fingerprinter.fingerprint(new StringValue("2"))).isNotEqualTo(fingerprinter.fingerprint(NumberValue.of(2)));
        assertThat(fingerprinter.fingerprint(new ArrayValue(List.of(NumberValue.of(1), NumberValue.of(2)))))
                .isNotEqualTo(fingerprinter.fingerprint(new ArrayValue(List.of(NumberValue.of(2), NumberValue.of(1)))));
    }

    @Test
    void nestingCannotBeConfusedWithConcatenation() {
        PayloadValue nested = ObjectValue.builder().put("a", ObjectValue.builder().put("b", "c").build()).build();
        PayloadValue flat = ObjectValue.builder().put("a", "b").put("c", ObjectValue.EMPTY).build();

        assertThat(fingerprinter.fingerprint(nested)).isNotEqualTo(fingerprinter.fingerprint(flat));
    }

    @Test
    void dependsOnTheSecret() {
        ContentFingerprinter other = new ContentFingerprinter("another-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

        assertThat(other.fingerprint(payload())).isNotEqualTo(fingerprinter.fingerprint(payload()));
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new ContentFingerprinter(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
    }
}
