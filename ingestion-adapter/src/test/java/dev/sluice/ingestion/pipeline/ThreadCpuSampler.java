package dev.sluice.ingestion.pipeline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a process's CPU goes, by thread: samples {@code /proc/<pid>/task/*} (utime + stime and the
 * thread's name) every 100 ms between {@link #start} and {@link #stop}, and sums the CPU each
 * thread used in between by category (the pipeline thread, the row writers, the committer, the
 * JIT, the collector, Kafka's client threads, the rest).
 *
 * <p>Approximate: a thread that ends between two samples loses what it used after the last one
 * (the per-batch row writers live for seconds, so a few percent of theirs at most), and a thread
 * that starts between two samples counts from zero. The benchmark prints the share it could not
 * attribute next to the figures.
 */
final class ThreadCpuSampler {

    /** Categories in print order, by the thread name's prefix ({@code comm} is cut at 15 chars). */
    static final Map<String, String> CATEGORIES = categories();

    private static Map<String, String> categories() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("sluice-lake-wri", "pipeline thread (poll, parse, map, validate, PII, fingerprint, dedup, index)");
        c.put("sluice-lake-eve", "telemetry.events row writers (JSON payload, Parquet)");
        c.put("sluice-lake-typ", "typed-table row writers (Parquet)");
        c.put("sluice-lake-com", "committer (Iceberg commits)");
        c.put("C2 CompilerThre", "JIT compilers (C1, C2)");
        c.put("C1 CompilerThre", "JIT compilers (C1, C2)");
        c.put("GC Thread", "GC threads and the VM thread (collections, other safepoints)");
        // The VM thread runs every safepoint operation; with ParallelGC on one worker most of its time is the
        // collection itself, so it is counted here, and the label says so.
        c.put("VM Thread", "GC threads and the VM thread (collections, other safepoints)");
        c.put("kafka", "Kafka client threads");
        return c;
    }

    private final long pid;
    /** Per thread id: its name, its CPU ticks at the first sample (0 if it started later), at the last. */
    private final Map<String, long[]> ticks = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean first = true;

    private ThreadCpuSampler(long pid) {
        this.pid = pid;
        this.thread = Thread.ofPlatform().daemon().name("bench-thread-cpu").unstarted(this::loop);
    }

    static ThreadCpuSampler start(long pid) {
        ThreadCpuSampler sampler = new ThreadCpuSampler(pid);
        sampler.sample();
        sampler.thread.start();
        return sampler;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            if (!sample()) {
                return; // the process ended
            }
        }
    }

    /** One sample; false once the process is gone. */
    private synchronized boolean sample() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    String tid = task.getFileName().toString();
                    long[] t = ticks.get(tid);
                    if (t == null) {
                        ticks.put(tid, new long[] {first ? cpu : 0, cpu});
                        names.put(tid, Files.readString(task.resolve("comm")).strip());
                    } else {
                        t[1] = cpu;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException gone) {
            return false;
        }
        first = false;
        return true;
    }

    /** Stops sampling; returns CPU ticks by category, in {@link #CATEGORIES} order, then "other threads". */
    synchronized Map<String, Long> stop() {
        running = false;
        thread.interrupt();
        sample();
        Map<String, Long> out = new LinkedHashMap<>();
        CATEGORIES.values().forEach(c -> out.putIfAbsent(c, 0L));
        out.put("other threads", 0L);
        ticks.forEach((tid, t) -> {
            String name = names.get(tid);
            String category = CATEGORIES.entrySet().stream().filter(e -> name.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse("other threads");
            out.merge(category, t[1] - t[0], Long::sum);
        });
        return out;
    }
}
