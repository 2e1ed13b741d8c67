package dev.sluice.ingestion.pipeline;

import java.io.FileInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The pipeline of {@link IngestBenchmark} in its own JVM, so that the benchmark can read the
 * pipeline's CPU time and peak RSS from {@code /proc/<pid>} without counting the producer, the
 * Trino prober or the servers. It drains an ACME topic into the lake exactly as
 * {@link LakeHarness} wires the deployable pipeline (validation, PII and dedup on).
 *
 * <p>Protocol on standard output (other lines are logs): {@code BENCH started} once the pipeline
 * runs, then {@code BENCH progress <items committed> <batches>} every 100 ms. It stops, closing the
 * pipeline, when its standard input reaches end of file (the benchmark closes it, or dies).
 *
 * <p>Arguments: bootstrap servers, ACME topic, raw topic, catalog name, namespace, a properties
 * file holding the Iceberg catalog properties, max batch events, max batch interval in ms, caught-up
 * batch events.
 */
public final class IngestBenchmarkChild {

    static final String PREFIX = "BENCH ";

    private IngestBenchmarkChild() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Properties catalog = new Properties();
        try (FileInputStream in = new FileInputStream(args[5])) {
            catalog.load(in);
        }
        Map<String, String> catalogProperties = new HashMap<>();
        catalog.forEach((k, v) -> catalogProperties.put(k.toString(), v.toString()));
        PipelineConfig config = LakeHarness.withCaughtUpBatchEvents(LakeHarness.config(args[0], args[2],
                Integer.parseInt(args[6]), Duration.ofMillis(Long.parseLong(args[7]))), Integer.parseInt(args[8]));
        System.out.println(PREFIX + "starting");
        System.out.flush();
        LakeWriterPipeline pipeline = LakeHarness.start(config, List.of(LakeHarness.acme(args[1])), args[3],
                catalogProperties, args[4], null);
        System.out.println(PREFIX + "started");
        System.out.flush();
        Thread reporter = Thread.ofPlatform().daemon().name("bench-progress").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.out.println(PREFIX + "progress " + pipeline.loop().itemsCommitted() + " " + pipeline.loop().batches());
                System.out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        // End of standard input: the benchmark asks us to stop, or it is gone.
        while (System.in.read() >= 0) {
            // Ignore anything written to us.
        }
        reporter.interrupt();
        pipeline.close();
        System.out.println(PREFIX + "stopped " + pipeline.loop().itemsCommitted());
        System.out.flush();
        System.exit(0);
    }
}
