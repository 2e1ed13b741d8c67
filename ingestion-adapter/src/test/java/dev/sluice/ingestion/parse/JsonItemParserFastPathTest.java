package dev.sluice.ingestion.parse;

import dev.sluice.domain.model.payload.ObjectValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path against Jackson alone, on the same documents: random JSON in every spelling the
 * grammar allows (number forms, escapes, whitespace, nesting up to past the limit), and the same
 * documents with random bytes deleted, inserted or replaced. Each must give the same item: the same
 * value when parsed, the same reason and detail when not. So the fast path never accepts what Jackson
 * refuses, and never reads a value differently.
 */
class JsonItemParserFastPathTest {

    private static final ParseLimits LIMITS = new ParseLimits(1024 * 1024, 8);
    private static final String[] NUMBERS = {"0", "-0", "1", "-17", "123456789012345678", "1234567890123456789",
            "-9223372036854775808", "9223372036854775807", "92233720368547758070", "0.0", "-0.0", "0.5", "25.5",
            "1e2", "1E+2", "1e-2", "2.50e1", "-1.5E-7", "0.000000000000000000000000001", "1e22", "1e23", "1e308",
            "1e309", "4.9e-324", "1.7976931348623157e308", "0.1234567890123456789", "123456789012345.6",
            "1234567890123456.7", "1.00000000000000000000", "3.141592653589793", "100.0", "1e0", "1e2147483648",
            "-2.5e-99999999999", "922337e0368547758070"};
    private static final String[] STRINGS = {"", "a", "EVENT_00000001", "q\\\"b", "\\\\", "\\/", "\\n\\r\\t\\b\\f",
            "\\u00e9", "\\uD83C\\uDFAC", "\\ud800", "\\u0000", "Zoë", "日本語", "\uD83C\uDFAC", "\u2028", "tab\\tend",
            "\\x", "\\u12", "a\tb"};

    @Test
    void theFastPathGivesJacksonsItemForEveryDocument() {
        JsonItemParser withFastPath = new JsonItemParser(LIMITS);
        JsonItemParser jacksonOnly = new JsonItemParser(LIMITS, false);
        Random random = new Random(5);
        int parsedByBoth = 0;
        int refusedByBoth = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder json = new StringBuilder();
            value(random, json, 0);
            byte[] document = json.toString().getBytes(StandardCharsets.UTF_8);
            if (i % 2 == 1) {
                document = mutate(random, document);
            }
            ParsedItem fast = withFastPath.parseDocument(document);
            ParsedItem jackson = jacksonOnly.parseDocument(document);
            String shown = new String(document, StandardCharsets.UTF_8);
            assertThat(fast.getClass()).as(shown).isEqualTo(jackson.getClass());
            switch (fast) {
                case ParsedItem.Parsed p -> {
                    assertThat(p.value()).as(shown).isEqualTo(((ParsedItem.Parsed) jackson).value());
                    parsedByBoth++;
                }
                case ParsedItem.Unparseable u -> {
                    ParsedItem.Unparseable j = (ParsedItem.Unparseable) jackson;
                    assertThat(u.reason()).as(shown).isEqualTo(j.reason());
                    assertThat(u.detail()).as(shown).isEqualTo(j.detail());
                    refusedByBoth++;
                }
            }
        }
        assertThat(parsedByBoth).as("documents parsed").isGreaterThan(8_000);
        assertThat(refusedByBoth).as("documents refused").isGreaterThan(3_000);
    }

    @Test
    void aParsedObjectRemembersItsMembersAsReceivedAndSharesTheShapeOfTheLastOne() {
        JsonItemParser parser = new JsonItemParser(LIMITS);
        byte[] first = "{\"event_id\":\"E1\",\"n\":1.50}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"event_id\":\"E2\",\"n\":2e0}".getBytes(StandardCharsets.UTF_8);
        ObjectValue a = (ObjectValue) ((ParsedItem.Parsed) parser.parseOwnedDocument(first)).value();
        ObjectValue b = (ObjectValue) ((ParsedItem.Parsed) parser.parseOwnedDocument(second)).value();
        assertThat(b.receivedBytes()).isSameAs(second);
        assertThat(new String(second, b.receivedStart(1), b.receivedEnd(1) - b.receivedStart(1), StandardCharsets.UTF_8))
                .isEqualTo("2e0");
        assertThat(a.receivedBytes()).isSameAs(first);
        ObjectValue.Lookup lookup = new ObjectValue.Lookup(List.of("n"));
        assertThat(lookup.position(a, 0)).isEqualTo(1);
        assertThat(lookup.position(b, 0)).isEqualTo(1);
    }

    private static void value(Random random, StringBuilder out, int depth) {
        int kind = random.nextInt(depth < 10 ? 8 : 5);
        switch (kind) {
            case 0 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 1 -> out.append('"').append(STRINGS[random.nextInt(STRINGS.length)]).append('"');
            case 2 -> out.append(random.nextBoolean() ? "true" : "false");
            case 3 -> out.append("null");
            case 4 -> out.append('"').append(STRINGS[random.nextInt(STRINGS.length)]).append(random.nextInt(99)).append('"');
            case 5 -> {
                out.append('[').append(space(random));
                for (int n = random.nextInt(4), k = 0; k < n; k++) {
                    if (k > 0) {
                        out.append(',').append(space(random));
                    }
                    value(random, out, depth + 1);
                }
                out.append(space(random)).append(']');
            }
            default -> {
                out.append('{').append(space(random));
                List<String> names = new ArrayList<>();
                for (int n = random.nextInt(6), k = 0; k < n; k++) {
                    if (k > 0) {
                        out.append(',').append(space(random));
                    }
                    String name = random.nextInt(12) == 0 && !names.isEmpty()
                            ? names.get(random.nextInt(names.size())) // a duplicate name, now and then
                            : STRINGS[random.nextInt(STRINGS.length)] + k;
                    names.add(name);
                    out.append('"').append(name).append('"').append(space(random)).append(':').append(space(random));
                    value(random, out, depth + 1);
                }
                out.append(space(random)).append('}');
            }
        }
    }

    private static String space(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n\t ";
            case 2 -> "\r\n";
            default -> "";
        };
    }

    private static byte[] mutate(Random random, byte[] document) {
        if (document.length == 0) {
            return new byte[]{(byte) random.nextInt(256)};
        }
        int at = random.nextInt(document.length);
        byte[] bytes = {'{', '}', '[', ']', ',', ':', '"', '\\', '0', '.', 'e', '-', ' ', 'x', (byte) 0xC3,
                (byte) 0xA9, (byte) 0x80, (byte) 0xFF, 0x01};
        byte b = bytes[random.nextInt(bytes.length)];
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] out = new byte[document.length - 1];
                System.arraycopy(document, 0, out, 0, at);
                System.arraycopy(document, at + 1, out, at, document.length - at - 1);
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[document.length + 1];
                System.arraycopy(document, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(document, at, out, at + 1, document.length - at);
                yield out;
            }
            default -> {
                byte[] out = document.clone();
                out[at] = b;
                yield out;
            }
        };
    }
}
