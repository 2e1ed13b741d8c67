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
 * The pipeline's Prometheus metrics, counted once per batch (never per event on the hot path):
 * <ul>
 *   <li>{@code sluice_pipeline_events_in_total{topic}}, items consumed and decided;</li>
 *   <li>{@code sluice_pipeline_events_total{topic, source, outcome}}, outcome stored, duplicate or dead_letter;</li>
 *   <li>{@code sluice_pipeline_dead_letters_total{reason}}, {@code sluice_pipeline_duplicates_total{source}},
 *       {@code sluice_pipeline_late_events_total{source}};</li>
 *   <li>{@code sluice_pipeline_commit_duration_seconds} (the use case call: dead letters, lake commit),
 *       {@code sluice_pipeline_last_commit_timestamp_seconds};</li>
 *   <li>{@code sluice_pipeline_consumer_lag{topic, partition}} from the brokers' end offsets minus the
 *       lake's committed positions, and {@code sluice_pipeline_seen_index_entries} / {@code _bytes}.</li>
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

    static PipelineMetrics noop(PartitionedSeenEventIndex index) {
        return new PipelineMetrics(new SimpleMeterRegistry(), index);
    }

    void recordBatch(List<IncomingEvent> items, IngestResult result, long commitNanos) {
        commitTimer.record(commitNanos, TimeUnit.NANOSECONDS);
        lastCommitEpochSeconds.set(System.currentTimeMillis() / 1000);
        Map<Tags, long[]> counts = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String topic = items.get(i).channel() instanceof KafkaCoordinates k ? k.topic() : "http";
            count(counts, Tags.of("name", "in", "topic", topic));
            switch (result.get(i)) {
                case IngestOutcome.Stored s -> {
                    count(counts, Tags.of("name", "events", "topic", topic, "source", s.source(), "outcome", "stored"));
                    if (s.lateness() == Lateness.LATE) {
                        count(counts, Tags.of("name", "late", "source", s.source()));
                    }
                }
                case IngestOutcome.Duplicate d -> {
                    count(counts, Tags.of("name", "events", "topic", topic, "source", d.source(), "outcome", "duplicate"));
                    count(counts, Tags.of("name", "duplicates", "source", d.source()));
                }
                case IngestOutcome.DeadLettered d -> {
                    count(counts, Tags.of("name", "events", "topic", topic, "source", "-", "outcome", "dead_letter"));
                    count(counts, Tags.of("name", "dead_letters", "reason", d.reason().name()));
                }
            }
        }
        counts.forEach((tags, n) -> {
            String name = tags.stream().filter(t -> t.getKey().equals("name")).findFirst().orElseThrow().getValue();
            Tags rest = Tags.of(tags.stream().filter(t -> !t.getKey().equals("name")).toList());
            String meter = switch (name) {
                case "in" -> "sluice.pipeline.events.in";
                case "events" -> "sluice.pipeline.events";
                case "late" -> "sluice.pipeline.late.events";
                case "duplicates" -> "sluice.pipeline.duplicates";
                default -> "sluice.pipeline.dead.letters";
            };
            registry.counter(meter, rest).increment(n[0]);
        });
    }

    void recordLag(String topic, int partition, long lag) {
        lags.computeIfAbsent(topic + "-" + partition, k -> registry.gauge("sluice.pipeline.consumer.lag",
                Tags.of("topic", topic, "partition", Integer.toString(partition)), new AtomicLong())).set(lag);
    }

    void recordFailure(String kind) {
        registry.counter("sluice.pipeline.batch.failures", "kind", kind).increment();
    }

    private static void count(Map<Tags, long[]> counts, Tags tags) {
        counts.computeIfAbsent(tags, t -> new long[1])[0]++;
    }
}
