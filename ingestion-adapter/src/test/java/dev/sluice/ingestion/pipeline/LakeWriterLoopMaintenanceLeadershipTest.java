package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.testing.InMemoryDeadLetterSink;
import dev.sluice.domain.testing.InMemoryEventLake;
import dev.sluice.ingestion.kafka.RecordDecoder;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParseLimits;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maintenance leadership follows the consumer group's assignment: the loop leads while its consumer
 * owns partition 0 of the first of its topics by name, and stops leading when that partition is
 * revoked or the loop stops. Kafka's {@link MockConsumer} plays the group.
 */
class LakeWriterLoopMaintenanceLeadershipTest {

    private static final String ACME = "acme-telemetry.leader-test";
    private static final String RAW = "telemetry.events.raw.leader-test";

    @Test
    void leadsWhileItOwnsPartitionZeroOfTheFirstTopic() throws Exception {
        TopicPartition leader = new TopicPartition(ACME, 0);   // "acme-…" sorts before "telemetry…"
        TopicPartition acme1 = new TopicPartition(ACME, 1);
        TopicPartition raw0 = new TopicPartition(RAW, 0);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updateBeginningOffsets(Map.of(leader, 0L, acme1, 0L, raw0, 0L));
        consumer.updateEndOffsets(Map.of(leader, 0L, acme1, 0L, raw0, 0L));

        PipelineConfig config = LakeHarness.config("unused:9092", RAW, 100, Duration.ofSeconds(2));
        List<SourceTopicConfig> sources = List.of(LakeHarness.acme(ACME));
        PartitionedSeenEventIndex index = new PartitionedSeenEventIndex(config.dedupHorizon());
        SeenEventHistory history = (partition, horizon, sink) -> 0;
        InMemoryEventLake lake = new InMemoryEventLake();
        LakeWriterLoop loop = new LakeWriterLoop(Pipelines.settings(config, sources), consumer,
                new RecordDecoder(new JsonItemParser(ParseLimits.DEFAULTS), Pipelines.mappings(config, sources)),
                Pipelines.useCase(config, sources, LakeHarness.schemas(), index, lake, new InMemoryDeadLetterSink()),
                lake, index, history, PipelineMetrics.noop(index));
        assertThat(loop.leaderPartition()).isEqualTo(leader);

        // Each poll runs one task on the loop's thread: a rebalance, then a look at the flag.
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(acme1, raw0)));
        consumer.schedulePollTask(() -> seen.add(loop.leadsMaintenance()));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(leader, acme1, raw0)));
        consumer.schedulePollTask(() -> seen.add(loop.leadsMaintenance()));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(acme1)));
        consumer.schedulePollTask(() -> seen.add(loop.leadsMaintenance()));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(leader)));
        consumer.schedulePollTask(() -> seen.add(loop.leadsMaintenance()));

        Thread thread = Thread.ofPlatform().name("loop-under-test").start(loop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.size() < 4 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        boolean leadingBeforeStop = loop.leadsMaintenance();
        var claimedBeforeStop = lake.claimed().keySet();
        loop.stop();
        thread.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(seen).containsExactly(false, true, false, true);
        assertThat(leadingBeforeStop).isTrue();
        assertThat(claimedBeforeStop).as("the lake's claims follow the assignment: the others were released")
                .containsExactly(new dev.sluice.domain.model.ingest.TopicPartition(ACME, 0));
        assertThat(thread.isAlive()).isFalse();
        assertThat(loop.leadsMaintenance()).as("a stopped loop leads nothing").isFalse();
    }
}
