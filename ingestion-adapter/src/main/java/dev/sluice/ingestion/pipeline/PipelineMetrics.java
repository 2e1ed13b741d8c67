package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.application.port.in.IngestOutcome;
import dev.sluice.domain.application.port.in.IngestResult;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.lateness.Lateness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's Prometheus metrics, tallied per chunk and recorded once per committed batch
 * (never a meter update per event on the hot path):
 * <ul>
 *   <li>{@code sluice_pipeline_events_in_total{topic}}, items consumed and decided;</li>
 *   <li>{@code sluice_pipeline_events_total{topic, source, outcome}}, outcome stored, duplicate or dead_letter;</li>
 *   <li>{@code sluice_pipeline_dead_letters_total{reason}}, {@code sluice_pipeline_duplicates_total{source}},
 *       {@code sluice_pipeline_late_events_total{source}};</li>
 *   <li>{@code sluice_pipeline_commit_duration_seconds} (the session's commit: dead letters, lake commit, index),
 *       {@code sluice_pipeline_last_commit_timestamp_seconds};</li>
 *   <li>{@code sluice_pipeline_consumer_lag{topic, partition}} from the brokers' end offsets minus the
 *       lake's committed positions, and {@code sluice_pipeline_seen_index_entries} / {@code _bytes}.</li>
 *   <li>{@code sluice_pipeline_batches_closed_total{trigger}}, batches closed for commit by size, age or
 *       caught_up (see {@link LakeWriterLoop.Trigger});</li>
 *   <li>{@code sluice_pipeline_replay_overrides_total{outcome}}: replayed records whose lateness
 *       overrides were accepted or refused (see {@link #replayOverrides}).</li>
 * </ul>
 */
final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Timer commitTimer;
    private final AtomicLong lastCommitEpochSeconds = new AtomicLong();
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

    PipelineMetrics(MeterRegistry registry, PartitionedSeenEventIndex index) {
        this.registry = registry;
        this.commitTimer = Timer.builder("sluice.pipeline.commit.duration").publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("sluice.pipeline.last.commit.timestamp.seconds", lastCommitEpochSeconds);
        registry.gauge("sluice.pipeline.seen.index.entries", index, PartitionedSeenEventIndex::entries);
        registry.gauge("sluice.pipeline.seen.index.bytes", index, PartitionedSeenEventIndex::memoryBytes);
    }

    /**
     * {@code sluice_pipeline_replay_overrides_total{outcome="accepted"|"refused"}}: records replayed
     * with lateness overrides, by whether their signature held.
     */
    static void replayOverrides(MeterRegistry registry, dev.sluice.ingestion.kafka.RecordDecoder decoder) {
        io.micrometer.core.instrument.FunctionCounter.builder("sluice.pipeline.replay.overrides", decoder,
                        dev.sluice.ingestion.kafka.RecordDecoder::overridesAccepted)
                .tag("outcome", "accepted").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("sluice.pipeline.replay.overrides", decoder,
                        dev.sluice.ingestion.kafka.RecordDecoder::overridesRefused)
                .tag("outcome", "refused").register(registry);
    }

    static PipelineMetrics noop(PartitionedSeenEventIndex index) {
        return new PipelineMetrics(new SimpleMeterRegistry(), index);
    }

    /** A new, empty tally of one batch's outcomes. */
    BatchTally newBatch() {
        return new BatchTally();
    }

    /** Records a committed batch: its tally, and the duration of its commit. */
    void recordBatch(BatchTally tally, long commitNanos) {
        commitTimer.record(commitNanos, TimeUnit.NANOSECONDS);
        lastCommitEpochSeconds.set(System.currentTimeMillis() / 1000);
        tally.counts.forEach((key, n) -> registry.counter(key.meter(), key.tags()).increment(n[0]));
    }

    /**
     * The outcome counts of one batch, added chunk by chunk as the session decides them and
     * recorded only once the batch is committed (an abandoned batch's tally is dropped): the
     * counters count committed outcomes exactly once. It holds counts per counter, never items.
     */
    static final class BatchTally {
        private final Map<Key, long[]> counts = new HashMap<>();

        /** One counter of one batch. Null fields are not tags of the counter. */
        private record Key(String meter, String topic, String source, String outcome, String reason) {
            Tags tags() {
                Tags tags = Tags.empty();
                if (topic != null) {
                    tags = tags.and("topic", topic);
                }
                if (source != null) {
                    tags = tags.and("source", source);
                }
                if (outcome != null) {
                    tags = tags.and("outcome", outcome);
                }
                if (reason != null) {
                    tags = tags.and("reason", reason);
                }
                return tags;
            }
        }

        private BatchTally() {
        }

        /** Counts the provisional outcomes of one chunk: {@code result} holds one per item of {@code chunk}. */
        void add(List<IncomingEvent> chunk, IngestResult result) {
            if (chunk.size() != result.size()) {
                throw new IllegalArgumentException("a chunk of " + chunk.size() + " items has " + result.size()
                        + " outcomes");
            }
            for (int i = 0; i < chunk.size(); i++) {
                String topic = chunk.get(i).channel() instanceof KafkaCoordinates k ? k.topic() : "http";
                count(new Key("sluice.pipeline.events.in", topic, null, null, null));
                switch (result.get(i)) {
                    case IngestOutcome.Stored s -> {
                        count(new Key("sluice.pipeline.events", topic, s.source(), "stored", null));
                        if (s.lateness() == Lateness.LATE) {
                            count(new Key("sluice.pipeline.late.events", null, s.source(), null, null));
                        }
                    }
                    case IngestOutcome.Duplicate d -> {
                        count(new Key("sluice.pipeline.events", topic, d.source(), "duplicate", null));
                        count(new Key("sluice.pipeline.duplicates", null, d.source(), null, null));
                    }
                    case IngestOutcome.DeadLettered d -> {
                        count(new Key("sluice.pipeline.events", topic, "-", "dead_letter", null));
                        count(new Key("sluice.pipeline.dead.letters", null, null, null, d.reason().name()));
                    }
                }
            }
        }

        private void count(Key key) {
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
        }
    }

    void recordLag(String topic, int partition, long lag) {
        lags.computeIfAbsent(topic + "-" + partition, k -> registry.gauge("sluice.pipeline.consumer.lag",
                Tags.of("topic", topic, "partition", Integer.toString(partition)), new AtomicLong())).set(lag);
    }

    /** {@code sluice_pipeline_batches_closed_total{trigger}}: batches closed for commit, by what closed them. */
    void batchClosed(LakeWriterLoop.Trigger trigger) {
        registry.counter("sluice.pipeline.batches.closed", "trigger", trigger.tag).increment();
    }

    void recordFailure(String kind) {
        registry.counter("sluice.pipeline.batch.failures", "kind", kind).increment();
    }

}
