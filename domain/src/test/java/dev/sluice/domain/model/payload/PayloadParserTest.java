package dev.sluice.domain.model.payload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadParserTest {

    private final PayloadParser parser = new PayloadParser(63);

    private PayloadValue parse(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, 0, b.length, null);
    }

    @Test
    void randomPayloadsRoundTripThroughTheirJsonText() {
        Random random = new Random(11);
        for (int i = 0; i < 3_000; i++) {
            PayloadValue value = randomObject(random, 0);
            String json = PayloadJson.write(value);
            assertThat(parse(json)).as(json).isEqualTo(value);
            String spaced = json.replace(",", " ,\n\t").replace(":", " : ").replace("{", "{ ").replace("[", "[\r\n");
            assertThat(parse(spaced)).as(spaced).isEqualTo(value);
        }
    }

    @Test
    void numbersAreHeldAsAFullParserHoldsThem() {
        assertThat(parse("123456789012345678")).isEqualTo(NumberValue.of(123_456_789_012_345_678L));
        assertThat(parse("-0")).isEqualTo(NumberValue.of(0));
        assertThat(parse("0.0")).isEqualTo(NumberValue.of(0.0));
        assertThat(((NumberValue) parse("-0.0")).value()).as("zero is +0.0, as its decimal value").isEqualTo(0.0);
        assertThat(parse("0e5")).isEqualTo(NumberValue.of(0.0));
        assertThat(parse("1e2")).isEqualTo(NumberValue.of(100.0));
        assertThat(parse("2.5E-3")).isEqualTo(NumberValue.of(0.0025));
        assertThat(parse("-25.50")).isEqualTo(NumberValue.of(-25.5));
        assertThat(parse("0.000123456789012345")).isEqualTo(NumberValue.of(0.000123456789012345));
        assertThat(parse("123456789012345e7")).isEqualTo(NumberValue.of(1.23456789012345e21));
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            long digits = random.nextLong(1, 1_000_000_000_000_000L);
            int scale = random.nextInt(1, 23);
            String text = new java.math.BigDecimal(java.math.BigInteger.valueOf(digits), scale).toPlainString();
            assertThat(parse(text)).as(text).isEqualTo(NumberValue.of(Double.parseDouble(text)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[1 2]", "{,}",
            "01", "-", "1.", ".5", "+1", "1e", "1e+", "-01", "0x1", "NaN", "Infinity", "-Infinity",
            "tru", "nul", "fals", "truex", "'a'", "{a:1}", "\"\\x\"", "\"\\u12g4\"", "\"abc", "\"\u0001\"",
            "\"a\tb\"", "{\"a\":1,\"a\":2}", "[1] x", "{} {}", "1 2", "/* c */ 1", "[1]//",
            "1234567890123456789", "1.2345678901234567", "1e23", "1e-23", "1e1000", "12345678901234567e1"})
    void refusesWhatItDoesNotRead(String json) {
        assertThat(parse(json)).isNull();
    }

    @Test
    void refusesMalformedUtf8AndAByteOrderMark() {
        for (byte[] bad : List.of(new byte[]{'"', (byte) 0xC0, (byte) 0x80, '"'},   // overlong NUL
                new byte[]{'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},        // an encoded surrogate
                new byte[]{'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
                new byte[]{'"', (byte) 0xE2, (byte) 0x82, '"'},                       // truncated
                new byte[]{'"', (byte) 0x80, '"'},
                new byte[]{'"', 'a', (byte) 0xC3, '"'},
                new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1'})) {
            assertThat(parser.parse(bad, 0, bad.length, null)).isNull();
        }
        byte[] good = "\"\u00e9\u65e5\uD83C\uDFAC\"".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(good, 0, good.length, null)).isEqualTo(new StringValue("\u00e9\u65e5\uD83C\uDFAC"));
    }

    @Test
    void decodesEscapesAndKeepsLoneSurrogates() {
        assertThat(parse("\"q\\\"b\\\\s\\/\\n\\r\\t\\b\\f\\u00e9\\uD83C\\uDFAC\\ud800\"")).isEqualTo(
                new StringValue("q\"b\\s/\n\r\t\b\f\u00e9\uD83C\uDFAC\ud800"));
        assertThat(parse("{\"n\\u00e4me\":1}")).isEqualTo(ObjectValue.builder().put("n\u00e4me", 1).build());
    }

    @Test
    void nestsUpToItsLimitOnly() {
        PayloadParser shallow = new PayloadParser(3);
        byte[] three = "[[{\"a\":1}]]".getBytes(StandardCharsets.UTF_8);
        byte[] four = "[[{\"a\":[1]}]]".getBytes(StandardCharsets.UTF_8);
        assertThat(shallow.parse(three, 0, three.length, null)).isNotNull();
        assertThat(shallow.parse(four, 0, four.length, null)).isNull();
    }

    @Test
    void readsASliceOfALargerArray() {
        byte[] b = "xx{\"a\":[1,2]}yy".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(b, 2, b.length - 2, null)).isEqualTo(ObjectValue.builder()
                .put("a", new ArrayValue(List.of(NumberValue.of(1), NumberValue.of(2)))).build());
        assertThat(parser.parse(b, 2, b.length - 3, null)).as("cut short").isNull();
    }

    @Test
    void everyMemberKnowsWhereItsValueWasReceived() {
        String json = "{ \"id\" : \"E-1\", \"n\": 2.50e1 , \"esc\":\"a\\nb\", \"o\": {\"x\": [1, 2]}, \"u\": \"\u00e9\" }";
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ObjectValue o = (ObjectValue) parser.parse(b, 0, b.length, null);
        assertThat(o.receivedBytes()).isSameAs(b);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < o.size(); i++) {
            texts.add(new String(b, o.receivedStart(i), o.receivedEnd(i) - o.receivedStart(i), StandardCharsets.UTF_8));
        }
        assertThat(texts).containsExactly("\"E-1\"", "2.50e1", "\"a\\nb\"", "{\"x\": [1, 2]}", "\"\u00e9\"");
        assertThat(o.receivedUtf8Start(0)).isEqualTo(o.receivedStart(0) + 1);
        assertThat(o.receivedUtf8Start(1)).as("not a string").isEqualTo(-1);
        assertThat(o.receivedUtf8Start(2)).as("received with an escape").isEqualTo(-1);
        assertThat(new String(b, o.receivedUtf8Start(4), o.receivedEnd(4) - 1 - o.receivedUtf8Start(4),
                StandardCharsets.UTF_8)).isEqualTo("\u00e9");

        ObjectValue replaced = o.withValueAt(0, new StringValue("pseudonym"));
        assertThat(replaced.receivedStart(0)).isEqualTo(-1);
        assertThat(replaced.receivedStart(1)).isEqualTo(o.receivedStart(1));
        assertThat(o.receivedStart(0)).as("the original is unchanged").isPositive();
        ObjectValue mapped = o.mapValues(v -> v instanceof NumberValue ? NumberValue.of(3) : v);
        assertThat(mapped.receivedStart(1)).isEqualTo(-1);
        assertThat(mapped.receivedStart(3)).isEqualTo(o.receivedStart(3));
        assertThat(ObjectValue.builder().put("a", 1).build().receivedBytes()).isNull();
    }

    @Test
    void aRootFollowingTheTemplateSharesItsShapeAndANewOrderDoesNot() {
        byte[] first = "{\"a\":1,\"b\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"a\":2,\"b\":\"y\"}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"b\":\"y\",\"a\":2}".getBytes(StandardCharsets.UTF_8);
        byte[] shorter = "{\"a\":2}".getBytes(StandardCharsets.UTF_8);
        byte[] duplicate = "{\"a\":2,\"a\":3}".getBytes(StandardCharsets.UTF_8);
        ObjectValue template = (ObjectValue) parser.parse(first, 0, first.length, null);
        ObjectValue same = (ObjectValue) parser.parse(second, 0, second.length, template);
        ObjectValue reordered = (ObjectValue) parser.parse(other, 0, other.length, template);
        assertThat(same.m().shape).isSameAs(template.m().shape);
        assertThat(same).isEqualTo(ObjectValue.builder().put("a", 2).put("b", "y").build());
        assertThat(reordered.m().shape).isNotSameAs(template.m().shape);
        assertThat(reordered).isEqualTo(same);
        assertThat(parser.parse(shorter, 0, shorter.length, template)).isEqualTo(ObjectValue.builder().put("a", 2).build());
        assertThat(parser.parse(duplicate, 0, duplicate.length, template)).isNull();
    }

    @Test
    void writingAsReceivedCopiesUnchangedMembersAndWritesReplacedOnes() {
        String json = "{\"id\":\"E-1\",\"n\":2.50e1,\"esc\":\"a\\u0041\",\"o\":{\"x\": [1,  2]},\"pii\":\"raw\"}";
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ObjectValue o = (ObjectValue) parser.parse(b, 0, b.length, null);
        PayloadJson.Utf8Writer writer = new PayloadJson.Utf8Writer(8);
        int n = writer.writeAsReceived(o);
        assertThat(new String(writer.bytes(), 0, n, StandardCharsets.UTF_8)).isEqualTo(json);
        n = writer.writeAsReceived(o.withValueAt(4, new StringValue("p\"s")));
        String written = new String(writer.bytes(), 0, n, StandardCharsets.UTF_8);
        assertThat(written).isEqualTo("{\"id\":\"E-1\",\"n\":2.50e1,\"esc\":\"a\\u0041\",\"o\":{\"x\": [1,  2]},\"pii\":\"p\\\"s\"}");
        byte[] again = written.getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(again, 0, again.length, null)).isEqualTo(o.withValueAt(4, new StringValue("p\"s")));
        // Two members replaced in one copy: the runs between them are still copied as received.
        ObjectValue two = o.withValuesAt(new int[] {0, 4, -7}, new PayloadValue[] {new StringValue("P0"),
                new StringValue("P4"), null}, 2);
        n = writer.writeAsReceived(two);
        assertThat(new String(writer.bytes(), 0, n, StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"P0\",\"n\":2.50e1,\"esc\":\"a\\u0041\",\"o\":{\"x\": [1,  2]},\"pii\":\"P4\"}");
        assertThat(two).isEqualTo(o.withValueAt(0, new StringValue("P0")).withValueAt(4, new StringValue("P4")));
        assertThat(two.receivedStart(0)).isEqualTo(-1);
        assertThat(two.receivedStart(4)).isEqualTo(-1);
        assertThat(two.receivedStart(1)).isEqualTo(o.receivedStart(1));
        PayloadValue built = ObjectValue.builder().put("a", 1.0).build();
        n = writer.writeAsReceived(built);
        assertThat(new String(writer.bytes(), 0, n, StandardCharsets.UTF_8)).as("built, not received").isEqualTo(PayloadJson.write(built));
    }

    @Test
    void aLookupFindsNamesByPositionPerShape() {
        ObjectValue.Lookup lookup = new ObjectValue.Lookup(List.of("b", "zz", "a"));
        ObjectValue ab = ObjectValue.builder().put("a", 1).put("b", 2).build();
        ObjectValue ba = ObjectValue.builder().put("b", 2).put("a", 1).build();
        assertThat(lookup.position(ab, 0)).isEqualTo(1);
        assertThat(lookup.position(ab, 1)).isEqualTo(-1);
        assertThat(lookup.position(ab, 2)).isEqualTo(0);
        assertThat(lookup.position(ba, 0)).isEqualTo(0);
        assertThat(lookup.position(ba, 2)).isEqualTo(1);
    }

    private static final String[] TEXTS = {"", "a", "EVENT_0001", "q\"b\\s/\n\r\t\b\f\u0001", "\u2028|\u2029",
            "Zoë", "日本語", "play \uD83C\uDFAC!", "x".repeat(70)};

    private static ObjectValue randomObject(Random random, int depth) {
        ObjectValue.Builder b = ObjectValue.builder();
        int members = random.nextInt(depth == 0 ? 12 : 5);
        for (int i = 0; i < members; i++) {
            b.put(TEXTS[random.nextInt(TEXTS.length)] + i, randomValue(random, depth));
        }
        return b.build();
    }

    private static PayloadValue randomValue(Random random, int depth) {
        int kind = random.nextInt(depth < 3 ? 9 : 7);
        return switch (kind) {
            case 0 -> new StringValue(TEXTS[random.nextInt(TEXTS.length)]);
            case 1 -> NumberValue.of((random.nextLong() % 1_000_000_000_000_000_000L) >> random.nextInt(64)); // 18 digits at most
            case 2 -> NumberValue.of((random.nextInt(2_000_001) - 1_000_000) / 64.0);
            case 3 -> NumberValue.of(Double.parseDouble(random.nextInt(100_000) + "." + random.nextInt(100))); // short decimals
            case 4 -> BooleanValue.of(random.nextBoolean());
            case 5 -> NullValue.INSTANCE;
            case 6 -> new StringValue(Long.toString(random.nextLong()));
            case 7 -> randomObject(random, depth + 1);
            default -> {
                List<PayloadValue> elements = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    elements.add(randomValue(random, depth + 1));
                }
                yield new ArrayValue(elements);
            }
        };
    }
}
