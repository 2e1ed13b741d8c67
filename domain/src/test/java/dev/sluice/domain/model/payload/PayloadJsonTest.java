package dev.sluice.domain.model.payload;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadJsonTest {

    private static final ObjectValue EVERY_KIND = ObjectValue.builder()
            .put("plain", "EVENT_0000000a")
            .put("escapes", "q\"b\\s/\n\r\t\b\f\u0001\u001f")
            .put("separators", "\u2028|\u2029")
            .put("latin", "Zoë, naïve, ß")
            .put("cjk", "日本語")
            .put("emoji", "play \uD83C\uDFAC!")
            .put("lone high", "a\uD83Cb")
            .put("lone low", "a\uDFACb")
            .put("longer than the scratch buffer", "ü".repeat(300) + "\"x\u2028".repeat(200) + "\uD83C\uDFAC".repeat(100))
            .put("long", Long.MIN_VALUE)
            .put("negative", -42)
            .put("zero", 0)
            .put("max", Long.MAX_VALUE)
            .put("integral double", 3.0)
            .put("negative integral double", -7.0)
            .put("fraction", 0.1)
            .put("huge double", 1.5e300)
            .put("tiny double", -2.5e-8)
            .put("big", new NumberValue(new BigDecimal("123456789012345678901234567890.5")))
            .put("yes", true)
            .put("no", false)
            .put("nothing", NullValue.INSTANCE)
            .put("array", new ArrayValue(List.of(NumberValue.of(1), new StringValue("x"), NullValue.INSTANCE,
                    new ArrayValue(List.of()), ObjectValue.EMPTY)))
            .put("nested", ObjectValue.builder().put("k\u00e9y", ObjectValue.builder().put("deep", 1.25).build()).build())
            .build();

    @Test
    void theTextKeepsMemberOrderAndEscapesControlCharactersAndSeparators() {
        ObjectValue value = ObjectValue.builder().put("z", "tab\there").put("a", "\u0001\u2028").put("n", 1.0).build();

        assertThat(PayloadJson.write(value)).isEqualTo("{\"z\":\"tab\\there\",\"a\":\"\\u0001\\u2028\",\"n\":1.0}");
    }

    @Test
    void theUtf8WriterWritesExactlyTheUtf8BytesOfTheText() {
        PayloadJson.Utf8Writer writer = new PayloadJson.Utf8Writer(16);

        int length = writer.write(EVERY_KIND);

        byte[] expected = PayloadJson.write(EVERY_KIND).getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(writer.bytes(), length)).isEqualTo(expected);
        assertThat(writer.length()).isEqualTo(expected.length);
    }

    @Test
    void theUtf8WriterReplacesItsContentOnEveryWrite() {
        PayloadJson.Utf8Writer writer = new PayloadJson.Utf8Writer(16);
        writer.write(EVERY_KIND);

        int length = writer.write(new StringValue("é"));

        assertThat(new String(writer.bytes(), 0, length, StandardCharsets.UTF_8)).isEqualTo("\"é\"");
        assertThat(length).isEqualTo(4);
    }

    @Test
    void eachScalarOnItsOwnIsTheSameTextInBothWriters() {
        PayloadJson.Utf8Writer writer = new PayloadJson.Utf8Writer();
        for (PayloadValue value : EVERY_KIND.members().values()) {
            int length = writer.write(value);
            assertThat(new String(writer.bytes(), 0, length, StandardCharsets.UTF_8))
                    .as("%s", value)
                    .isEqualTo(new String(PayloadJson.write(value).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }
}
