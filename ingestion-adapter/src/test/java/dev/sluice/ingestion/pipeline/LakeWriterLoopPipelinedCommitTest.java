package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.testing.InMemoryDeadLetterSink;
import dev.sluice.domain.testing.InMemoryEventLake;
import dev.sluice.ingestion.kafka.RecordDecoder;
import dev.sluice.ingestion.parse.JsonItemParser;
import dev.sluice.ingestion.parse.ParseLimits;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop's pipelined commits (a batch commits on the committer thread while the next is decided)
 * with fakes around it: Kafka's {@link MockConsumer} fed from a replayable log, the domain's
 * in-memory lake, dead-letter sink and the lake's events as the seen-event history. Duplicates sit
 * 20 offsets after their first copy, so they often fall in the batch after the first copy's, while
 * that batch commits; two commits fail (one before and one after landing). In the end every
 * distinct event is in the lake once, and no copy is.
 */
class LakeWriterLoopPipelinedCommitTest {

    private static final String TOPIC = "acme-telemetry.loop-test";
    private static final int PER_PARTITION = 300;
    private static final int DUPLICATE_EVERY = 25;

    /**
     * The in-memory lake, each commit 150 ms long; the 2nd fails and the 4th lands and then reports an
     * unknown state.
     */
    private static final class FailingLake implements EventLake {
        final InMemoryEventLake lake = new InMemoryEventLake();
        final AtomicInteger completes = new AtomicInteger();

        @Override
        public StreamPositions claim(WriterEpoch writer, Set<dev.sluice.domain.model.ingest.TopicPartition> partitions) {
            return lake.claim(writer, partitions);
        }

        @Override
        public void release(Set<dev.sluice.domain.model.ingest.TopicPartition> partitions) {
            lake.release(partitions);
        }

        @Override
        public PendingAppend begin() {
            PendingAppend append = lake.begin();
            return new PendingAppend() {
                @Override
                public void write(StoredEvent event) {
                    append.write(event);
                }

                @Override
                public void complete(StreamPositions positions) {
                    int n = completes.incrementAndGet();
                    if (n == 2) {
                        lake.failNextCommit(InMemoryEventLake.Failure.FAILED);
                    } else if (n == 4) {
                        lake.failNextCommit(InMemoryEventLake.Failure.STATE_UNKNOWN_AFTER_COMMIT);
                    }
                    // A commit that takes a while, as a real one does: the loop decides the next batch meanwhile.
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
                    append.complete(positions);
                }

                @Override
                public void close() {
                    append.close();
                }
            };
        }
    }

    @Test
    void everyEventEndsInTheLakeOnceThroughFailedPipelinedCommits() throws Exception {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        Set<String> distinct = new HashSet<>();
        // Every DUPLICATE_EVERY-th record repeats the id of the record 20 offsets before it.
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = LogConsumer.acmeLog(List.of(p0, p1),
                PER_PARTITION, (partition, o) -> {
                    boolean copy = o % DUPLICATE_EVERY == DUPLICATE_EVERY - 1;
                    String id = String.format("EVENT_%08x", partition * 100_000 + (copy ? o - 20 : o));
                    distinct.add(id);
                    return id;
                });
        LogConsumer consumer = new LogConsumer(log, 40);
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        consumer.updateEndOffsets(Map.of(p0, (long) PER_PARTITION, p1, (long) PER_PARTITION));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(p0, p1)));

        FailingLake failing = new FailingLake();
        InMemoryEventLake lake = failing.lake;
        InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
        PipelineConfig config = LakeHarness.config("unused:9092", "telemetry.events.raw.loop-test", 100,
                Duration.ofSeconds(2));
        List<SourceTopicConfig> sources = List.of(LakeHarness.acme(TOPIC));
        PartitionedSeenEventIndex index = new PartitionedSeenEventIndex(config.dedupHorizon());
        SeenEventHistory history = (partition, horizon, sink) -> {
            long n = 0;
            for (StoredEvent e : lake.committedEvents()) {
                if (e.channel() instanceof KafkaCoordinates k && k.topicPartition().equals(partition)) {
                    sink.accept(e.seen());
                    n++;
                }
            }
            return n;
        };
        LakeWriterLoop loop = new LakeWriterLoop(Pipelines.settings(config, sources), consumer,
                new RecordDecoder(new JsonItemParser(ParseLimits.DEFAULTS), Pipelines.mappings(config, sources)),
                Pipelines.useCase(config, sources, LakeHarness.schemas(), index, failing, deadLetters), failing, index,
                history, PipelineMetrics.noop(index));

        Thread thread = Thread.ofPlatform().name("loop-under-test").start(loop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<dev.sluice.domain.model.ingest.TopicPartition, Long> done = Map.of(
                new dev.sluice.domain.model.ingest.TopicPartition(TOPIC, 0), (long) PER_PARTITION,
                new dev.sluice.domain.model.ingest.TopicPartition(TOPIC, 1), (long) PER_PARTITION);
        while (!lake.committedPositions().nextOffsets().equals(done) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        loop.stop();
        thread.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(thread.isAlive()).isFalse();
        assertThat(loop.state()).isEqualTo(LakeWriterLoop.State.STOPPED);
        assertThat(failing.completes.get()).as("both failures happened").isGreaterThanOrEqualTo(5);
        assertThat(lake.committedPositions().nextOffsets()).isEqualTo(done);
        List<String> stored = lake.committedEvents().stream().map(e -> e.envelope().eventId()).toList();
        assertThat(stored).as("each distinct event once").hasSize(distinct.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(stored)).isEqualTo(distinct);
        assertThat(deadLetters.all()).isEmpty();
    }
}
