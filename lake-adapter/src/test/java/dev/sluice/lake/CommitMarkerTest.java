package dev.sluice.lake;

import dev.sluice.domain.model.ingest.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitMarkerTest {

    private static final TopicPartition RAW_0 = new TopicPartition("telemetry.events.raw", 0);
    private static final TopicPartition RAW_10 = new TopicPartition("telemetry.events.raw", 10);
    private static final TopicPartition ACME_2 = new TopicPartition("acme-telemetry", 2);

    @Test
    void offsetsAreOneJsonObjectPerTopicWithPartitionsInNumericOrder() {
        String json = CommitMarker.encode(Map.of(RAW_10, 5L, RAW_0, 1200L, ACME_2, 7L));

        assertThat(json).isEqualTo("{\"acme-telemetry\":{\"2\":7},\"telemetry.events.raw\":{\"0\":1200,\"10\":5}}");
        assertThat(CommitMarker.decode(json)).isEqualTo(Map.of(RAW_10, 5L, RAW_0, 1200L, ACME_2, 7L));
    }

    @Test
    void aMarkerRoundTripsThroughTheSnapshotSummary() {
        CommitMarker marker = CommitMarker.NONE.advance(Map.of(RAW_0, 100L, ACME_2, 9L), 7, "writer-a", "c-1");

        Map<String, String> summary = marker.toSummary();

        assertThat(summary).containsEntry(CommitMarker.WRITER_ID, "writer-a").containsEntry(CommitMarker.COMMIT_ID, "c-1");
        assertThat(CommitMarker.fromSummary(summary)).contains(marker);
    }

    @Test
    void advancingKeepsPartitionsTheBatchDidNotCover() {
        CommitMarker first = CommitMarker.NONE.advance(Map.of(RAW_0, 100L, RAW_10, 50L), 3, "a", "c-1");

        CommitMarker second = first.advance(Map.of(RAW_0, 180L), 4, "b", "c-2");

        assertThat(second.offsets()).isEqualTo(Map.of(RAW_0, 180L, RAW_10, 50L));
        assertThat(second.epoch(RAW_0)).isEqualTo(4);
        assertThat(second.epoch(RAW_10)).isEqualTo(3);
        assertThat(second.epoch(ACME_2)).isEqualTo(-1);
    }

    @Test
    void aSnapshotWithoutSluiceOffsetsHasNoMarker() {
        assertThat(CommitMarker.fromSummary(Map.of("operation", "replace"))).isEmpty();
        assertThat(CommitMarker.fromSummary(null)).isEmpty();
    }

    @Test
    void corruptOffsetsAreReportedWithTheirText() {
        assertThatThrownBy(() -> CommitMarker.decode("{\"t\":{\"x\":1}}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{\"t\":{\"x\":1}}");
    }
}
