package dev.sluice.ingestion.parse;

import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.StringValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonItemParserTest {

    private final JsonItemParser parser = new JsonItemParser(ParseLimits.DEFAULTS);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ParsedItem item) {
        return new String(item.bytes(), StandardCharsets.UTF_8);
    }

    private static ParsedItem.Unparseable unparseable(ParsedItem item) {
        assertThat(item).isInstanceOf(ParsedItem.Unparseable.class);
        return (ParsedItem.Unparseable) item;
    }

    private static ObjectValue object(ParsedItem item) {
        assertThat(item).isInstanceOf(ParsedItem.Parsed.class);
        return (ObjectValue) ((ParsedItem.Parsed) item).value();
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    @Nested
    class SingleEvent {

        @Test
        void parsesOneObjectIntoTheDomainModelKeepingMemberOrderAndTypes() {
            List<ParsedItem> items = parser.split(utf8(
                    "{\"event_id\":\"e1\",\"n\":42,\"big\":123456789012345678901234567890,\"f\":1.5,"
                            + "\"exact\":0.1000000000000000055511151231257827,\"t\":true,\"nul\":null,\"arr\":[1,\"x\"]}"),
                    BodyFormat.JSON);

            assertThat(items).hasSize(1);
            ObjectValue value = object(items.getFirst());
            assertThat(value.members().keySet()).containsExactly("event_id", "n", "big", "f", "exact", "t", "nul", "arr");
            assertThat(value.getOrNull("event_id")).isEqualTo(new StringValue("e1"));
            assertThat(value.getOrNull("n")).isEqualTo(NumberValue.of(42L));
            assertThat(value.getOrNull("big")).isEqualTo(new NumberValue(new BigDecimal("123456789012345678901234567890")));
            assertThat(value.getOrNull("f")).isEqualTo(NumberValue.of(1.5));
            assertThat(((NumberValue) value.getOrNull("exact")).value()).isInstanceOf(BigDecimal.class);
            assertThat(value.getOrNull("t")).isEqualTo(BooleanValue.TRUE);
            assertThat(value.getOrNull("nul")).isEqualTo(NullValue.INSTANCE);
            assertThat(value.getOrNull("arr")).isEqualTo(new ArrayValue(List.of(NumberValue.of(1L), new StringValue("x"))));
        }

        @Test
        void keepsTheOriginalBytesWithoutSurroundingWhitespace() {
            String event = "{ \"event_id\" : \"é\" ,\n \"x\": 1 }";

            List<ParsedItem> items = parser.split(utf8("\n  " + event + " \r\n"), BodyFormat.JSON);

            assertThat(items).hasSize(1);
            assertThat(items.getFirst().bytes()).isEqualTo(utf8(event));
            assertThat(items.getFirst().line()).isEqualTo(2);
            assertThat(items.getFirst().column()).isEqualTo(3);
        }

        @Test
        void emptyOrBlankBodyHasNoItems() {
            assertThat(parser.split(new byte[0], BodyFormat.JSON)).isEmpty();
            assertThat(parser.split(utf8(" \n\t "), BodyFormat.JSON)).isEmpty();
            assertThat(parser.split(utf8("\n\n"), BodyFormat.NDJSON)).isEmpty();
        }

        @Test
        void malformedEventIsNotJsonWithLineAndColumn() {
            ParsedItem.Unparseable item = unparseable(parser.split(utf8("{\"a\":1,\n \"b\": tru}"), BodyFormat.JSON).getFirst());

            assertThat(item.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(item.detail()).startsWith("line 2, column ");
            assertThat(item.bytes()).isEqualTo(utf8("{\"a\":1,\n \"b\": tru}"));
        }

        @Test
        void truncatedEventIsNotJson() {
            ParsedItem.Unparseable item = unparseable(parser.split(utf8("{\"a\":\"b"), BodyFormat.JSON).getFirst());

            assertThat(item.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(item.detail()).startsWith("line 1, column ");
        }

        @Test
        void trailingContentAfterTheValueIsNotJson() {
            ParsedItem.Unparseable item = unparseable(parser.split(utf8("{\"a\":1} {\"b\":2}"), BodyFormat.JSON).getFirst());

            assertThat(item.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(item.detail()).isEqualTo("line 1, column 9: unexpected content after the JSON value");
        }

        @Test
        void duplicateMemberNamesAreNotJson() {
            ParsedItem.Unparseable item = unparseable(parser.parseDocument(utf8("{\"a\":1,\"a\":2}")));

            assertThat(item.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(item.detail()).contains("Duplicate field 'a'");
        }

        @Test
        void aNumberBeyondWhatABigDecimalHoldsIsNotJsonRatherThanAFailure() {
            // Found by JsonItemParserFastPathTest: Jackson's BigDecimal conversion threw out of the parser.
            ParsedItem.Unparseable item = unparseable(parser.parseDocument(utf8("{\"a\":[1, 922337e0368547758070]}")));

            assertThat(item.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(item.detail()).startsWith("line 1, column 10: a number is beyond the range Sluice holds (");
        }

        @Test
        void nonStandardJsonIsRefused() {
            assertThat(unparseable(parser.parseDocument(utf8("{'a':1}"))).reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(unparseable(parser.parseDocument(utf8("{\"a\":NaN}"))).reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(unparseable(parser.parseDocument(utf8("{\"a\":1,}"))).reason()).isEqualTo(DeadLetterReason.NOT_JSON);
        }

        @Test
        void aScalarIsWellFormedJsonButNotAnObject() {
            ParsedItem item = parser.parseDocument(utf8("42"));

            assertThat(item).isInstanceOf(ParsedItem.Parsed.class);
            assertThat(((ParsedItem.Parsed) item).value()).isEqualTo(NumberValue.of(42L));
        }
    }

    @Nested
    class Limits {

        @Test
        void nestingAtTheLimitIsAccepted() {
            assertThat(parser.parseDocument(utf8(nested(64)))).isInstanceOf(ParsedItem.Parsed.class);
        }

        @Test
        void nestingBeyondTheLimitIsTooDeep() {
            ParsedItem.Unparseable item = unparseable(parser.parseDocument(utf8(nested(65))));

            assertThat(item.reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
            assertThat(item.detail()).isEqualTo("line 1, column 321: the event nests deeper than the limit of 64 levels");
            assertThat(item.bytes()).isEqualTo(utf8(nested(65)));
        }

        @Test
        void arraysCountAsNestingLevelsToo() {
            String deep = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";

            assertThat(unparseable(parser.parseDocument(utf8(deep))).reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
        }

        @Test
        void aMillionOpeningBracketsAreTooDeepWithoutExhaustingMemory() {
            ParsedItem.Unparseable item = unparseable(parser.parseDocument(utf8("[".repeat(1_000_000))));

            assertThat(item.reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
        }

        @Test
        void eventAtTheSizeLimitIsAccepted() {
            String event = padded(ParseLimits.DEFAULT_MAX_EVENT_BYTES);

            assertThat(parser.parseDocument(utf8(event))).isInstanceOf(ParsedItem.Parsed.class);
        }

        @Test
        void eventOverTheSizeLimitIsOversizedAndKeepsAllItsBytes() {
            String event = padded(ParseLimits.DEFAULT_MAX_EVENT_BYTES + 1);

            ParsedItem.Unparseable item = unparseable(parser.parseDocument(utf8(event)));

            assertThat(item.reason()).isEqualTo(DeadLetterReason.OVERSIZED);
            assertThat(item.detail()).isEqualTo("line 1, column 1: the event is 1048577 bytes, more than the limit of 1048576 bytes");
            assertThat(item.bytes()).hasSize(ParseLimits.DEFAULT_MAX_EVENT_BYTES + 1);
        }

        @Test
        void limitsAreConfigurable() {
            JsonItemParser strict = new JsonItemParser(new ParseLimits(32, 2));

            assertThat(unparseable(strict.parseDocument(utf8("{\"a\":{\"b\":{}}}"))).reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
            assertThat(strict.parseDocument(utf8("{\"a\":{\"b\":1}}"))).isInstanceOf(ParsedItem.Parsed.class);
            assertThat(unparseable(strict.parseDocument(utf8("{\"a\":\"" + "x".repeat(30) + "\"}"))).reason())
                    .isEqualTo(DeadLetterReason.OVERSIZED);
        }

        private static String padded(int size) {
            String head = "{\"pad\":\"";
            String tail = "\"}";
            return head + "x".repeat(size - head.length() - tail.length()) + tail;
        }
    }

    @Nested
    class Encoding {

        @Test
        void utf16IsUnsupportedEncoding() {
            byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);

            assertThat(unparseable(parser.parseDocument(utf16)).reason()).isEqualTo(DeadLetterReason.UNSUPPORTED_ENCODING);
        }

        @Test
        void utf16WithByteOrderMarkIsUnsupportedEncoding() {
            byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16);

            assertThat(unparseable(parser.parseDocument(utf16)).reason()).isEqualTo(DeadLetterReason.UNSUPPORTED_ENCODING);
        }

        @Test
        void invalidUtf8InAStringIsUnsupportedEncoding() {
            byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

            ParsedItem.Unparseable item = unparseable(parser.parseDocument(bytes));

            assertThat(item.reason()).isEqualTo(DeadLetterReason.UNSUPPORTED_ENCODING);
            assertThat(item.bytes()).isEqualTo(bytes);
        }

        @Test
        void aUtf8ByteOrderMarkBeforeTheBodyIsSkipped() {
            byte[] body = utf8("\uFEFF{\"a\":1}");

            List<ParsedItem> items = parser.split(body, BodyFormat.JSON);

            assertThat(items).hasSize(1);
            assertThat(text(items.getFirst())).isEqualTo("{\"a\":1}");
        }
    }

    @Nested
    class JsonArray {

        @Test
        void splitsElementsKeepingEachElementsExactBytes() {
            String a = "{\"event_id\":\"a\",\"s\":\"x,]}\\\"[{\"}";
            String b = "{ \"event_id\" : \"b\", \"nested\": [ {\"k\": [1, 2]} ] }";

            List<ParsedItem> items = parser.split(utf8("[\n  " + a + " ,\n  " + b + "\n]\n"), BodyFormat.JSON);

            assertThat(items).extracting(JsonItemParserTest::text).containsExactly(a, b);
            assertThat(items).allMatch(i -> i instanceof ParsedItem.Parsed);
            assertThat(items).extracting(ParsedItem::line).containsExactly(2, 3);
            assertThat(items).extracting(ParsedItem::column).containsExactly(3, 3);
        }

        @Test
        void emptyArrayHasNoItems() {
            assertThat(parser.split(utf8(" [ ] "), BodyFormat.JSON)).isEmpty();
        }

        @Test
        void scalarElementsAreItemsToo() {
            List<ParsedItem> items = parser.split(utf8("[1,\"two\",null,{}]"), BodyFormat.JSON);

            assertThat(items).extracting(JsonItemParserTest::text).containsExactly("1", "\"two\"", "null", "{}");
        }

        @Test
        void aMalformedElementWithBalancedBracketsIsIsolated() {
            List<ParsedItem> items = parser.split(utf8("[{\"a\":1},{\"b\": tru},{\"c\":3}]"), BodyFormat.JSON);

            assertThat(items).hasSize(3);
            assertThat(items.get(0)).isInstanceOf(ParsedItem.Parsed.class);
            ParsedItem.Unparseable bad = unparseable(items.get(1));
            assertThat(bad.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(bad.detail()).startsWith("line 1, column 16:");
            assertThat(text(bad)).isEqualTo("{\"b\": tru}");
            assertThat(object(items.get(2)).getOrNull("c")).isEqualTo(NumberValue.of(3L));
        }

        @Test
        void aTooDeepElementIsIsolated() {
            List<ParsedItem> items = parser.split(utf8("[" + nested(65) + "," + nested(64) + "]"), BodyFormat.JSON);

            assertThat(items).hasSize(2);
            assertThat(unparseable(items.get(0)).reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
            assertThat(items.get(1)).isInstanceOf(ParsedItem.Parsed.class);
        }

        @Test
        void anOversizedElementIsIsolated() {
            String big = "{\"pad\":\"" + "x".repeat(ParseLimits.DEFAULT_MAX_EVENT_BYTES) + "\"}";

            List<ParsedItem> items = parser.split(utf8("[{\"a\":1}," + big + ",{\"c\":3}]"), BodyFormat.JSON);

            assertThat(items).hasSize(3);
            assertThat(unparseable(items.get(1)).reason()).isEqualTo(DeadLetterReason.OVERSIZED);
            assertThat(items.get(1).bytes()).isEqualTo(utf8(big));
            assertThat(items.get(2)).isInstanceOf(ParsedItem.Parsed.class);
        }

        @Test
        void anUnterminatedStringMakesTheRestOfTheArrayOneItem() {
            List<ParsedItem> items = parser.split(utf8("[{\"a\":1},{\"b\":\"oops},{\"c\":3}]"), BodyFormat.JSON);

            assertThat(items).hasSize(2);
            ParsedItem.Unparseable rest = unparseable(items.get(1));
            assertThat(rest.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(text(rest)).isEqualTo("{\"b\":\"oops},{\"c\":3}]");
            assertThat(rest.detail()).contains("the rest of the array, 20 bytes, is kept as one item");
            assertThat(rest.column()).isEqualTo(10);
        }

        @Test
        void aMissingCommaMakesTheRestOfTheArrayOneItem() {
            List<ParsedItem> items = parser.split(utf8("[{\"a\":1} {\"b\":2}, {\"c\":3}]"), BodyFormat.JSON);

            assertThat(items).hasSize(2);
            ParsedItem.Unparseable rest = unparseable(items.get(1));
            assertThat(text(rest)).isEqualTo("{\"b\":2}, {\"c\":3}]");
            assertThat(rest.detail()).isEqualTo("line 1, column 10: expected ',' or ']' after an array element");
        }

        @Test
        void aTruncatedArrayEndsWithAnItemThatSaysSo() {
            List<ParsedItem> items = parser.split(utf8("[{\"a\":1},{\"b\":"), BodyFormat.JSON);

            assertThat(items).hasSize(2);
            assertThat(text(items.get(1))).isEqualTo("{\"b\":");
            assertThat(unparseable(items.get(1)).reason()).isEqualTo(DeadLetterReason.NOT_JSON);
        }

        @Test
        void aMissingClosingBracketIsReportedAsAnEmptyTrailingItem() {
            List<ParsedItem> items = parser.split(utf8("[{\"a\":1}"), BodyFormat.JSON);

            assertThat(items).hasSize(2);
            assertThat(items.get(0)).isInstanceOf(ParsedItem.Parsed.class);
            assertThat(items.get(1).bytes()).isEmpty();
            assertThat(unparseable(items.get(1)).detail()).isEqualTo("line 1, column 9: the array is not closed: expected ',' or ']'");
        }

        @Test
        void aTrailingCommaIsReported() {
            List<ParsedItem> items = parser.split(utf8("[{\"a\":1}, ]"), BodyFormat.JSON);

            assertThat(items).hasSize(2);
            assertThat(text(items.get(1))).isEqualTo("]");
            assertThat(unparseable(items.get(1)).detail()).isEqualTo("line 1, column 11: expected an array element after ','");
        }

        @Test
        void contentAfterTheArrayIsKept() {
            List<ParsedItem> items = parser.split(utf8("[{\"a\":1}] {\"b\":2}"), BodyFormat.JSON);

            assertThat(items).hasSize(2);
            assertThat(text(items.get(1))).isEqualTo("{\"b\":2}");
            assertThat(unparseable(items.get(1)).detail()).isEqualTo("line 1, column 11: content after the closing ']' of the array");
        }

        @Test
        void aStrayClosingBraceMakesTheRestOneItem() {
            List<ParsedItem> items = parser.split(utf8("[{\"a\":1},}{\"b\":2}]"), BodyFormat.JSON);

            assertThat(items).hasSize(2);
            assertThat(text(items.get(1))).isEqualTo("}{\"b\":2}]");
        }
    }

    @Nested
    class Ndjson {

        @Test
        void oneItemPerLineIgnoringBlankLinesAndCarriageReturns() {
            List<ParsedItem> items = parser.split(utf8("{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\":3}"), BodyFormat.NDJSON);

            assertThat(items).extracting(JsonItemParserTest::text).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
            assertThat(items).extracting(ParsedItem::line).containsExactly(1, 4, 5);
        }

        @Test
        void aBadLineNeverAffectsTheNextOne() {
            List<ParsedItem> items = parser.split(utf8("{\"a\":1}\n{\"b\":\"unterminated\n{\"c\":3}\n" + nested(65) + "\n[1,2]\n"),
                    BodyFormat.NDJSON);

            assertThat(items).hasSize(5);
            assertThat(items.get(0)).isInstanceOf(ParsedItem.Parsed.class);
            ParsedItem.Unparseable bad = unparseable(items.get(1));
            assertThat(bad.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
            assertThat(bad.detail()).startsWith("line 2, column ");
            assertThat(object(items.get(2)).getOrNull("c")).isEqualTo(NumberValue.of(3L));
            assertThat(unparseable(items.get(3)).reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
            assertThat(items.get(4)).isInstanceOf(ParsedItem.Parsed.class);
        }

        @Test
        void twoValuesOnOneLineAreOneBadItem() {
            List<ParsedItem> items = parser.split(utf8("{\"a\":1}{\"b\":2}\n"), BodyFormat.NDJSON);

            assertThat(items).hasSize(1);
            assertThat(unparseable(items.getFirst()).detail()).isEqualTo("line 1, column 8: unexpected content after the JSON value");
        }

        @Test
        void anOversizedLineIsIsolated() {
            String big = "{\"pad\":\"" + "x".repeat(ParseLimits.DEFAULT_MAX_EVENT_BYTES) + "\"}";

            List<ParsedItem> items = parser.split(utf8("{\"a\":1}\n" + big + "\n{\"c\":3}\n"), BodyFormat.NDJSON);

            assertThat(items).hasSize(3);
            assertThat(unparseable(items.get(1)).reason()).isEqualTo(DeadLetterReason.OVERSIZED);
            assertThat(unparseable(items.get(1)).detail()).startsWith("line 2, column 1: the event is ");
        }
    }
}
