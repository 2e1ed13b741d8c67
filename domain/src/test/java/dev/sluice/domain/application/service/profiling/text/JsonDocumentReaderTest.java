package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDocumentReaderTest {

    private static List<JsonDocument> read(String json, JsonDocumentFormat format) {
        return read(json, format, JsonReaderOptions.DEFAULTS);
    }

    private static List<JsonDocument> read(String json, JsonDocumentFormat format, JsonReaderOptions options) {
        List<JsonDocument> out = new ArrayList<>();
        try (JsonDocumentReader reader = JsonDocumentReader.of(new StringReader(json), format, options)) {
            for (JsonDocument d = reader.next(); d != null; d = reader.next()) {
                out.add(d);
            }
        }
        return out;
    }

    private static JsonDocument.Parsed doc(long index, long line, int a) {
        return new JsonDocument.Parsed(index, line, ObjectValue.builder().put("a", a).build());
    }

    @Test
    void readsOneDocumentPerLineOfNdjsonSkippingBlankLines() {
        assertThat(read("{\"a\":1}\n\n{\"a\":2}\r\n{\"a\":3}", JsonDocumentFormat.NDJSON))
                .containsExactly(doc(0, 1, 1), doc(1, 3, 2), doc(2, 4, 3));
    }

    @Test
    void skipsExactlyTheMalformedLineOfNdjson() {
        List<JsonDocument> docs = read("{\"a\":1}\n{\"a\":\n{\"a\":3}\n{\"a\" 4}\n{\"a\":5}", JsonDocumentFormat.NDJSON);
        assertThat(docs).containsExactly(
                doc(0, 1, 1),
                new JsonDocument.Malformed(1, 2, 6, "the line ends inside a document (NDJSON holds one document per line)"),
                doc(2, 3, 3),
                new JsonDocument.Malformed(3, 4, 6, "expected ':' after member name \"a\" but found '4'"),
                doc(4, 5, 5));
    }

    @Test
    void skipsAnOversizedNdjsonLineAndGoesOn() {
        String big = "{\"a\":\"" + "x".repeat(40_000) + "\"}";
        List<JsonDocument> docs = read(big + "\n{\"a\":2}", JsonDocumentFormat.NDJSON,
                JsonReaderOptions.DEFAULTS.withMaxDocumentChars(10_000));
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0)).isInstanceOfSatisfying(JsonDocument.Malformed.class,
                m -> assertThat(m.message()).isEqualTo("document longer than the limit of 10000 characters"));
        assertThat(docs.get(1)).isEqualTo(doc(1, 2, 2));
    }

    @Test
    void streamsTheElementsOfATopLevelArrayAsDocuments() {
        assertThat(read("[\n{\"a\":1},\n{\"a\":2}\n]\n", JsonDocumentFormat.ARRAY))
                .containsExactly(doc(0, 2, 1), doc(1, 3, 2));
        assertThat(read("[]", JsonDocumentFormat.ARRAY)).isEmpty();
    }

    @Test
    void countsTheDepthLimitFromEachArrayElement() {
        JsonReaderOptions one = JsonReaderOptions.DEFAULTS.withMaxDepth(1);
        assertThat(read("[{\"a\":1}]", JsonDocumentFormat.ARRAY, one)).containsExactly(doc(0, 1, 1));
        assertThat(read("[{\"a\":[1]}]", JsonDocumentFormat.ARRAY, one)).singleElement()
                .isInstanceOf(JsonDocument.Malformed.class);
    }

    @Test
    void endsAnArrayAtItsFirstSyntaxError() {
        List<JsonDocument> docs = read("[{\"a\":1}, {\"a\" 2}, {\"a\":3}]", JsonDocumentFormat.ARRAY);
        assertThat(docs).containsExactly(doc(0, 1, 1),
                new JsonDocument.Malformed(1, 1, 16, "expected ':' after member name \"a\" but found '2'"));
    }

    @Test
    void refusesAnArrayInputThatIsNotAnArray() {
        assertThat(read("{\"a\":1}", JsonDocumentFormat.ARRAY)).containsExactly(
                new JsonDocument.Malformed(0, 1, 1, "expected a top-level array of documents but found BEGIN_OBJECT"));
    }

    @Test
    void refusesContentAfterTheArray() {
        assertThat(read("[{\"a\":1}] {}", JsonDocumentFormat.ARRAY)).containsExactly(doc(0, 1, 1),
                new JsonDocument.Malformed(1, 1, 11, "unexpected content after the top-level array"));
    }

    @Test
    void readsASinglePrettyPrintedDocumentAndRefusesTrailingContent() {
        assertThat(read("{\n  \"a\": 1\n}\n", JsonDocumentFormat.SINGLE)).containsExactly(doc(0, 1, 1));
        assertThat(read("{\"a\":1} {\"a\":2}", JsonDocumentFormat.SINGLE)).containsExactly(doc(0, 1, 1),
                new JsonDocument.Malformed(1, 1, 9, "unexpected content after the document"));
        assertThat(read("  ", JsonDocumentFormat.SINGLE)).isEmpty();
    }

    @Test
    void detectsTheFormat() {
        assertThat(read("[{\"a\":1},{\"a\":2}]", JsonDocumentFormat.AUTO)).containsExactly(doc(0, 1, 1), doc(1, 1, 2));
        assertThat(read("{\"a\":1}\n{\"a\":2}", JsonDocumentFormat.AUTO)).containsExactly(doc(0, 1, 1), doc(1, 2, 2));
        assertThat(read("{\n\"a\":1\n}\n{\n\"a\":2\n}", JsonDocumentFormat.AUTO)).containsExactly(doc(0, 1, 1), doc(1, 4, 2));
    }

    @Test
    void autoDetectedNdjsonRecoversLineByLine() {
        assertThat(read("{\"a\":1}\n{\"a\":\n{\"a\":3}", JsonDocumentFormat.AUTO)).containsExactly(
                doc(0, 1, 1),
                new JsonDocument.Malformed(1, 2, 6, "the line ends inside a document (NDJSON holds one document per line)"),
                doc(2, 3, 3));
        assertThat(read("oops\n{\"a\":2}", JsonDocumentFormat.AUTO)).containsExactly(
                new JsonDocument.Malformed(0, 1, 1, "expected a value but found 'o'"), doc(1, 2, 2));
    }

    @Test
    void endsTheInputAtInvalidUtf8() {
        byte[] bytes = "{\"a\":1}\n{\"a\":\"\u00ff\"}\n{\"a\":3}".getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = new ByteArrayInputStream(bytes);
        List<JsonDocument> docs = new ArrayList<>();
        try (JsonDocumentReader reader = JsonDocumentReader.of(in, JsonDocumentFormat.NDJSON, JsonReaderOptions.DEFAULTS)) {
            for (JsonDocument d = reader.next(); d != null; d = reader.next()) {
                docs.add(d);
            }
        }
        assertThat(docs).hasSize(2);
        assertThat(docs.get(1)).isInstanceOfSatisfying(JsonDocument.Malformed.class,
                m -> assertThat(m.message()).startsWith("invalid UTF-8"));
    }

    @Test
    void readsScalarDocumentsToo() {
        assertThat(read("1\n2", JsonDocumentFormat.NDJSON)).containsExactly(
                new JsonDocument.Parsed(0, 1, NumberValue.of(1)), new JsonDocument.Parsed(1, 2, NumberValue.of(2)));
    }
}
