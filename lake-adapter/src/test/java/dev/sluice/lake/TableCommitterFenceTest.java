package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.model.ingest.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableCommitterFenceTest {

    private static final TopicPartition TP = new TopicPartition("telemetry.events.raw", 0);
    private static final CommitMarker AT_100_EPOCH_5 = CommitMarker.NONE.advance(Map.of(TP, 100L), 5, "old", "c-1");

    @Test
    void theOwnerContinuesWhenTheTableHoldsWhatItLastSaw() {
        assertThatCode(() -> TableCommitter.checkFence("t", AT_100_EPOCH_5, Map.of(TP, Optional.of(100L)),
                Map.of(TP, new WriterEpoch("new", 6)))).doesNotThrowAnyException();
        assertThatCode(() -> TableCommitter.checkFence("t", AT_100_EPOCH_5, Map.of(TP, Optional.of(100L)),
                Map.of(TP, new WriterEpoch("old", 5)))).doesNotThrowAnyException();
    }

    @Test
    void aWriterWithAnOlderEpochIsFenced() {
        assertThatThrownBy(() -> TableCommitter.checkFence("t", AT_100_EPOCH_5, Map.of(TP, Optional.of(100L)),
                Map.of(TP, new WriterEpoch("stale", 4))))
                .isInstanceOf(WriterFencedException.class)
                .hasMessageContaining("epoch 4").hasMessageContaining("epoch 5");
    }

    @Test
    void aWriterIsFencedWhenAnotherMovedTheOffsetsSinceItLooked() {
        assertThatThrownBy(() -> TableCommitter.checkFence("t", AT_100_EPOCH_5, Map.of(TP, Optional.of(60L)),
                Map.of(TP, new WriterEpoch("w", 9))))
                .isInstanceOf(WriterFencedException.class)
                .hasMessageContaining("expected committed offset 60 but writer old committed 100");
        assertThatThrownBy(() -> TableCommitter.checkFence("t", AT_100_EPOCH_5, Map.of(TP, Optional.empty()),
                Map.of(TP, new WriterEpoch("w", 9))))
                .isInstanceOf(WriterFencedException.class)
                .hasMessageContaining("expected committed offset none");
    }

    @Test
    void positionsThatDoNotAdvanceAreRefused() {
        assertThatThrownBy(() -> TableCommitter.checkAdvance("t", AT_100_EPOCH_5, Map.of(TP, 100L)))
                .isInstanceOf(WriterFencedException.class)
                .hasMessageContaining("do not advance");
        assertThatCode(() -> TableCommitter.checkAdvance("t", AT_100_EPOCH_5, Map.of(TP, 101L)))
                .doesNotThrowAnyException();
    }
}
