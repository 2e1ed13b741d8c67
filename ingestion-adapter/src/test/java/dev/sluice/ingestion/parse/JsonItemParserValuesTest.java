package dev.sluice.ingestion.parse;

import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser's fast paths give the values the general path gives: fractions, and objects built like the last one. */
class JsonItemParserValuesTest {

    private final JsonItemParser parser = new JsonItemParser(ParseLimits.DEFAULTS);

    private PayloadValue parse(String json) {
        ParsedItem item = parser.parseDocument(json.getBytes(StandardCharsets.UTF_8));
        assertThat(item).as(json).isInstanceOf(ParsedItem.Parsed.class);
        return ((ParsedItem.Parsed) item).value();
    }

    /** The documented rule: a Double when it holds the decimal exactly in shortest form, else the BigDecimal. */
    private static NumberValue expected(String literal) {
        BigDecimal decimal = new BigDecimal(literal);
        double d = decimal.doubleValue();
        if (!Double.isInfinite(d) && BigDecimal.valueOf(d).compareTo(decimal) == 0) {
            return NumberValue.of(d);
        }
        return NumberValue.of(decimal);
    }

    @Test
    void everyFractionIsHeldAsTheGeneralRuleSays() {
        List<String> literals = new ArrayList<>(List.of("0.1", "25.5", "-0.0", "0.0", "1.5e3", "1E-5", "2.5E+2",
                "123456789012345.6", "1234567890123456.7", "0.30000000000000004", "0.1000000000000000055511151231257827",
                "1e308", "1e309", "4.9e-324", "2.2250738585072014E-308", "1.7976931348623157e308", "9007199254740993.0",
                "0.000000000000000000000000001", "100.000", "-42.125"));
        Random random = new Random(3);
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "-" : "");
            b.append(random.nextInt(100_000)).append('.');
            int fraction = 1 + random.nextInt(18);
            for (int k = 0; k < fraction; k++) {
                b.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(4) == 0) {
                b.append('e').append(random.nextInt(80) - 40);
            }
            literals.add(b.toString());
        }
        for (String literal : literals) {
            PayloadValue parsed = parse("{\"x\":" + literal + "}");
            NumberValue want = expected(literal);
            NumberValue got = (NumberValue) ((ObjectValue) parsed).getOrNull("x");
            assertThat(got).as(literal).isEqualTo(want);
            assertThat(got.value().getClass()).as(literal).isEqualTo(want.value().getClass());
        }
    }

    @Test
    void duplicateNamesAreRefusedAtEveryLevelAndAfterAnyEarlierDocument() {
        parse("{\"a\":1,\"b\":2,\"c\":3}");
        for (String json : List.of("{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":1,\"b\":2,\"c\":3,\"b\":4}",
                "{\"x\":{\"y\":1,\"y\":2}}", "{\"x\":[{\"p\":1,\"q\":2,\"p\":3}]}")) {
            ParsedItem item = parser.parseDocument(json.getBytes(StandardCharsets.UTF_8));
            assertThat(item).as(json).isInstanceOf(ParsedItem.Unparseable.class);
            assertThat(((ParsedItem.Unparseable) item).reason()).isEqualTo(dev.sluice.domain.model.ingest.DeadLetterReason.NOT_JSON);
            assertThat(((ParsedItem.Unparseable) item).detail()).as(json).contains("Duplicate field");
        }
    }

    @Test
    void rootObjectsWithOtherMembersOrOrderAreReadAsWritten() {
        List<String> documents = List.of(
                "{\"a\":1,\"b\":2,\"c\":3}",
                "{\"a\":4,\"b\":5,\"c\":6}",
                "{\"a\":7,\"b\":8}",
                "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}",
                "{\"c\":1,\"a\":2,\"b\":3}",
                "{}",
                "{\"a\":{\"b\":1},\"b\":[{\"c\":2}],\"c\":3}",
                "{\"a\":1,\"b\":2,\"c\":3}");
        for (String json : documents) {
            ObjectValue parsed = (ObjectValue) parse(json);
            assertThat(dev.sluice.domain.testing.TestJson.write(parsed)).isEqualTo(json);
        }
    }
}
