package dev.sluice.domain.application.service.profiling;

import dev.sluice.domain.application.service.profiling.text.JsonDocumentFormat;
import dev.sluice.domain.application.service.profiling.text.JsonDocumentReader;
import dev.sluice.domain.application.service.profiling.text.JsonReaderOptions;
import dev.sluice.domain.model.profile.ProfileResult;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Profiles N MiB of generated ACME NDJSON (seed 002) streamed from {@link AcmeNdjsonGenerator}, no
 * file involved, and prints the throughput and the peak live heap for each size. The live heap is
 * sampled after a full GC at 16 points of the stream; the time spent sampling is left out of the
 * throughput. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl domain test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sluice.domain.application.service.profiling.ProfilingBenchmark -Dexec.args="1 1024"
 * </pre>
 */
public final class ProfilingBenchmark {

    private static final long MIB = 1L << 20;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ProfilingBenchmark() {
    }

    public static void main(String[] args) {
        String[] sizes = args.length == 0 ? new String[] {"1", "1024"} : args;
        // Warm up the JIT on 64 MiB so that the small run is not measured in the interpreter.
        run(64, false);
        System.out.printf("%8s %10s %10s %10s %14s %14s %12s%n", "MiB", "documents", "seconds", "MiB/s",
                "baseline MiB", "peak live MiB", "state KiB");
        for (String size : sizes) {
            run(Long.parseLong(size), true);
        }
    }

    private static void run(long mib, boolean print) {
        long baseline = liveHeap();
        AcmeNdjsonGenerator generator = AcmeNdjsonGenerator.ofBytes(mib * MIB, 42);
        long interval = Math.max(256 * 1024, mib * MIB / 16);
        Sampler sampler = new Sampler(generator, interval);
        SchemaProfiler profiler = new SchemaProfiler();
        long start = System.nanoTime();
        try (JsonDocumentReader reader = JsonDocumentReader.of(sampler, JsonDocumentFormat.NDJSON, JsonReaderOptions.DEFAULTS)) {
            profiler.feed(reader);
        }
        long elapsed = System.nanoTime() - start - sampler.samplingNanos;
        ProfileResult result = profiler.result();
        sampler.sample();
        if (result.malformed() != 0 || result.fields().size() != 24) {
            throw new IllegalStateException("unexpected profile: " + result.malformed() + " malformed, "
                    + result.fields().size() + " fields");
        }
        if (print) {
            double seconds = elapsed / 1e9;
            System.out.printf("%8d %10d %10.2f %10.1f %14.1f %14.1f %12.1f%n", mib, result.documents(), seconds,
                    generator.bytes() / (double) MIB / seconds, baseline / (double) MIB,
                    sampler.peak / (double) MIB, profiler.retainedBytes() / 1024.0);
        }
    }

    private static long liveHeap() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Passes bytes through and, every {@code interval} bytes, measures the live heap after a GC. */
    private static final class Sampler extends FilterInputStream {
        private final long interval;
        private long next;
        private long read;
        long peak;
        long samplingNanos;

        Sampler(InputStream in, long interval) {
            super(in);
            this.interval = interval;
            this.next = interval;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
                if (read >= next) {
                    next += interval;
                    sample();
                }
            }
            return n;
        }

        void sample() {
            long t = System.nanoTime();
            peak = Math.max(peak, liveHeap());
            samplingNanos += System.nanoTime() - t;
        }
    }
}
