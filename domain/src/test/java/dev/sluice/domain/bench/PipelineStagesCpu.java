package dev.sluice.domain.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The stages of {@link PipelineStagesBenchmark} timed by this thread's CPU time rather than wall
 * time, for a machine shared with other work (JMH's average time counts time spent descheduled).
 * Two warm-up rounds, then two measured rounds.
 *
 * <pre>./mvnw -B -q -pl domain test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sluice.domain.bench.PipelineStagesCpu -Dexec.args="2"</pre>
 */
public final class PipelineStagesCpu {

    private static volatile Object sink;

    private PipelineStagesCpu() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        PipelineStagesBenchmark b = new PipelineStagesBenchmark();
        b.setUp();
        for (int round = 0; round < 4; round++) {
            double map = time(seconds, b::map);
            double validate = time(seconds, b::validate);
            double pseudonymise = time(seconds, b::pseudonymise);
            double fingerprint = time(seconds, b::fingerprint);
            if (round >= 2) {
                System.out.printf(Locale.ROOT, "CPU ns/op: map %6.0f  validate %6.0f  pseudonymise %6.0f  fingerprint %6.0f%n",
                        map, validate, pseudonymise, fingerprint);
            }
        }
    }

    private static double time(double seconds, Supplier<?> op) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long ops = 0;
        long start = threads.getCurrentThreadCpuTime();
        do {
            for (int i = 0; i < 1000; i++) {
                sink = op.get();
            }
            ops += 1000;
        } while (System.nanoTime() < deadline);
        return (double) (threads.getCurrentThreadCpuTime() - start) / ops;
    }
}
