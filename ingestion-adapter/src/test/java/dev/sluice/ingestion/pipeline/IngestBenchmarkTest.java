package dev.sluice.ingestion.pipeline;

import dev.sluice.ingestion.pipeline.IngestBenchmark.Latency;
import dev.sluice.ingestion.pipeline.IngestBenchmark.Options;
import dev.sluice.ingestion.pipeline.IngestBenchmark.Report;
import dev.sluice.ingestion.pipeline.IngestBenchmark.TableFiles;
import dev.sluice.localstack.Endpoints;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plumbing of {@code ./sluice bench ingest} on the shared test stack, with small figures: every
 * figure is printed and the counts add up. It asserts no speed (the command prints figures; a test
 * must not fail on a busy machine).
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers({Server.KAFKA, Server.POSTGRES, Server.S3, Server.TRINO})
class IngestBenchmarkTest {

    private static final int EVENTS = 20_000;
    private static final int RATE = 1_000;
    private static final int SECONDS = 5;
    private static final int WARMUP = 2;

    @Test
    void theBenchmarkDrainsEveryEventAndMeasuresEveryProbeInTrino(Endpoints endpoints) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Options options = new Options(EVENTS, RATE, SECONDS, WARMUP, 50, 400, Duration.ofMinutes(4),
                List.of("-Xmx512m", "-XX:+UseSerialGC"), 200_000, Duration.ofSeconds(5), 20_000);

        Report report = IngestBenchmark.run(options, () -> endpoints,
                () -> LocalStackExtension.shared(EnumSet.of(Server.TRINO)).endpoints(), out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(report.preloaded()).isEqualTo(EVENTS);
        assertThat(report.drained()).isEqualTo(EVENTS);
        assertThat(report.startupSeconds()).isPositive();
        assertThat(report.cpuSeconds()).isPositive();
        assertThat(report.pipelinePeakRssKb()).isPositive();
        assertThat(report.treePeakRssKb()).isGreaterThan(report.pipelinePeakRssKb());
        assertThat(report.batches()).isPositive();
        Map<String, TableFiles> files = report.files().stream().collect(Collectors.toMap(TableFiles::table, f -> f));
        assertThat(files).containsKeys("events", "dead_letters");
        assertThat(files.get("events").rows()).isEqualTo(EVENTS);
        assertThat(files.get("events").files()).isPositive();
        assertThat(files.get("dead_letters").rows()).isZero();

        Map<String, Long> byThread = report.cpuTicksByThread();
        assertThat(byThread).containsKeys(ThreadCpuSampler.CATEGORIES.values().toArray(String[]::new));
        assertThat(byThread.get(ThreadCpuSampler.CATEGORIES.get("sluice-lake-wri"))).as("the pipeline thread worked").isPositive();
        // The row writers are per-batch threads, sampled every 100 ms: on a loaded machine (a CI run once
        // showed it) a writer's ticks can all fall between samples, so their lines are printed, not asserted.
        assertThat(byThread.values().stream().mapToLong(Long::longValue).sum() / (double) IngestBenchmark.CLOCK_TICKS_PER_SECOND)
                .as("threads never add up to more than the process").isLessThanOrEqualTo(report.cpuSeconds() + 0.05);

        IngestBenchmark.Visibility v = report.visibility();
        assertThat(v.produced()).isEqualTo(RATE * (WARMUP + SECONDS));
        assertThat(v.committed()).isEqualTo(RATE * (WARMUP + SECONDS));
        assertThat(v.probesSent()).isEqualTo(RATE * SECONDS / 50);
        assertThat(v.trino().count()).as("every probe was seen in Trino").isEqualTo(v.probesSent());
        assertThat(v.snapshot().count()).as("every measured event is covered by a snapshot").isEqualTo(RATE * SECONDS);
        assertThat(v.snapshotWithWarmup().count()).as("so is every warm-up event").isEqualTo(RATE * (WARMUP + SECONDS));
        assertThat(v.trino().p50()).isPositive().isLessThanOrEqualTo(v.trino().p99());
        assertThat(v.trino().p99()).isLessThanOrEqualTo(v.trino().max());
        assertThat(v.polls()).isPositive();

        assertThat(printed).contains(
                "pipeline start-up", "events drained", String.format("%,d", EVENTS), "events/s", "CPU-seconds (pipeline JVM)",
                "us CPU per event", "target <= 13", "CPU of the drain by thread", "pipeline thread", "target >= 100,000", "steady events/s", "peak RSS (pipeline JVM)",
                "peak RSS (process tree)", "Files written", "events", "dead_letters",
                "Trino p50 / p99 / max", "target p99 <= 10 s", "snapshot p50 / p99 / max", "with the warm-up", "Load average");
        assertThat(printed).containsPattern("drain: [0-9,]+ events in [0-9.]+ s");
    }

    @Test
    void percentilesAreNearestRank() {
        Latency latency = Latency.of(LongStream.rangeClosed(1, 200).boxed().toList().reversed());

        assertThat(latency.count()).isEqualTo(200);
        assertThat(latency.p50()).isEqualTo(100);
        assertThat(latency.p99()).isEqualTo(198);
        assertThat(latency.max()).isEqualTo(200);
    }

    @Test
    void theSteadyFigureSpansTheFirstToTheLastFullBatch() {
        long second = 1_000_000_000L;
        List<long[]> commits = List.of(new long[] {10 * second, 100, 1_000}, new long[] {12 * second, 300, 1_300},
                new long[] {14 * second, 500, 1_600}, new long[] {19 * second, 520, 1_700});

        IngestBenchmark.Steady steady = IngestBenchmark.Steady.of(commits);

        assertThat(steady.events()).isEqualTo(400);
        assertThat(steady.seconds()).isEqualTo(4.0);
        assertThat(steady.eventsPerSecond()).isEqualTo(100.0);
        assertThat(steady.cpuSeconds()).isEqualTo(600.0 / IngestBenchmark.CLOCK_TICKS_PER_SECOND);
        assertThat(IngestBenchmark.Steady.of(commits.subList(0, 2))).isNull();
    }

    @Test
    void readsTheCommittedOffsetsOfASnapshotSummary() {
        String offsets = "{\"acme-telemetry.lat-1\":{\"0\":1200,\"1\": 1199},\"other\":{\"0\":7}}";

        assertThat(IngestBenchmark.nextOffset(offsets, "acme-telemetry.lat-1", 0)).isEqualTo(1200);
        assertThat(IngestBenchmark.nextOffset(offsets, "acme-telemetry.lat-1", 1)).isEqualTo(1199);
        assertThat(IngestBenchmark.nextOffset(offsets, "missing", 0)).isZero();
    }
}
