package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestRuleCompiler;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pending append's writer threads (events and typed tables) on the real catalog and S3 warehouse:
 * they never outlive their batch, and their failures surface to the caller with nothing visible.
 */
@LocalStackServers({Server.POSTGRES, Server.S3})
class IcebergPendingAppendWriterThreadTest {

    private static final Instant DAY = Instant.parse("2025-08-11T14:30:45.123Z");
    private static final TopicPartition P0 = new TopicPartition(LakeFixtures.RAW, 0);
    /** More than one chunk, so that every batch starts its thread before complete or close. */
    private static final int BATCH = BatchWriterThread.DEFAULT_CHUNK + 100;

    private IcebergEndpoint iceberg;
    private Catalog catalog;
    private final List<IcebergEventLake> lakes = new ArrayList<>();

    @BeforeEach
    void connect(IcebergEndpoint iceberg) {
        this.iceberg = iceberg;
        this.catalog = LakeTestSupport.catalog(iceberg);
    }

    @AfterEach
    void closeLakes() {
        lakes.forEach(IcebergEventLake::close);
    }

    private IcebergEventLake lake(String namespace, SchemaCatalog schemas) {
        IcebergEventLake lake = LakeTestSupport.lake(iceberg, namespace, schemas, "writer-thread-test");
        lakes.add(lake);
        lake.claim(new WriterEpoch("writer-thread-test", 1), Set.of(P0));
        return lake;
    }

    private static InMemorySchemaCatalog acme() {
        InMemorySchemaCatalog schemas = new InMemorySchemaCatalog();
        schemas.register(TestRuleCompiler.compileAll(SeedSchemas.acmeVideo()));
        return schemas;
    }

    private static StoredEvent event(long offset) {
        return LakeFixtures.acme(String.format("EVENT_%08x", offset), "start", DAY.plusMillis(offset), DAY.plusSeconds(1),
                0, offset, Lateness.ON_TIME);
    }

    private static long writerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sluice-lake-events-") || t.getName().startsWith("sluice-lake-typed-"))
                .count();
    }

    @Test
    void noWriterThreadOutlivesItsBatchAndAClosedBatchLeavesNothingVisible() {
        String namespace = LakeTestSupport.newNamespace("writer_threads");
        IcebergEventLake lake = lake(namespace, acme());
        long baseline = writerThreads();
        long committed = 0;

        for (int batch = 0; batch < 8; batch++) {
            try (PendingAppend append = lake.begin()) {
                for (long offset = committed; offset < committed + BATCH; offset++) {
                    append.write(event(offset));
                }
                if (batch % 2 == 0) {
                    append.complete(new StreamPositions(Map.of(P0, committed + BATCH)));
                    committed += BATCH;
                }
            }
            assertThat(writerThreads()).as("writer threads after batch %d", batch).isEqualTo(baseline);
        }

        assertThat(LakeTestSupport.rows(LakeTestSupport.table(catalog, namespace, "events"))).hasSize(4 * BATCH);
        assertThat(LakeTestSupport.rows(LakeTestSupport.table(catalog, namespace,
                LakeTables.typedTableName(SeedSchemas.ACME_VIDEO)))).hasSize(4 * BATCH);
        assertThat(lake.committedPositions(Set.of(P0)).nextOffsets()).isEqualTo(Map.of(P0, 4L * BATCH));
    }

    @Test
    void aFailureOnTheWriterThreadSurfacesAtCompleteAndTheClosedBatchLeavesNothingVisible() {
        UncheckedIOException down = new UncheckedIOException("schema catalog unreachable", new java.io.IOException("down"));
        SchemaCatalog failing = new SchemaCatalog() {
            @Override
            public Optional<CompiledSchema> resolve(String source, String eventType) {
                throw down;
            }

            @Override
            public Optional<CompiledSchema> find(Subject subject, int version) {
                throw down;
            }

            @Override
            public Optional<CompiledSchema> byId(long id) {
                throw down;
            }
        };
        String namespace = LakeTestSupport.newNamespace("writer_failure");
        IcebergEventLake lake = lake(namespace, failing);
        long baseline = writerThreads();

        try (PendingAppend append = lake.begin()) {
            for (long offset = 0; offset < BATCH; offset++) {
                try {
                    append.write(event(offset));
                } catch (UncheckedIOException surfacedEarly) {
                    assertThat(surfacedEarly).isSameAs(down); // the writer thread failed before this write
                    break;
                }
            }
            assertThatThrownBy(() -> append.complete(new StreamPositions(Map.of(P0, (long) BATCH)))).isSameAs(down);
        }

        assertThat(writerThreads()).isEqualTo(baseline);
        assertThat(LakeTestSupport.rows(LakeTestSupport.table(catalog, namespace, "events"))).isEmpty();
        assertThat(lake.committedPositions(Set.of(P0)).nextOffsets()).isEmpty();
    }
}
