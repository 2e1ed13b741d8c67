package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestJson;
import dev.sluice.localstack.Endpoints;
import dev.sluice.localstack.LocalStack;
import dev.sluice.localstack.LocalStackConfig;
import dev.sluice.localstack.Server;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code ./sluice bench ingest}: issue 5's benchmark on the local stack's real servers (see
 * docs/benchmarks.md).
 * <ol>
 *   <li>Drain: pre-load N ACME events (default 2,000,000) into a 2-partition topic, then run the
 *       pipeline (validation, PII, dedup on) in its own JVM ({@link IngestBenchmarkChild}) until it
 *       has committed them all; print events/s, the pipeline JVM's CPU-seconds (utime+stime from
 *       {@code /proc/<pid>/stat}) and µs of CPU per event, its peak RSS (VmHWM), the peak RSS of the
 *       whole process tree, and the data files written per table.</li>
 *   <li>Visibility: start Trino, run a fresh pipeline JVM, produce at a steady rate (default 5,000
 *       events/s for 60 s); every 50th event is a probe whose id a prober looks up in Trino over
 *       JDBC every 400 ms. Visible latency = the instant the first answer containing the probe
 *       arrived − the instant Kafka acknowledged its send. Also, as a finer second measure: the
 *       timestamp of the Iceberg snapshot whose offsets cover an event − its acknowledged send time.</li>
 * </ol>
 * Run it with {@code ./sluice bench ingest [--events N] [--rate R] [--seconds S] [--keep]}; the
 * plumbing test {@code IngestBenchmarkTest} calls {@link #run} on the shared test stack.
 */
public final class IngestBenchmark {
    static final double TARGET_EVENTS_PER_SECOND = 100_000;
    static final double TARGET_CPU_MICROS_PER_EVENT = 13;
    static final double TARGET_P99_SECONDS = 10;
    static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private IngestBenchmark() {
    }

    /**
     * What to run.
     *
     * @param events events to pre-load and drain
     * @param rate events per second in the visibility phase (0 skips it)
     * @param seconds duration of the visibility phase
     * @param probeEvery every n-th event of the visibility phase is a probe looked up in Trino
     * @param pollMillis the prober's period
     * @param drainTimeout the drain fails when it has not finished by then
     * @param pipelineJvm JVM options of the pipeline's JVM
     * @param maxBatchEvents the pipeline's batch size (the service's default is 200,000)
     * @param maxBatchInterval the pipeline's batch age limit (the service's default is 5 s)
     * @param caughtUpBatchEvents the pipeline's caught-up commit threshold (the service's default is
     *                            20,000; 0 turns it off, {@code --caught-up-events})
     */
    /** System property: keep each pipeline JVM's directory and log ({@code --keep}). */
    static final String KEEP_PIPELINE_LOGS = "sluice.bench.keepPipelineLogs";

    record Options(int events, int rate, int seconds, int warmupSeconds, int probeEvery, long pollMillis, Duration drainTimeout,
                   List<String> pipelineJvm, int maxBatchEvents, Duration maxBatchInterval, int caughtUpBatchEvents) {

        static final List<String> DEFAULT_PIPELINE_JVM = List.of("-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch");

        static Options defaults() {
            return new Options(2_000_000, 5_000, 60, 20, 50, 400, Duration.ofMinutes(10), DEFAULT_PIPELINE_JVM, 200_000,
                    Duration.ofSeconds(5), 20_000);
        }
    }

    /** Files of one table. */
    record TableFiles(String table, long files, long bytes, long rows) {
        double megabytesEach() {
            return files == 0 ? 0 : bytes / 1e6 / files;
        }
    }

    /** A latency distribution in milliseconds. */
    record Latency(int count, double p50, double p99, double max) {
        static Latency of(List<Long> millis) {
            if (millis.isEmpty()) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return new Latency(sorted.size(), sorted.get(percentileIndex(sorted.size(), 0.50)),
                    sorted.get(percentileIndex(sorted.size(), 0.99)), sorted.getLast());
        }

        /** Nearest-rank percentile. */
        static int percentileIndex(int size, double p) {
            return Math.max(0, (int) Math.ceil(p * size) - 1);
        }
    }

    /** The visibility phase's figures. */
    record Visibility(int rate, int seconds, int warmupSeconds, long produced, long committed, int probesSent, Latency trino,
                      Latency snapshot, Latency snapshotWithWarmup, long polls, double meanPollMillis, double pipelineCpuSeconds) {
    }

    /** Every figure the benchmark prints. */
    record Report(long preloaded, double preloadSeconds, double startupSeconds, double startupCpuSeconds, long drained,
                  double drainSeconds, double cpuSeconds, double serverCpuSeconds, long pipelinePeakRssKb, long treePeakRssKb,
                  long batches, List<TableFiles> files, Steady steady, Map<String, Long> cpuTicksByThread,
                  Visibility visibility) {

        double eventsPerSecond() {
            return drained / drainSeconds;
        }

        double cpuMicrosPerEvent() {
            return cpuSeconds * 1e6 / drained;
        }
    }

    /**
     * The drain between the commit of its first batch and the commit of its last full batch: without the
     * first batch (the fresh JVM compiles its hot code) and the last (partial, it waits for the batch
     * interval). Null when the drain committed fewer than three times.
     */
    record Steady(long events, double seconds, double cpuSeconds) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double cpuMicrosPerEvent() {
            return cpuSeconds * 1e6 / events;
        }

        /** From the (nanos, committed count, CPU ticks) observed at each change of the committed count. */
        static Steady of(List<long[]> commits) {
            if (commits.size() < 3) {
                return null;
            }
            long[] first = commits.getFirst();
            long[] lastFull = commits.get(commits.size() - 2);
            if (lastFull[1] <= first[1] || lastFull[0] <= first[0]) {
                return null;
            }
            return new Steady(lastFull[1] - first[1], (lastFull[0] - first[0]) / 1e9,
                    (lastFull[2] - first[2]) / (double) CLOCK_TICKS_PER_SECOND);
        }
    }

    /** The drain or the visibility phase could not finish. */
    static final class BenchmarkFailure extends RuntimeException {
        BenchmarkFailure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("SLUICE_LOG_LEVEL") == null) {
            System.setProperty("SLUICE_LOG_LEVEL", "WARN"); // this JVM's logs; the pipeline JVM logs as the service does
        }
        Options options;
        boolean keep = false;
        try {
            Options d = Options.defaults();
            int events = d.events();
            int rate = d.rate();
            int seconds = d.seconds();
            int warmup = d.warmupSeconds();
            long drainTimeout = d.drainTimeout().toSeconds();
            List<String> jvm = d.pipelineJvm();
            int caughtUp = d.caughtUpBatchEvents();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--events" -> events = Integer.parseInt(value(args, ++i));
                    case "--rate" -> rate = Integer.parseInt(value(args, ++i));
                    case "--seconds" -> seconds = Integer.parseInt(value(args, ++i));
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                    case "--drain-timeout" -> drainTimeout = Long.parseLong(value(args, ++i));
                    case "--pipeline-jvm" -> jvm = List.of(value(args, ++i).trim().split("\\s+"));
                    case "--caught-up-events" -> caughtUp = Integer.parseInt(value(args, ++i));
                    case "--keep" -> keep = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (events < 1 || rate < 0 || seconds < 0 || warmup < 0 || drainTimeout < 1 || caughtUp < 0) {
                throw new IllegalArgumentException("--events and --drain-timeout must be positive, --rate, --seconds, "
                        + "--warmup and --caught-up-events not negative");
            }
            options = new Options(events, rate, seconds, warmup, d.probeEvery(), d.pollMillis(), Duration.ofSeconds(drainTimeout),
                    jvm, d.maxBatchEvents(), d.maxBatchInterval(), caughtUp);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Usage: ./sluice bench ingest [--events N] [--rate R] [--seconds S] [--warmup S] [--keep] "
                    + "[--drain-timeout S] [--caught-up-events N] [--pipeline-jvm \"JVM OPTIONS\"]");
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        Path dataDir = keep ? Files.createTempDirectory("sluice-bench-") : null;
        if (keep) {
            System.setProperty(KEEP_PIPELINE_LOGS, "true");
        }
        LocalStackConfig.Builder config = LocalStackConfig.builder().servers(Server.KAFKA, Server.POSTGRES, Server.S3)
                .startupTimeout(Duration.ofMinutes(5));
        if (dataDir != null) {
            config.dataDir(dataDir);
        }
        out.println("bench: starting a private local stack (Kafka, PostgreSQL, S3 on free ports; "
                + (dataDir != null ? "data kept in " + dataDir : "temporary data, deleted at the end")
                + "); it does not touch ./sluice up's platform.");
        int status = 0;
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(config.build())) {
            out.printf(Locale.ROOT, "bench: local stack ready in %.1f s (logs: %s)%n", (System.nanoTime() - started) / 1e9,
                    stack.logDir());
            run(options, stack::endpoints, () -> {
                stack.ensure(Set.of(Server.TRINO));
                return stack.endpoints();
            }, out);
        } catch (BenchmarkFailure e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        }
        if (dataDir != null) {
            out.println("bench: the stack's data is kept in " + dataDir + " (delete it when done).");
        }
        System.exit(status);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /**
     * Runs both phases and prints progress and the results table to {@code out}.
     *
     * @param endpoints the stack's Kafka, PostgreSQL and S3
     * @param withTrino starts Trino if needed (only when the visibility phase runs) and returns the endpoints
     * @throws BenchmarkFailure when a phase does not finish before its deadline
     */
    static Report run(Options options, Supplier<Endpoints> endpoints, Supplier<Endpoints> withTrino, PrintStream out)
            throws Exception {
        try (RssSampler rss = RssSampler.start()) {
            String load0 = loadAverage();
            Endpoints stack = endpoints.get();
            String id = UUID.randomUUID().toString().substring(0, 8);
            String acme = "acme-telemetry.bench-" + id;
            String raw = "telemetry.events.raw.bench-" + id;
            String namespace = "bench_" + id;
            createTopics(stack, acme, raw);
            out.printf(Locale.ROOT, "bench: pre-loading %,d ACME events into Kafka topic %s (2 partitions)%n", options.events(), acme);
            long t0 = System.nanoTime();
            produce(stack.kafka().bootstrapServers(), acme, options.events(), 0, 0, 0, null, null,
                    t0 + options.drainTimeout().toNanos(), out, "pre-load");
            double preloadSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "bench: pre-loaded %,d events in %.1f s%n", options.events(), preloadSeconds);

            rss.resetPeak();
            out.printf(Locale.ROOT, "bench: draining into Iceberg namespace %s with the pipeline in its own JVM (%s)%n",
                    namespace, String.join(" ", options.pipelineJvm()));
            long drained;
            double drainSeconds;
            double cpuSeconds;
            double serverCpu;
            long hwm;
            long batches;
            double startupSeconds;
            double startupCpu;
            List<long[]> commits = new ArrayList<>();
            Map<String, Long> byThread;
            try (PipelineChild child = PipelineChild.start(options, stack, acme, raw, namespace)) {
                long serverCpu0 = serverCpuTicks(child.pid());
                long deadline = System.nanoTime() + options.drainTimeout().toNanos();
                child.awaitStarting(deadline);
                long bootCpu = cpuTicks(child.pid());
                long boot = System.nanoTime();
                child.awaitStarted(deadline);
                long cpu0 = cpuTicks(child.pid());
                ThreadCpuSampler threads = ThreadCpuSampler.start(child.pid());
                long start = System.nanoTime();
                startupSeconds = (start - boot) / 1e9;
                startupCpu = (cpu0 - bootCpu) / (double) CLOCK_TICKS_PER_SECOND;
                long lastPrint = start;
                long lastCommitted = 0;
                while (child.committed() < options.events()) {
                    child.checkAlive();
                    long now = System.nanoTime();
                    long committedNow = child.committed();
                    if (committedNow != lastCommitted) {
                        commits.add(new long[] {now, committedNow, cpuTicks(child.pid())});
                        lastCommitted = committedNow;
                    }
                    if (now > deadline) {
                        throw new BenchmarkFailure(String.format(Locale.ROOT, "the drain did not finish within %d s: "
                                        + "%,d of %,d events committed in %,d batches. The pipeline's log and a dump of "
                                        + "its threads, kept: %s", options.drainTimeout().toSeconds(),
                                child.committed(), options.events(), child.batches(), child.keepForDiagnosis()));
                    }
                    if (now - lastPrint >= TimeUnit.SECONDS.toNanos(5)) {
                        lastPrint = now;
                        double s = (now - start) / 1e9;
                        out.printf(Locale.ROOT, "drain: %,d / %,d events committed after %.0f s, %,.0f events/s so far%n",
                                child.committed(), options.events(), s, child.committed() / s);
                    }
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                drainSeconds = (System.nanoTime() - start) / 1e9;
                byThread = threads.stop();
                long cpuEnd = cpuTicks(child.pid());
                cpuSeconds = (cpuEnd - cpu0) / (double) CLOCK_TICKS_PER_SECOND;
                long committedAtEnd = child.committed();
                if (committedAtEnd != lastCommitted) { // the last commit, unless the loop already saw it
                    commits.add(new long[] {System.nanoTime(), committedAtEnd, cpuEnd});
                }
                serverCpu = (serverCpuTicks(child.pid()) - serverCpu0) / (double) CLOCK_TICKS_PER_SECOND;
                hwm = statusKb(child.pid(), "VmHWM:");
                drained = child.committed();
                batches = child.batches();
                child.deleteFilesOnClose();
            }
            long treePeak = rss.peakKb();
            List<TableFiles> files = files(stack, namespace);
            Report partial = new Report(options.events(), preloadSeconds, startupSeconds, startupCpu, drained, drainSeconds,
                    cpuSeconds, serverCpu, hwm, treePeak, batches, files, Steady.of(commits), byThread, null);
            out.printf(Locale.ROOT, "drain: %,d events in %.1f s = %,.0f events/s%n", drained, drainSeconds, partial.eventsPerSecond());

            Visibility visibility = null;
            if (options.rate() > 0 && options.seconds() > 0) {
                out.println("bench: starting Trino for the visibility phase");
                long ts = System.nanoTime();
                Endpoints full = withTrino.get();
                out.printf(Locale.ROOT, "bench: Trino ready in %.1f s%n", (System.nanoTime() - ts) / 1e9);
                rss.resetPeak();
                visibility = visibility(options, full, out);
                treePeak = Math.max(treePeak, rss.peakKb());
            }
            Report report = new Report(options.events(), preloadSeconds, startupSeconds, startupCpu, drained, drainSeconds,
                    cpuSeconds, serverCpu, hwm, treePeak, batches, files, partial.steady(), byThread, visibility);
            print(report, options, namespace, load0, loadAverage(), out);
            return report;
        }
    }

    private static Visibility visibility(Options options, Endpoints stack, PrintStream out) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String acme = "acme-telemetry.lat-" + id;
        String raw = "telemetry.events.raw.lat-" + id;
        String namespace = "lat_" + id;
        createTopics(stack, acme, raw);
        int warmupEvents = Math.multiplyExact(options.rate(), options.warmupSeconds());
        int total = Math.addExact(warmupEvents, Math.multiplyExact(options.rate(), options.seconds()));
        long[][] ackedAt = new long[2][(total + 1) / 2 + 1];
        Map<String, Long> probes = new ConcurrentHashMap<>();
        try (PipelineChild child = PipelineChild.start(options, stack, acme, raw, namespace)) {
            long startDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            child.awaitStarted(startDeadline);
            long cpu0 = cpuTicks(child.pid());
            Prober prober = Prober.start(stack.trino().jdbcUrl(), namespace, probes, options.pollMillis());
            try {
                out.printf(Locale.ROOT, "visibility: producing %,d events/s for %d s of warm-up (not measured: the fresh "
                        + "pipeline JVM compiles its hot code), then %d s measured; every %dth measured event is a probe looked up "
                        + "in Trino every %d ms%n", options.rate(), options.warmupSeconds(), options.seconds(), options.probeEvery(),
                        options.pollMillis());
                long produceDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds() + options.seconds() + 120L);
                produce(stack.kafka().bootstrapServers(), acme, total, options.rate(), options.probeEvery(), warmupEvents, ackedAt,
                        probes, produceDeadline, out, "visibility");
                int probesSent = probes.size();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + options.maxBatchInterval().toSeconds() * 4);
                long lastPrint = System.nanoTime();
                while (child.committed() < total || prober.seen().size() < probesSent) {
                    child.checkAlive();
                    long now = System.nanoTime();
                    if (now > deadline) {
                        throw new BenchmarkFailure(String.format(Locale.ROOT, "the visibility phase did not finish in time: "
                                        + "%,d of %,d events committed, %,d of %,d probes seen in Trino (last prober error: %s). "
                                        + "Pipeline log: %s", child.committed(), total, prober.seen().size(), probesSent,
                                prober.lastError(), child.log()));
                    }
                    if (now - lastPrint >= TimeUnit.SECONDS.toNanos(5)) {
                        lastPrint = now;
                        out.printf(Locale.ROOT, "visibility: waiting for the tail: %,d / %,d committed, %,d / %,d probes seen%n",
                                child.committed(), total, prober.seen().size(), probesSent);
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                double cpu = (cpuTicks(child.pid()) - cpu0) / (double) CLOCK_TICKS_PER_SECOND;
                prober.stop();
                child.deleteFilesOnClose();
                List<Long> trino = new ArrayList<>();
                prober.seen().forEach((eventId, seenNanos) -> trino.add(TimeUnit.NANOSECONDS.toMillis(seenNanos - probes.get(eventId))));
                List<Long> measured = new ArrayList<>();
                List<Long> all = new ArrayList<>();
                snapshotLatencies(stack, namespace, acme, ackedAt, measured, all);
                return new Visibility(options.rate(), options.seconds(), options.warmupSeconds(), total, child.committed(),
                        probesSent, Latency.of(trino), Latency.of(measured), Latency.of(all), prober.polls(),
                        prober.meanPollMillis(), cpu);
            } finally {
                prober.stop();
            }
        }
    }

    /**
     * Timestamp of the first snapshot whose committed offsets cover an event − its acknowledged send time: into
     * {@code measured} for the events after the warm-up (a positive {@code ackedAt}), into {@code all} for every event.
     */
    private static void snapshotLatencies(Endpoints stack, String namespace, String acme, long[][] ackedAt,
                                          List<Long> measured, List<Long> all) {
        List<Snapshot> snapshots = new ArrayList<>();
        table(stack, namespace, "events").snapshots().forEach(snapshots::add);
        snapshots.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
        long[] covered = new long[2];
        for (Snapshot s : snapshots) {
            String offsets = s.summary().get("sluice.offsets");
            if (offsets == null) {
                continue;
            }
            for (int p = 0; p < 2; p++) {
                long next = nextOffset(offsets, acme, p);
                for (long o = covered[p]; o < Math.min(next, ackedAt[p].length); o++) {
                    long acked = ackedAt[p][(int) o];
                    if (acked != 0) {
                        all.add(s.timestampMillis() - Math.abs(acked));
                    }
                    if (acked > 0) {
                        measured.add(s.timestampMillis() - acked);
                    }
                }
                covered[p] = Math.max(covered[p], next);
            }
        }
    }

    private static void print(Report r, Options o, String namespace, String load0, String load1, PrintStream out) {
        out.println();
        out.println("== ./sluice bench ingest: results ==");
        out.printf(Locale.ROOT, "Drain: %,d ACME events pre-loaded into Kafka (in %.1f s, not counted), drained into "
                + "Iceberg with validation, PII and dedup on%n", r.preloaded(), r.preloadSeconds());
        row(out, "pipeline start-up (s)", String.format(Locale.ROOT, "%.2f", r.startupSeconds()), String.format(Locale.ROOT,
                "after JVM boot: opening the lake, creating the consumer (%.2f CPU-s); not counted below", r.startupCpuSeconds()));
        row(out, "events drained", String.format(Locale.ROOT, "%,d", r.drained()), "");
        row(out, "seconds", String.format(Locale.ROOT, "%.2f", r.drainSeconds()),
                "from the pipeline loop's start to the commit of the last event (first poll, group join included)");
        row(out, "events/s", String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()),
                target(r.eventsPerSecond() >= TARGET_EVENTS_PER_SECOND, "target >= 100,000"));
        row(out, "CPU-seconds (pipeline JVM)", String.format(Locale.ROOT, "%.2f", r.cpuSeconds()),
                "utime+stime of the pipeline's JVM (all its threads: GC, JIT, Kafka client) over those seconds; "
                        + "pre-load, start-up, this JVM and the servers excluded");
        row(out, "us CPU per event", String.format(Locale.ROOT, "%.2f", r.cpuMicrosPerEvent()),
                target(r.cpuMicrosPerEvent() <= TARGET_CPU_MICROS_PER_EVENT, "target <= 13"));
        Steady steady = r.steady();
        if (steady == null) {
            row(out, "steady events/s", "-", "fewer than three commits: no batch between the first and the last");
        } else {
            row(out, "steady events/s", String.format(Locale.ROOT, "%,.0f", steady.eventsPerSecond()), String.format(
                    Locale.ROOT, "%,d events in %.2f s from the first batch's commit to the last full batch's (the JVM's "
                            + "warm-up batch and the partial last batch excluded); for information", steady.events(),
                    steady.seconds()));
            row(out, "steady us CPU per event", String.format(Locale.ROOT, "%.2f", steady.cpuMicrosPerEvent()),
                    "the pipeline JVM's CPU over the same span");
        }
        if (r.cpuTicksByThread() != null && r.drained() > 0) {
            out.println("  CPU of the drain by thread (/proc every 100 ms; approximate):");
            long attributed = 0;
            for (Map.Entry<String, Long> e : r.cpuTicksByThread().entrySet()) {
                double seconds = e.getValue() / (double) CLOCK_TICKS_PER_SECOND;
                attributed += e.getValue();
                out.printf(Locale.ROOT, "    %6.2f CPU-s  %6.2f us/event  %s%n", seconds, seconds * 1e6 / r.drained(), e.getKey());
            }
            double rest = r.cpuSeconds() - attributed / (double) CLOCK_TICKS_PER_SECOND;
            out.printf(Locale.ROOT, "    %6.2f CPU-s  %6.2f us/event  %s%n", rest, rest * 1e6 / r.drained(),
                    "not attributed (threads that ended between samples)");
        }
        row(out, "CPU-seconds (servers)", String.format(Locale.ROOT, "%.2f", r.serverCpuSeconds()),
                "Kafka, PostgreSQL, S3 during the drain; for information, not counted above");
        row(out, "peak RSS (pipeline JVM)", mb(r.pipelinePeakRssKb()), "VmHWM of the pipeline JVM; JVM options: "
                + String.join(" ", o.pipelineJvm()));
        row(out, "peak RSS (process tree)", mb(r.treePeakRssKb()), "this JVM + pipeline JVMs + servers, VmRSS summed every 0.5 s");
        row(out, "batches committed", String.format(Locale.ROOT, "%,d", r.batches()), String.format(Locale.ROOT,
                "a batch closes at %,d events, at %d s, or %s", o.maxBatchEvents(), o.maxBatchInterval().toSeconds(),
                o.caughtUpBatchEvents() == 0 ? "never early (caught-up commit off)" : String.format(Locale.ROOT,
                        "at %,d events once the consumer has caught up", o.caughtUpBatchEvents())));
        out.printf(Locale.ROOT, "Files written (Iceberg namespace %s):%n", namespace);
        out.printf(Locale.ROOT, "  %-16s %8s %12s %12s %14s%n", "table", "files", "MB total", "MB each", "rows");
        for (TableFiles f : r.files()) {
            out.printf(Locale.ROOT, "  %-16s %8d %12.1f %12.1f %,14d%n", f.table(), f.files(), f.bytes() / 1e6, f.megabytesEach(), f.rows());
        }
        Visibility v = r.visibility();
        if (v == null) {
            out.println("Visibility: skipped (--rate 0 or --seconds 0)");
        } else {
            out.printf(Locale.ROOT, "Visibility at a steady %,d events/s for %d s after %d s of warm-up (%,d events produced, "
                    + "%,d committed):%n", v.rate(), v.seconds(), v.warmupSeconds(), v.produced(), v.committed());
            row(out, "Trino probes", String.format(Locale.ROOT, "%,d", v.trino().count()), String.format(Locale.ROOT,
                    "every %dth event, %,d sent; %,d polls over JDBC, %.0f ms each on average", o.probeEvery(), v.probesSent(),
                    v.polls(), v.meanPollMillis()));
            row(out, "Trino p50 / p99 / max", seconds(v.trino()), target(v.trino().p99() <= TARGET_P99_SECONDS * 1000,
                    "target p99 <= 10 s") + "; first answer that contains the probe - Kafka's ack of its send");
            row(out, "snapshot p50 / p99 / max", seconds(v.snapshot()), String.format(Locale.ROOT,
                    "%,d events; Iceberg snapshot timestamp that covers the event - Kafka's ack", v.snapshot().count()));
            row(out, "  with the warm-up", seconds(v.snapshotWithWarmup()), String.format(Locale.ROOT,
                    "%,d events; the same, the fresh JVM's first %d s included", v.snapshotWithWarmup().count(),
                    v.warmupSeconds()));
            row(out, "CPU-seconds (pipeline JVM)", String.format(Locale.ROOT, "%.2f", v.pipelineCpuSeconds()),
                    String.format(Locale.ROOT, "= %.1f us per event over the whole phase, warm-up included",
                            v.pipelineCpuSeconds() * 1e6 / Math.max(1, v.committed())));
        }
        out.println("Load average (1, 5, 15 min) at the start: " + load0 + "; at the end: " + load1
                + "; cores: " + Runtime.getRuntime().availableProcessors());
    }

    private static void row(PrintStream out, String name, String value, String note) {
        out.printf(Locale.ROOT, "  %-28s %22s   %s%n", name, value, note);
    }

    private static String target(boolean met, String what) {
        return what + ": " + (met ? "MET" : "NOT MET");
    }

    private static String mb(long kb) {
        return String.format(Locale.ROOT, "%,d MB", kb / 1024);
    }

    private static String seconds(Latency l) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f s", l.p50() / 1e3, l.p99() / 1e3, l.max() / 1e3);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Data files of every table of the namespace, from their current snapshots. */
    static List<TableFiles> files(Endpoints stack, String namespace) throws IOException {
        Catalog catalog = CatalogUtil.buildIcebergCatalog(stack.iceberg().catalogName(), stack.iceberg().catalogProperties(), null);
        try {
            List<TableFiles> result = new ArrayList<>();
            List<TableIdentifier> tables = new ArrayList<>(catalog.listTables(Namespace.of(namespace)));
            tables.sort((a, b) -> a.name().compareTo(b.name()));
            for (TableIdentifier t : tables) {
                Table table = catalog.loadTable(t);
                long files = 0;
                long bytes = 0;
                long rows = 0;
                if (table.currentSnapshot() != null) {
                    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                        for (FileScanTask task : tasks) {
                            files++;
                            bytes += task.file().fileSizeInBytes();
                            rows += task.file().recordCount();
                        }
                    }
                }
                result.add(new TableFiles(t.name(), files, bytes, rows));
            }
            return result;
        } finally {
            if (catalog instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // Best effort.
                }
            }
        }
    }

    /** Reads {"topic":{"p":next}} without a JSON library. */
    static long nextOffset(String json, String topic, int partition) {
        int t = json.indexOf("\"" + topic + "\"");
        if (t < 0) {
            return 0;
        }
        int p = json.indexOf("\"" + partition + "\"", t);
        if (p < 0) {
            return 0;
        }
        int colon = json.indexOf(':', p);
        int end = colon + 1;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == ' ')) {
            end++;
        }
        return Long.parseLong(json.substring(colon + 1, end).trim());
    }

    private static void createTopics(Endpoints endpoints, String acme, String raw) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(acme, 2, (short) 1), new NewTopic(raw, 1, (short) 1),
                    new NewTopic(acme + ".dlq", 1, (short) 1), new NewTopic(raw + ".dlq", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    static String eventId(int i) {
        return String.format(Locale.ROOT, "EVENT_%08x", i);
    }

    /**
     * Sends {@code n} distinct ACME events, at {@code rate} per second when positive (as fast as
     * possible otherwise). Records the wall-clock time of Kafka's acknowledgement per partition and
     * offset in {@code ackedAt}, and the {@link System#nanoTime()} of the acknowledgement of every
     * {@code probeEvery}-th event in {@code probes} (by event id).
     */
    private static void produce(String bootstrap, String topic, int n, int rate, int probeEvery, int warmupEvents,
                                long[][] ackedAt, Map<String, Long> probes, long deadline, PrintStream out, String phase)
            throws Exception {
        String text = TestJson.write(SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_timestamp", Instant.now().minusSeconds(60).toString()).build()));
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, rate > 0 ? 0 : 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long start = System.nanoTime();
            long lastPrint = start;
            int i = 0;
            while (i < n) {
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new BenchmarkFailure(String.format(Locale.ROOT, "%s: only %,d of %,d events sent before the deadline", phase, i, n));
                }
                if (failure.get() != null) {
                    throw new BenchmarkFailure(phase + ": Kafka refused an event: " + failure.get());
                }
                if (now - lastPrint >= TimeUnit.SECONDS.toNanos(5)) {
                    lastPrint = now;
                    double s = (now - start) / 1e9;
                    out.printf(Locale.ROOT, "%s: %,d / %,d events acknowledged after %.0f s, %,.0f events/s so far%n",
                            phase, acked.get(), n, s, acked.get() / s);
                }
                // At a steady rate, send what is due by now, then sleep a millisecond (no busy wait).
                int due = rate > 0 ? (int) Math.min(n, (now - start) * rate / 1_000_000_000L + 1) : Math.min(n, i + 10_000);
                if (i >= due) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                for (; i < due; i++) {
                    String eventId = eventId(i);
                    boolean warmup = i < warmupEvents;
                    boolean probe = !warmup && probeEvery > 0 && i % probeEvery == 0;
                    byte[] value = text.replace("EVENT_a1b2c3d4", eventId).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(topic, i % 2, System.currentTimeMillis(), null, value), (md, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                        long wall = System.currentTimeMillis();
                        long nanos = System.nanoTime();
                        acked.incrementAndGet();
                        if (ackedAt != null && md.offset() < ackedAt[md.partition()].length) {
                            ackedAt[md.partition()][(int) md.offset()] = warmup ? -wall : wall;
                        }
                        if (probe) {
                            probes.put(eventId, nanos);
                        }
                    });
                }
            }
            producer.flush();
            if (failure.get() != null) {
                throw new BenchmarkFailure(phase + ": Kafka refused an event: " + failure.get());
            }
        }
    }

    private static Table table(Endpoints stack, String namespace, String name) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog(stack.iceberg().catalogName(), stack.iceberg().catalogProperties(), null);
        return catalog.loadTable(TableIdentifier.of(namespace, name));
    }

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(long pid) {
        long[] f = stat(pid);
        return f == null ? 0 : f[0] + f[1];
    }

    /** CPU of this JVM's direct children other than {@code exclude}, including their reaped children (PostgreSQL's backends). */
    private static long serverCpuTicks(long exclude) {
        return ProcessHandle.current().children().filter(p -> p.pid() != exclude).mapToLong(p -> {
            long[] f = stat(p.pid());
            return f == null ? 0 : f[0] + f[1] + f[2] + f[3];
        }).sum();
    }

    /** utime, stime, cutime, cstime of {@code /proc/<pid>/stat}, or null when the process is gone. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 3, so utime (14) is index 11.
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A {@code kB} line of {@code /proc/<pid>/status} (VmRSS:, VmHWM:), or 0. */
    static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone.
        }
        return 0;
    }

    /** Samples the RSS of this JVM and all its descendants every 0.5 s and keeps the peak of the sum. */
    private static final class RssSampler implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        private RssSampler() {
            this.thread = Thread.ofPlatform().daemon().name("bench-rss").unstarted(this::loop);
        }

        static RssSampler start() {
            RssSampler sampler = new RssSampler();
            sampler.thread.start();
            return sampler;
        }

        private void loop() {
            while (!Thread.currentThread().isInterrupted()) {
                long total = statusKb(ProcessHandle.current().pid(), "VmRSS:")
                        + ProcessHandle.current().descendants().mapToLong(p -> statusKb(p.pid(), "VmRSS:")).sum();
                peak.accumulateAndGet(total, Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void resetPeak() {
            peak.set(0);
        }

        long peakKb() {
            return peak.get();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** Polls Trino for the outstanding probe ids; records the instant the first answer containing each arrived. */
    private static final class Prober {
        private final String jdbcUrl;
        private final String namespace;
        private final Map<String, Long> probes;
        private final long pollMillis;
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final AtomicLong polls = new AtomicLong();
        private final AtomicLong pollNanos = new AtomicLong();
        private final AtomicReference<String> lastError = new AtomicReference<>("none");
        private volatile boolean stopped;
        private Thread thread;

        private Prober(String jdbcUrl, String namespace, Map<String, Long> probes, long pollMillis) {
            this.jdbcUrl = jdbcUrl;
            this.namespace = namespace;
            this.probes = probes;
            this.pollMillis = pollMillis;
        }

        static Prober start(String jdbcUrl, String namespace, Map<String, Long> probes, long pollMillis) {
            Prober prober = new Prober(jdbcUrl, namespace, probes, pollMillis);
            prober.thread = Thread.ofPlatform().daemon().name("bench-trino-prober").start(prober::loop);
            return prober;
        }

        private void loop() {
            Properties p = new Properties();
            p.setProperty("user", "sluice-bench");
            Connection connection = null;
            while (!stopped) {
                long begin = System.nanoTime();
                try {
                    if (connection == null) {
                        connection = DriverManager.getConnection(jdbcUrl, p);
                    }
                    poll(connection);
                } catch (SQLException | RuntimeException e) {
                    lastError.set(e.getMessage()); // the table does not exist before the first commit
                    closeQuietly(connection);
                    connection = null;
                }
                long sleep = TimeUnit.MILLISECONDS.toNanos(pollMillis) - (System.nanoTime() - begin);
                if (sleep > 0) {
                    LockSupport.parkNanos(sleep);
                }
            }
            closeQuietly(connection);
        }

        private void poll(Connection connection) throws SQLException {
            List<String> outstanding = probes.keySet().stream().filter(id -> !seen.containsKey(id)).sorted().limit(2_000).toList();
            if (outstanding.isEmpty()) {
                return;
            }
            String sql = "SELECT event_id FROM iceberg." + namespace + ".events WHERE event_id IN ("
                    + outstanding.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ")";
            long begin = System.nanoTime();
            List<String> found = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            long answered = System.nanoTime();
            polls.incrementAndGet();
            pollNanos.addAndGet(answered - begin);
            found.forEach(id -> seen.putIfAbsent(id, answered));
        }

        private static void closeQuietly(Connection c) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // Best effort.
                }
            }
        }

        Map<String, Long> seen() {
            return seen;
        }

        long polls() {
            return polls.get();
        }

        double meanPollMillis() {
            return polls.get() == 0 ? 0 : pollNanos.get() / 1e6 / polls.get();
        }

        String lastError() {
            return lastError.get();
        }

        void stop() throws InterruptedException {
            stopped = true;
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    /** {@link IngestBenchmarkChild} in its own JVM, with its progress read from its standard output. */
    private static final class PipelineChild implements AutoCloseable {
        private final Process process;
        private final Path dir;
        private final Path log;
        private final AtomicLong committed = new AtomicLong();
        private final AtomicLong batches = new AtomicLong();
        private volatile boolean starting;
        private volatile boolean started;
        private boolean deleteFiles;

        private PipelineChild(Process process, Path dir, Path log) {
            this.process = process;
            this.dir = dir;
            this.log = log;
        }

        /** The phase succeeded: its log and argument files are not needed after {@link #close}. */
        void deleteFilesOnClose() {
            deleteFiles = true;
        }

        static PipelineChild start(Options options, Endpoints stack, String acme, String raw, String namespace) throws IOException {
            Path dir = Files.createTempDirectory("sluice-bench-pipeline-");
            Path catalogFile = dir.resolve("catalog.properties");
            Properties p = new Properties();
            p.putAll(stack.iceberg().catalogProperties());
            try (FileOutputStream out = new FileOutputStream(catalogFile.toFile())) {
                p.store(out, "catalog");
            }
            Path argFile = dir.resolve("classpath.args");
            Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options.pipelineJvm());
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "@" + argFile, IngestBenchmarkChild.class.getName(),
                    stack.kafka().bootstrapServers(), acme, raw, stack.iceberg().catalogName(), namespace, catalogFile.toString(),
                    Integer.toString(options.maxBatchEvents()), Long.toString(options.maxBatchInterval().toMillis()),
                    Integer.toString(options.caughtUpBatchEvents())));
            Path log = dir.resolve("pipeline.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            PipelineChild child = new PipelineChild(process, dir, log);
            Thread.ofPlatform().daemon().name("bench-pipeline-output").start(child::read);
            return child;
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream file = Files.newOutputStream(log)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith(IngestBenchmarkChild.PREFIX)) {
                        String[] f = line.substring(IngestBenchmarkChild.PREFIX.length()).split(" ");
                        switch (f[0]) {
                            case "starting" -> starting = true;
                            case "started" -> started = true;
                            case "progress" -> {
                                committed.set(Long.parseLong(f[1]));
                                batches.set(Long.parseLong(f[2]));
                            }
                            default -> {
                                // "stopped"
                            }
                        }
                        continue;
                    }
                    file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    file.flush();
                }
            } catch (IOException e) {
                // The process is gone.
            }
        }

        long pid() {
            return process.pid();
        }

        /**
         * Appends a {@code jcmd Thread.print} of the child to its log and copies the log to a
         * temporary file that outlives the benchmark (the pipeline's directory is deleted at the end):
         * the evidence of a stalled drain. Returns the copy, or a note of what failed.
         */
        String keepForDiagnosis() {
            try {
                if (process.isAlive()) {
                    ThreadDump.appendTo(process.pid(), log);
                }
                Path kept = Files.createTempFile("sluice-bench-pipeline-", ".log");
                Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return kept.toString();
            } catch (IOException e) {
                return "(could not keep " + log + ": " + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(interrupted while dumping the threads; log " + log + ")";
            }
        }

        Path log() {
            return log;
        }

        long committed() {
            return committed.get();
        }

        long batches() {
            return batches.get();
        }

        void awaitStarting(long deadline) throws InterruptedException {
            while (!starting) {
                checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkFailure("the pipeline JVM did not start in time; log: " + log);
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }

        void awaitStarted(long deadline) throws InterruptedException {
            while (!started) {
                checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkFailure("the pipeline did not start in time; log: " + log);
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }

        void checkAlive() {
            if (!process.isAlive()) {
                throw new BenchmarkFailure("the pipeline JVM exited with status " + process.exitValue() + "; its log: " + log
                        + tail());
            }
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return "\n    " + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close(); // end of input: the child closes its pipeline and exits
            } catch (IOException e) {
                // Already gone.
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            if (deleteFiles && Boolean.getBoolean(KEEP_PIPELINE_LOGS)) {
                System.out.println("bench: pipeline log kept: " + log);
            } else if (deleteFiles) {
                try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // Best effort: a temporary directory.
                }
            }
        }
    }
}
