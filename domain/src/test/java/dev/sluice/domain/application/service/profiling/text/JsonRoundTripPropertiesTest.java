package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRoundTripPropertiesTest {

    @Provide
    Arbitrary<PayloadValue> trees() {
        return PayloadArbitraries.values(3);
    }

    @Provide
    Arbitrary<List<ObjectValue>> documentLists() {
        return PayloadArbitraries.documents(3).list().ofMaxSize(8);
    }

    @Property(tries = 250)
    void readingWrittenJsonGivesBackTheSameTree(@ForAll("trees") PayloadValue tree,
                                                @ForAll boolean escapeNonAscii, @ForAll boolean indent) {
        String json = new TestJsonWriter(escapeNonAscii, indent).write(tree);
        JsonReader reader = new JsonReader(new StringReader(json), JsonReaderOptions.DEFAULTS);
        assertThat(reader.nextTree()).isEqualTo(tree);
        assertThat(reader.next()).isEqualTo(JsonToken.END_OF_INPUT);
    }

    @Property(tries = 100)
    void ndjsonAndArrayFramingsGiveBackTheSameDocuments(@ForAll("documentLists") List<ObjectValue> documents) {
        StringBuilder ndjson = new StringBuilder();
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < documents.size(); i++) {
            String json = TestJsonWriter.compact(documents.get(i));
            ndjson.append(json).append('\n');
            array.append(i == 0 ? "\n" : ",\n").append(json);
        }
        array.append("\n]");
        assertThat(read(ndjson.toString(), JsonDocumentFormat.NDJSON)).isEqualTo(documents);
        assertThat(read(array.toString(), JsonDocumentFormat.ARRAY)).isEqualTo(documents);
        assertThat(read(ndjson.toString(), JsonDocumentFormat.AUTO)).isEqualTo(documents);
    }

    private static List<PayloadValue> read(String input, JsonDocumentFormat format) {
        List<PayloadValue> out = new ArrayList<>();
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        try (JsonDocumentReader reader = JsonDocumentReader.of(new ByteArrayInputStream(bytes), format,
                JsonReaderOptions.DEFAULTS)) {
            for (JsonDocument d = reader.next(); d != null; d = reader.next()) {
                out.add(((JsonDocument.Parsed) d).value());
            }
        }
        return out;
    }
}
