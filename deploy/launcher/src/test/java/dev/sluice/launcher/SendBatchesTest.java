package dev.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SendBatchesTest {

    @Test
    void ndjsonIsSplitIntoBatchesThatRememberTheFileIndexOfTheirFirstEvent() {
        String file = IntStream.range(0, 2_500).mapToObj(i -> "{\"n\":" + i + "}").collect(Collectors.joining("\n"));

        List<Send.Batch> batches = Send.batches(file);

        assertThat(batches).extracting(Send.Batch::items).containsExactly(1_000, 1_000, 500);
        assertThat(batches).extracting(Send.Batch::firstIndex).containsExactly(0, 1_000, 2_000);
        assertThat(batches.get(2).body()).startsWith("{\"n\":2000}\n");
        assertThat(batches).allMatch(batch -> batch.contentType().equals("application/x-ndjson"));
    }

    @Test
    void blankLinesAreNotEvents() {
        assertThat(Send.batches("{\"a\":1}\n\n  \n{\"a\":2}\n")).singleElement()
                .satisfies(batch -> assertThat(batch.items()).isEqualTo(2));
    }

    @Test
    void aSmallJsonArrayIsSentWithTheProducersBytesUntouched() {
        String array = "[ {\"a\": 1},\n  {\"a\": 2} ]";

        assertThat(Send.batches(array)).singleElement().satisfies(batch -> {
            assertThat(batch.body()).isEqualTo(array);
            assertThat(batch.contentType()).isEqualTo("application/json");
            assertThat(batch.items()).isEqualTo(2);
        });
    }

    @Test
    void anArrayThatIsNotJsonGoesToTheCollectorWhichSaysWhy() {
        assertThat(Send.batches("[{\"a\": 1},")).singleElement()
                .satisfies(batch -> assertThat(batch.contentType()).isEqualTo("application/json"));
    }

    @Test
    void anEmptyFileIsRefusedWithWhatToSend() {
        assertThatThrownBy(() -> Send.batches("\n \n")).isInstanceOf(LauncherException.class).hasMessageContaining("NDJSON");
    }
}
