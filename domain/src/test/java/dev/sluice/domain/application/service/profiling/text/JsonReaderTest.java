package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReaderTest {

    private static PayloadValue parse(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        PayloadValue value = reader.nextTree();
        assertThat(reader.next()).isEqualTo(JsonToken.END_OF_INPUT);
        return value;
    }

    private static TextSyntaxException failure(String json) {
        return failure(json, JsonReaderOptions.DEFAULTS);
    }

    private static TextSyntaxException failure(String json, JsonReaderOptions options) {
        JsonReader reader = new JsonReader(new StringReader(json), options);
        try {
            while (reader.next() != JsonToken.END_OF_INPUT) {
                // drain
            }
        } catch (TextSyntaxException e) {
            return e;
        }
        throw new AssertionError("no syntax error in " + json);
    }

    private static String string(String json) {
        return ((StringValue) parse(json)).value();
    }

    @Test
    void streamsTokensOfAnObjectInOrder() {
        JsonReader reader = new JsonReader(new StringReader("{\"a\": [1, \"x\", true, false, null], \"b\": {}}"));
        List<JsonToken> tokens = new ArrayList<>();
        for (JsonToken t = reader.next(); t != JsonToken.END_OF_INPUT; t = reader.next()) {
            tokens.add(t);
        }
        assertThat(tokens).containsExactly(JsonToken.BEGIN_OBJECT, JsonToken.NAME, JsonToken.BEGIN_ARRAY,
                JsonToken.NUMBER, JsonToken.STRING, JsonToken.TRUE, JsonToken.FALSE, JsonToken.NULL, JsonToken.END_ARRAY,
                JsonToken.NAME, JsonToken.BEGIN_OBJECT, JsonToken.END_OBJECT, JsonToken.END_OBJECT);
    }

    @Test
    void buildsTreesWithMembersInDocumentOrder() {
        PayloadValue value = parse(" {\"z\":1,\"a\":[true,null,{\"k\":\"v\"}],\"m\":{}} ");
        assertThat(value).isEqualTo(ObjectValue.builder()
                .put("z", 1L)
                .put("a", new ArrayValue(List.of(BooleanValue.TRUE, NullValue.INSTANCE,
                        ObjectValue.builder().put("k", "v").build())))
                .put("m", ObjectValue.EMPTY)
                .build());
        assertThat(((ObjectValue) value).members().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void decodesEveryEscape() {
        assertThat(string("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041\\u00e9\\u4E2D\"")).isEqualTo("\" \\ / \b \f \n \r \t Aé中");
    }

    @Test
    void decodesEscapedAndRawSurrogatePairs() {
        assertThat(string("\"\\uD83D\\uDE00\"")).isEqualTo("😀");
        assertThat(string("\"a😀b\"")).isEqualTo("a😀b");
    }

    @Test
    void readsUtf8BytesIncludingSupplementaryCharacters() {
        byte[] bytes = "{\"emoji\":\"😀\",\"accent\":\"é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PayloadValue value = JsonReader.of(new ByteArrayInputStream(bytes), JsonReaderOptions.DEFAULTS).nextTree();
        assertThat(value).isEqualTo(ObjectValue.builder().put("emoji", "😀").put("accent", "é").build());
    }

    @Test
    void refusesInvalidUtf8AsUnrecoverable() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        JsonReader reader = JsonReader.of(new ByteArrayInputStream(bytes), JsonReaderOptions.DEFAULTS);
        assertThatThrownBy(reader::nextTree).isInstanceOfSatisfying(TextSyntaxException.class, e -> {
            assertThat(e.problem()).startsWith("invalid UTF-8");
            assertThat(e.recoverable()).isFalse();
        });
    }

    @Test
    void skipsAByteOrderMark() {
        assertThat(parse("\uFEFF{\"a\":1}")).isEqualTo(ObjectValue.builder().put("a", 1L).build());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "0|0|Long",
            "-0|0|Long",
            "42|42|Long",
            "-9223372036854775808|-9223372036854775808|Long",
            "9223372036854775807|9223372036854775807|Long",
            "9223372036854775808|9223372036854775808|BigDecimal",
            "1.5|1.5|Double",
            "1.0|1.0|Double",
            "-2.5e3|-2500.0|Double",
            "1E2|100.0|Double",
            "0.30000000000000004|0.30000000000000004|Double",
            "3.14159265358979323846|3.14159265358979323846|BigDecimal",
            "1e400|1E+400|BigDecimal",
            "1e-400|1E-400|BigDecimal",
    })
    void convertsNumbersWithoutLoss(String literal, String expected, String kind) {
        Number n = ((NumberValue) parse(literal)).value();
        assertThat(n.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(n.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "01|leading zeros are not allowed in a number|1|2",
            "-|expected a digit after '-' but found the end of the input|1|2",
            "1.|expected a digit after the decimal point but found the end of the input|1|3",
            "1e|expected a digit in the exponent but found the end of the input|1|3",
            "+1|expected a value but found '+'|1|1",
            "12a|unexpected character 'a' after a number|1|3",
            "tru|expected the literal 'true' but found the end of the input|1|4",
            "nulls|unexpected character 's' after null|1|5",
            "NaN|expected a value but found 'N'|1|1",
            "'a'|expected a value but found '''|1|1",
            "[1,]|expected a value but found ']'|1|4",
            "[1 2]|expected ',' or ']' after an array element but found '2'|1|4",
            "{\"a\" 1}|expected ':' after member name \"a\" but found '1'|1|6",
            "{\"a\":1,}|expected a member name after ',' but found '}'|1|8",
            "{a:1}|expected a member name or '}' but found 'a'|1|2",
            "{\"a\":1 \"b\":2}|expected ',' or '}' after a member value but found '\"'|1|8",
            "\"abc|unterminated string (opened at line 1, column 1)|1|5",
            "\"\\x\"|invalid escape sequence '\\x'|1|3",
            "\"\\u12G4\"|expected a hex digit in a \\u escape but found 'G'|1|6",
    })
    void reportsSyntaxErrorsWithTheirPosition(String json, String problem, long line, long column) {
        TextSyntaxException e = failure(json);
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.getMessage()).isEqualTo(problem + " at line " + line + ", column " + column);
    }

    @Test
    void countsLinesAndColumnsAcrossLineBreaks() {
        TextSyntaxException e = failure("{\n  \"a\": 1,\n  \"b\": tru\n}");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(11);
    }

    @Test
    void refusesRawControlCharactersInStrings() {
        TextSyntaxException e = failure("\"a\tb\"");
        assertThat(e.problem()).isEqualTo("control character U+0009 must be escaped in a string");
        assertThat(e.column()).isEqualTo(3);
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertThat(failure("\"\\uD83D\"").problem())
                .isEqualTo("escaped high surrogate \\uD83D is not followed by an escaped low surrogate");
        assertThat(failure("\"\\uD83D\\u0041\"").problem())
                .isEqualTo("escaped high surrogate \\uD83D is followed by \\u0041, not a low surrogate");
        assertThat(failure("\"\\uDE00\"").problem())
                .isEqualTo("escaped low surrogate \\uDE00 without a high surrogate before it");
        assertThat(failure("\"\uD83Dx\"").problem())
                .isEqualTo("high surrogate U+D83D is not followed by a low surrogate");
        assertThat(failure("\"\uDE00\"").problem())
                .isEqualTo("low surrogate U+DE00 without a high surrogate before it");
    }

    @Test
    void refusesDuplicateMemberNamesAtTheSecondName() {
        TextSyntaxException e = failure2("{\"a\":1,\n \"a\":2}");
        assertThat(e.problem()).isEqualTo("duplicate member name \"a\"");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(2);
    }

    private static TextSyntaxException failure2(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        try {
            reader.nextTree();
        } catch (TextSyntaxException e) {
            return e;
        }
        throw new AssertionError("no error in " + json);
    }

    @Test
    void enforcesTheDepthLimit() {
        JsonReaderOptions three = JsonReaderOptions.DEFAULTS.withMaxDepth(3);
        assertThat(new JsonReader(new StringReader("[[{\"a\":1}]]"), three).nextTree()).isInstanceOf(ArrayValue.class);
        TextSyntaxException e = failure("[[{\"a\":[1]}]]", three);
        assertThat(e.problem()).isEqualTo("nesting deeper than the limit of 3");
        assertThat(e.column()).isEqualTo(8);
    }

    @Test
    void survivesDeepNestingUpToTheLimitWithoutStackOverflow() {
        int depth = JsonReaderOptions.MAX_DEPTH_LIMIT;
        String json = "[".repeat(depth) + "]".repeat(depth);
        PayloadValue value = new JsonReader(new StringReader(json), JsonReaderOptions.DEFAULTS.withMaxDepth(depth)).nextTree();
        assertThat(value).isInstanceOf(ArrayValue.class);
        assertThat(failure("[".repeat(depth + 1), JsonReaderOptions.DEFAULTS.withMaxDepth(depth)).problem())
                .isEqualTo("nesting deeper than the limit of " + depth);
    }

    @Test
    void enforcesTheDocumentSizeLimitEvenInsideOneLongString() {
        JsonReaderOptions small = JsonReaderOptions.DEFAULTS.withMaxDocumentChars(20_000);
        String fits = "{\"a\":\"" + "x".repeat(19_000) + "\"}";
        assertThat(new JsonReader(new StringReader(fits), small).nextTree()).isInstanceOf(ObjectValue.class);
        String tooLong = "{\"a\":\"" + "x".repeat(50_000) + "\"}";
        assertThat(failure(tooLong, small).problem()).isEqualTo("document longer than the limit of 20000 characters");
    }

    @Test
    void readsTopLevelValuesSeparatedByWhitespace() {
        JsonReader reader = new JsonReader(new StringReader("{\"a\":1}\n[2] \"s\" 3 true"));
        List<PayloadValue> values = new ArrayList<>();
        for (PayloadValue v = reader.nextTree(); v != null; v = reader.nextTree()) {
            values.add(v);
        }
        assertThat(values).containsExactly(ObjectValue.builder().put("a", 1L).build(),
                new ArrayValue(List.of(NumberValue.of(2))), new StringValue("s"), NumberValue.of(3), BooleanValue.TRUE);
    }

    @Test
    void resumesOnTheNextLineAfterARecoverableError() {
        JsonReader reader = new JsonReader(new StringReader("{\"a\": oops}\n{\"b\": 2}"));
        assertThatThrownBy(reader::nextTree).isInstanceOf(TextSyntaxException.class);
        assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call skipToNextLine() to resume");
        reader.skipToNextLine();
        assertThat(reader.nextTree()).isEqualTo(new ObjectValue(Map.of("b", NumberValue.of(2))));
    }

    @Test
    void exposesTheCurrentTokenValues() {
        JsonReader reader = new JsonReader(new StringReader("{\"n\": 12.5}"));
        reader.next();
        assertThat(reader.next()).isEqualTo(JsonToken.NAME);
        assertThat(reader.text()).isEqualTo("n");
        assertThatThrownBy(reader::number).isInstanceOf(IllegalStateException.class);
        assertThat(reader.next()).isEqualTo(JsonToken.NUMBER);
        assertThat(reader.number()).isEqualTo(12.5);
        assertThat(reader.depth()).isEqualTo(1);
        assertThat(new BigDecimal("12.5")).isEqualByComparingTo(BigDecimal.valueOf(reader.number().doubleValue()));
    }
}
