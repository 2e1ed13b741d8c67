package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestRuleCompiler;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.FileScanTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A figure, not a gate: writes one batch of ACME events (default 200,000, the commit policy's
 * count) into telemetry.events and the typed table on the S3 warehouse and prints the time, CPU
 * and files. Run with {@code -Dsluice.lake.figures=true [-Dsluice.lake.figures.events=N]
 * [-Dsluice.lake.figures.warmups=1] [-Dsluice.lake.figures.properties=key=value,...]}.
 */
@LocalStackServers({Server.POSTGRES, Server.S3})
@EnabledIfSystemProperty(named = "sluice.lake.figures", matches = "true")
class LakeWriteFigureTest {

    @Test
    void oneFullBatchOfAcmeEvents(IcebergEndpoint iceberg) throws Exception {
        int n = Integer.getInteger("sluice.lake.figures.events", 200_000);
        InMemorySchemaCatalog schemas = new InMemorySchemaCatalog();
        schemas.register(TestRuleCompiler.compileAll(SeedSchemas.acmeVideo()));
        String namespace = LakeTestSupport.newNamespace("figure");
        TopicPartition tp = new TopicPartition(LakeFixtures.RAW, 0);
        Instant day = Instant.parse("2025-08-11T00:00:00Z");
        String[] types = {"start", "stop", "pause", "resume", "complete"};
        List<StoredEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(LakeFixtures.acme(String.format("EVENT_%08x", i), types[i % types.length],
                    day.plusMillis(i * 400L), day.plusMillis(i * 400L + 1000), 0, i, Lateness.ON_TIME));
        }
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int warmups = Integer.getInteger("sluice.lake.figures.warmups", 1);
        // Warm-up batches (JIT) go to a lake of their own, so the measured tables hold exactly n rows.
        try (IcebergEventLake warm = LakeTestSupport.lake(iceberg, namespace + "_warm", schemas, "figure")) {
            warm.claim(new WriterEpoch("figure", 1), Set.of(tp));
            for (int w = 0; w < warmups; w++) {
                try (PendingAppend append = warm.begin()) {
                    for (int i = 0; i < n; i++) {
                        StoredEvent e = events.get(i);
                        append.write(LakeFixtures.acme(e.envelope().eventId(), e.envelope().eventType(),
                                e.envelope().eventTimestamp(), e.envelope().ingestTimestamp(), 0, (long) w * n + i,
                                Lateness.ON_TIME));
                    }
                    append.complete(new StreamPositions(Map.of(tp, (long) (w + 1) * n)));
                }
            }
        }
        try (IcebergEventLake lake = LakeTestSupport.lake(iceberg, namespace, schemas, "figure")) {
            lake.claim(new WriterEpoch("figure", 1), Set.of(tp));
            // -Dsluice.lake.figures.properties=write.parquet.compression-codec=snappy,... to compare table settings
            String overrides = System.getProperty("sluice.lake.figures.properties", "");
            if (!overrides.isBlank()) {
                for (Table table : List.of(lake.events(), lake.typed(SeedSchemas.acmeVideo()))) {
                    var update = table.updateProperties();
                    for (String pair : overrides.split(",")) {
                        String[] kv = pair.split("=", 2);
                        update.set(kv[0].trim(), kv[1].trim());
                    }
                    update.commit();
                }
                System.out.println("FIGURE table properties " + overrides);
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long process0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (PendingAppend append = lake.begin()) {
                events.forEach(append::write);
                long t1 = System.nanoTime();
                long callerWrite = threads.getCurrentThreadCpuTime() - cpu0;
                append.complete(new StreamPositions(Map.of(tp, (long) n)));
                long t2 = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long process = os.getProcessCpuTime() - process0;
                long writer = ((IcebergPendingAppend) append).writerCpuNanos();
                System.out.printf("FIGURE lake write: %d events (after %d warm-up batches), write %.2f s, commit %.2f s,"
                                + " total %.2f s, %.0f events/s, calling thread CPU %.2f µs/event in write + %.2f in"
                                + " complete, writer thread CPU %.2f µs/event, process CPU (all threads, GC, JIT) %.2f µs/event%n",
                        n, warmups, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, n / ((t2 - t0) / 1e9),
                        callerWrite / 1e3 / n, (cpu - callerWrite) / 1e3 / n, writer / 1e3 / n, process / 1e3 / n);
            }
            for (String name : List.of("events", LakeTables.typedTableName(SeedSchemas.ACME_VIDEO))) {
                Table table = LakeTestSupport.table(LakeTestSupport.catalog(iceberg), namespace, name);
                long files = 0;
                long bytes = 0;
                long records = 0;
                try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                    for (FileScanTask task : tasks) {
                        DataFile f = task.file();
                        files++;
                        bytes += f.fileSizeInBytes();
                        records += f.recordCount();
                    }
                }
                System.out.printf("FIGURE lake files %s: %d files, %d records, %.1f MB total, %.1f MB per file (5 event types x 3 days = up to 15 partitions)%n",
                        name, files, records, bytes / 1e6, bytes / 1e6 / files);
                assertThat(records).isEqualTo(n);
            }
        }
    }
}
