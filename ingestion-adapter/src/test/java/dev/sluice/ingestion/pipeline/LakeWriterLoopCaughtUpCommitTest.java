package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.testing.InMemoryDeadLetterSink;
import dev.sluice.domain.testing.InMemoryEventLake;
import dev.sluice.ingestion.kafka.RecordDecoder;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParseLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caught-up commit: a batch of at least {@code caughtUpBatchEvents} items is committed as soon
 * as the consumer has read every partition it owns to the end, long before {@code maxBatchInterval}
 * (60 s here) and {@code maxBatchEvents} (10,000 here). A smaller batch, or one whose consumer still
 * lags, waits. Kafka's {@link org.apache.kafka.clients.consumer.MockConsumer} serves a log of 300
 * records; the domain's in-memory lake stores them.
 */
class LakeWriterLoopCaughtUpCommitTest {

    private static final String TOPIC = "acme-telemetry.caught-up-test";
    private static final int PER_PARTITION = 150;
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private record Run(InMemoryEventLake lake, SimpleMeterRegistry registry) {
        double closed(String trigger) {
            var c = registry.find("sluice.pipeline.batches.closed").tag("trigger", trigger).counter();
            return c == null ? 0 : c.count();
        }
    }

    @Test
    void aCaughtUpBatchIsCommittedAtOnce() throws Exception {
        Run run = run(200, PER_PARTITION, Duration.ofSeconds(20));

        List<String> stored = run.lake().committedEvents().stream().map(e -> e.envelope().eventId()).toList();
        assertThat(stored).hasSize(2 * PER_PARTITION).doesNotHaveDuplicates();
        assertThat(run.lake().committedPositions().nextOffsets()).isEqualTo(Map.of(
                new dev.sluice.domain.model.ingest.TopicPartition(TOPIC, 0), (long) PER_PARTITION,
                new dev.sluice.domain.model.ingest.TopicPartition(TOPIC, 1), (long) PER_PARTITION));
        assertThat(run.closed("caught_up")).isEqualTo(1);
        assertThat(run.closed("age")).isZero();
        assertThat(run.closed("size")).isZero();
    }

    @ParameterizedTest(name = "threshold {0}, end offset {1}")
    @CsvSource({
            "400, 150",   // the whole log (300 items) is below the threshold
            "0, 150",     // turned off
            "200, 1000",  // the brokers report more than the consumer has read: it still lags
    })
    void aSmallOrLaggingBatchWaitsForItsAge(int threshold, long endOffset) throws Exception {
        Run run = run(threshold, endOffset, Duration.ofSeconds(3));

        assertThat(run.lake().committedEvents()).as("nothing committed before the 60 s age").isEmpty();
        assertThat(run.closed("caught_up")).isZero();
    }

    /**
     * Runs the loop over the log until the lake holds every record or {@code wait} has passed, then
     * stops it. The age limit is 60 s, so only the caught-up rule can commit within {@code wait}.
     */
    private static Run run(int caughtUpBatchEvents, long endOffset, Duration wait) throws Exception {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = LogConsumer.acmeLog(List.of(P0, P1),
                PER_PARTITION, (partition, offset) -> String.format("EVENT_%08x", partition * 100_000 + offset));
        LogConsumer consumer = new LogConsumer(log, 40);
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, endOffset, P1, endOffset));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));

        PipelineConfig config = LakeHarness.withCaughtUpBatchEvents(LakeHarness.config("unused:9092",
                "telemetry.events.raw.caught-up-test", 10_000, Duration.ofSeconds(60)), caughtUpBatchEvents);
        List<SourceTopicConfig> sources = List.of(LakeHarness.acme(TOPIC));
        PartitionedSeenEventIndex index = new PartitionedSeenEventIndex(config.dedupHorizon());
        InMemoryEventLake lake = new InMemoryEventLake();
        SeenEventHistory history = (partition, horizon, sink) -> 0;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LakeWriterLoop loop = new LakeWriterLoop(Pipelines.settings(config, sources), consumer,
                new RecordDecoder(new JsonItemParser(ParseLimits.DEFAULTS), Pipelines.mappings(config, sources)),
                Pipelines.useCase(config, sources, LakeHarness.schemas(), index, lake, new InMemoryDeadLetterSink()),
                lake, index, history, new PipelineMetrics(registry, index));

        Thread thread = Thread.ofPlatform().name("loop-under-test").start(loop);
        long deadline = System.nanoTime() + wait.toNanos();
        while (lake.committedEvents().size() < 2 * PER_PARTITION && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        loop.stop();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thread.isAlive()).isFalse();
        assertThat(loop.state()).isEqualTo(LakeWriterLoop.State.STOPPED);
        return new Run(lake, registry);
    }
}
