package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Commit failure modes on the real JDBC catalog and S3 warehouse. */
@LocalStackServers({Server.POSTGRES, Server.S3})
class TableCommitterIntegrationTest {

    private static final TopicPartition P0 = new TopicPartition(LakeFixtures.RAW, 0);
    private static final TopicPartition P1 = new TopicPartition(LakeFixtures.RAW, 1);
    private static final Instant TIME = Instant.parse("2025-08-11T14:30:45.123Z");

    private IcebergEndpoint iceberg;
    private Catalog catalog;
    private String namespace;
    private final List<IcebergEventLake> lakes = new ArrayList<>();

    @BeforeEach
    void setUp(IcebergEndpoint iceberg) {
        this.iceberg = iceberg;
        this.catalog = LakeTestSupport.catalog(iceberg);
        this.namespace = LakeTestSupport.newNamespace("commit");
    }

    @AfterEach
    void closeLakes() {
        lakes.forEach(IcebergEventLake::close);
    }

    private IcebergEventLake lake(String writer) {
        IcebergEventLake lake = LakeTestSupport.lake(iceberg, namespace, new InMemorySchemaCatalog(), writer);
        lakes.add(lake);
        return lake;
    }

    @Test
    void aCommitWhoseStateIsUnknownButThatLandedIsFoundAndNotRepeated() {
        IcebergEventLake lake = lake("w");
        Table events = catalog.loadTable(lake.names().events());
        TableFileWriter files = new TableFileWriter(events, "op-1", LakeSettings.MIB * 128);
        for (int i = 0; i < 3; i++) {
            files.write(RowMapper.event(events.schema(),
                    LakeFixtures.acme("EVENT_" + i, "start", TIME, TIME, 0, i, Lateness.ON_TIME)));
        }
        List<DataFile> dataFiles = files.finish();
        AtomicInteger commits = new AtomicInteger();
        Table flaky = new BaseTable(new TimeoutAfterFirstCommit(((HasTableOperations) events).operations(), commits),
                events.name());

        TableCommitter.Outcome outcome = new TableCommitter(3, Duration.ZERO).commit(flaky, dataFiles,
                Map.of(P0, Optional.empty()), Map.of(P0, 3L), Map.of(P0, new WriterEpoch("w", 1)), "batch-1");

        assertThat(outcome.alreadyLanded()).isTrue();
        assertThat(commits.get()).isEqualTo(1);
        assertThat(LakeTestSupport.rows(events)).hasSize(3);
        assertThat(LakeTestSupport.sluiceSnapshots(events)).isEqualTo(1);
        assertThat(CommitMarker.latest(events).offsets()).isEqualTo(Map.of(P0, 3L));
        dataFiles.forEach(f -> assertThat(events.io().newInputFile(f.location()).exists()).isTrue());
    }

    @Test
    void writersOfDifferentPartitionsInterleaveAndBothOffsetsSurvive() {
        IcebergEventLake a = lake("writer-a");
        IcebergEventLake b = lake("writer-b");
        a.claim(new WriterEpoch("writer-a", 1), Set.of(P0));
        b.claim(new WriterEpoch("writer-b", 1), Set.of(P1));

        PendingAppend first = a.begin();
        first.write(LakeFixtures.acme("EVENT_a0", "start", TIME, TIME, 0, 0, Lateness.ON_TIME));
        first.write(LakeFixtures.acme("EVENT_a1", "start", TIME, TIME, 0, 1, Lateness.ON_TIME));
        try (PendingAppend second = b.begin()) {
            second.write(LakeFixtures.acme("EVENT_b0", "stop", TIME, TIME, 1, 0, Lateness.ON_TIME));
            second.complete(new StreamPositions(Map.of(P1, 1L)));
        }
        first.complete(new StreamPositions(Map.of(P0, 2L)));
        first.close();

        Table events = catalog.loadTable(a.names().events());
        assertThat(LakeTestSupport.rows(events)).hasSize(3);
        assertThat(CommitMarker.latest(events).offsets()).isEqualTo(Map.of(P0, 2L, P1, 1L));
        assertThat(a.committedPositions(Set.of(P0, P1)).nextOffsets()).isEqualTo(Map.of(P0, 2L, P1, 1L));
    }

    @Test
    void filesOfAnAbandonedBatchAreDeletedAndNothingIsVisible() {
        IcebergEventLake lake = lake("w");
        lake.claim(new WriterEpoch("w", 1), Set.of(P0));
        Table events = catalog.loadTable(lake.names().events());
        PendingAppend abandoned = lake.begin();
        abandoned.write(LakeFixtures.acme("EVENT_x", "start", TIME, TIME, 0, 0, Lateness.ON_TIME));

        abandoned.close();

        events.refresh();
        assertThat(events.currentSnapshot()).isNull();
        assertThat(lake.committedPositions(Set.of(P0)).nextOffsets()).isEmpty();
    }

    /** The catalog's operations, but the first commit reports a timeout after it succeeded. */
    private static final class TimeoutAfterFirstCommit extends ForwardingTableOperations {
        private final AtomicInteger commits;

        TimeoutAfterFirstCommit(TableOperations delegate, AtomicInteger commits) {
            super(delegate);
            this.commits = commits;
        }

        @Override
        public void commit(TableMetadata base, TableMetadata metadata) {
            delegate.commit(base, metadata);
            if (commits.incrementAndGet() == 1) {
                throw new CommitStateUnknownException(new RuntimeException("read timed out after the catalog's UPDATE"));
            }
        }
    }
}
