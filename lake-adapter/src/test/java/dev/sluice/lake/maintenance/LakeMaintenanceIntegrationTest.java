package dev.sluice.lake.maintenance;

import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestRuleCompiler;
import dev.sluice.lake.ExactlyOnceLake;
import dev.sluice.lake.LakeSettings;
import dev.sluice.lake.Lakes;
import dev.sluice.lake.SluiceSnapshots;
import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.lake.WriterFencedException;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.Endpoints.TrinoEndpoint;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.sluice.lake.maintenance.MaintenanceFixtures.P0;
import static dev.sluice.lake.maintenance.MaintenanceFixtures.commitBatch;
import static dev.sluice.lake.maintenance.MaintenanceFixtures.liveDataFiles;
import static dev.sluice.lake.maintenance.MaintenanceFixtures.trinoCount;
import static dev.sluice.lake.maintenance.MaintenanceFixtures.trinoFacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Maintenance on real servers: the Iceberg JDBC catalog on PostgreSQL, the S3 warehouse on s3proxy,
 * Trino reading the same tables. Batches go in through the lake's port, as the pipeline writes them;
 * each test has its own namespace.
 */
@LocalStackServers({Server.POSTGRES, Server.S3, Server.TRINO})
class LakeMaintenanceIntegrationTest {

    private static final String TYPED = SeedSchemas.ACME_VIDEO.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    private static final int BATCH = 150;

    private IcebergEndpoint iceberg;
    private TrinoEndpoint trino;
    private Catalog catalog;
    private InMemorySchemaCatalog schemas;
    private String namespace;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp(IcebergEndpoint iceberg, TrinoEndpoint trino) {
        this.iceberg = iceberg;
        this.trino = trino;
        this.catalog = CatalogUtil.buildIcebergCatalog(iceberg.catalogName(), iceberg.catalogProperties(), null);
        this.schemas = new InMemorySchemaCatalog();
        schemas.register(TestRuleCompiler.compileAll(SeedSchemas.acmeVideo()));
        this.namespace = "maint_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private ExactlyOnceLake lake(String writerId, long epoch) {
        ExactlyOnceLake lake = Lakes.open(iceberg.catalogName(), iceberg.catalogProperties(), schemas,
                LakeSettings.defaults().withNamespace(namespace), new WriterEpoch(writerId, 0));
        closeables.add(lake);
        lake.claim(new WriterEpoch(writerId, epoch), Set.of(P0));
        return lake;
    }

    private LakeMaintenance maintenance(MaintenanceSettings settings) {
        LakeMaintenance m = LakeMaintenance.open(iceberg.catalogName(), iceberg.catalogProperties(),
                settings.withNamespace(namespace));
        closeables.add(m);
        return m;
    }

    private Table table(String name) {
        return catalog.loadTable(TableIdentifier.of(namespace, name));
    }

    /** Default settings, but a partition with two small files is compacted. */
    private static MaintenanceSettings compactTwoOrMore() {
        return MaintenanceSettings.defaults().withCompaction(48 * MaintenanceSettings.MIB, 2, 0);
    }

    private long committedOffset() {
        ExactlyOnceLake fresh = Lakes.open(iceberg.catalogName(), iceberg.catalogProperties(), schemas,
                LakeSettings.defaults().withNamespace(namespace), new WriterEpoch("reader", 0));
        closeables.add(fresh);
        return fresh.committedPositions(Set.of(P0)).nextOffset(P0).orElseThrow();
    }

    @Test
    void compactionRewritesEachPartitionsSmallFilesIntoOneWithoutChangingARow() throws SQLException {
        ExactlyOnceLake lake = lake("writer-a", 1);
        long next = 0;
        for (int b = 0; b < 6; b++) {
            next = commitBatch(lake, next, BATCH);
        }
        // Each batch writes one file per partition (start, stop) to each table.
        assertThat(liveDataFiles(table("events"))).hasSize(12);
        assertThat(liveDataFiles(table(TYPED))).hasSize(12);
        List<Object> eventsBefore = trinoFacts(trino, namespace, "events");
        List<Object> typedBefore = trinoFacts(trino, namespace, TYPED);
        assertThat(eventsBefore.subList(0, 2)).containsExactly(900L, 900L);

        MaintenanceReport report = maintenance(compactTwoOrMore()).compact();

        assertThat(report.table("events").filesRewritten()).isEqualTo(12);
        assertThat(report.table("events").filesAdded()).isEqualTo(2);
        assertThat(report.table("events").rowsRewritten()).isEqualTo(900);
        assertThat(report.table(TYPED).filesRewritten()).isEqualTo(12);
        assertThat(report.table(TYPED).filesAdded()).isEqualTo(2);
        assertThat(report.failedTables()).isZero();
        assertThat(liveDataFiles(table("events"))).hasSize(2);
        assertThat(trinoCount(trino, "SELECT count(*) FROM iceberg." + namespace + ".\"events$files\"")).isEqualTo(2);
        assertThat(trinoFacts(trino, namespace, "events")).isEqualTo(eventsBefore);
        assertThat(trinoFacts(trino, namespace, TYPED)).isEqualTo(typedBefore);

        // The rewrite snapshot sits on top, without positions; they are still found beneath it.
        Table events = table("events");
        assertThat(events.currentSnapshot().summary()).containsEntry("sluice.maintenance", "compaction")
                .doesNotContainKey("sluice.offsets");
        assertThat(SluiceSnapshots.latestWithPositions(events)).isPresent();
        assertThat(committedOffset()).isEqualTo(900);

        // A second pass finds nothing left to do.
        MaintenanceReport again = maintenance(compactTwoOrMore()).compact();
        assertThat(again.filesRewritten()).isZero();
    }

    @Test
    void theWriterResumesAndAStaleWriterIsStillFencedWithRewriteSnapshotsOnTop() throws SQLException {
        ExactlyOnceLake old = lake("writer-old", 1);
        long next = 0;
        for (int b = 0; b < 3; b++) {
            next = commitBatch(old, next, BATCH);
        }
        PendingAppend stale = old.begin();
        stale.write(MaintenanceFixtures.acme(next));
        assertThat(maintenance(compactTwoOrMore()).compact().table("events").filesRewritten()).isEqualTo(6);

        // A new owner takes the partition over: it reads the positions through the rewrite snapshot.
        ExactlyOnceLake owner = lake("writer-new", 2);
        assertThat(owner.committedPositions(Set.of(P0)).nextOffsets()).isEqualTo(Map.of(P0, 450L));
        next = commitBatch(owner, next, BATCH);
        assertThat(maintenance(compactTwoOrMore()).compact().table("events").filesRewritten()).isEqualTo(4);
        assertThat(table("events").currentSnapshot().summary()).doesNotContainKey("sluice.offsets");

        assertThatThrownBy(() -> stale.complete(new StreamPositions(Map.of(P0, 451L))))
                .isInstanceOf(CommitFailedException.class)
                .hasCauseInstanceOf(WriterFencedException.class)
                .hasMessageContaining("fenced");
        stale.close();
        // The owner goes on committing on top of the rewrite.
        next = commitBatch(owner, next, BATCH);

        assertThat(committedOffset()).isEqualTo(750);
        assertThat(trinoFacts(trino, namespace, "events").subList(0, 2)).containsExactly(750L, 750L);
        assertThat(trinoFacts(trino, namespace, TYPED).subList(0, 2)).containsExactly(750L, 750L);
    }

    @Test
    void aConcurrentAppendSurvivesTheRewriteAndAConflictingRewriteFailsCleanly() throws SQLException {
        ExactlyOnceLake lake = lake("writer-a", 1);
        long next = 0;
        for (int b = 0; b < 4; b++) {
            next = commitBatch(lake, next, BATCH);
        }
        Table events = table("events");
        TableCompaction compaction = new TableCompaction(compactTwoOrMore().withNamespace(namespace));
        TableCompaction.Prepared first = compaction.prepare(events);
        TableCompaction.Prepared rival = compaction.prepare(table("events"));
        List<String> rivalOutputs = rival.rewrites().stream().flatMap(r -> r.outputs().stream())
                .map(DataFile::location).toList();
        assertThat(first.rewrites()).hasSize(2);
        assertThat(rivalOutputs).hasSize(2);

        // The pipeline commits between planning and commit.
        next = commitBatch(lake, next, BATCH);
        TableCompaction.Outcome won = compaction.commit(first);
        TableCompaction.Outcome lost = compaction.commit(rival);

        assertThat(won.conflicted()).isFalse();
        assertThat(won.filesRewritten()).isEqualTo(8);
        assertThat(lost.conflicted()).isTrue();
        assertThat(lost.filesRewritten()).isZero();
        rivalOutputs.forEach(f -> assertThat(events.io().newInputFile(f).exists()).as(f).isFalse());
        // two compacted files plus the concurrent batch's two
        assertThat(liveDataFiles(table("events"))).hasSize(4);
        assertThat(trinoFacts(trino, namespace, "events").subList(0, 2)).containsExactly(750L, 750L);
        assertThat(committedOffset()).isEqualTo(750);
    }

    @Test
    void expiryRemovesOldSnapshotsAndTheirFilesButKeepsTheChainToTheLatestPositions() throws SQLException {
        ExactlyOnceLake lake = lake("writer-a", 1);
        long next = 0;
        for (int b = 0; b < 5; b++) {
            next = commitBatch(lake, next, BATCH);
        }
        List<String> smallFiles = liveDataFiles(table("events"));
        assertThat(smallFiles).hasSize(10);
        maintenance(compactTwoOrMore()).compact();
        Table events = table("events");
        long latestMarker = SluiceSnapshots.latestWithPositions(events).orElseThrow().snapshotId();
        long rewrite = events.currentSnapshot().snapshotId();
        assertThat(rewrite).isNotEqualTo(latestMarker);
        List<Object> before = trinoFacts(trino, namespace, "events");
        MaintenanceSettings expireAllButOne = compactTwoOrMore().withExpiry(Duration.ZERO, 1);

        // Everything is older than the cutoff and only one snapshot must stay: Iceberg alone would keep the
        // rewrite snapshot and nothing else, and the positions beneath it would be gone.
        MaintenanceReport report = maintenance(expireAllButOne).expireSnapshots();

        assertThat(report.table("events").snapshotsExpired()).isEqualTo(4);
        assertThat(report.table("events").positionsSnapshotId()).isEqualTo(latestMarker);
        assertThat(snapshotIds(events)).containsExactlyInAnyOrder(latestMarker, rewrite);
        assertThat(committedOffset()).isEqualTo(750);
        assertThat(trinoFacts(trino, namespace, "events")).isEqualTo(before);
        // The small files are still referenced by the kept marker snapshot.
        smallFiles.forEach(f -> assertThat(events.io().newInputFile(f).exists()).as(f).isTrue());

        // The writer goes on; its new marker snapshot lets the rewrite and the old marker go, and with
        // them the compacted-away files, which Iceberg deletes.
        next = commitBatch(lake, next, BATCH);
        long newMarker = SluiceSnapshots.latestWithPositions(table("events")).orElseThrow().snapshotId();
        MaintenanceReport second = maintenance(expireAllButOne).expireSnapshots();

        assertThat(second.table("events").snapshotsExpired()).isEqualTo(2);
        assertThat(snapshotIds(events)).containsExactly(newMarker);
        smallFiles.forEach(f -> assertThat(events.io().newInputFile(f).exists()).as(f).isFalse());
        assertThat(committedOffset()).isEqualTo(900);
        assertThat(trinoFacts(trino, namespace, "events").subList(0, 2)).containsExactly(900L, 900L);
    }

    private static List<Long> snapshotIds(Table table) {
        table.refresh();
        List<Long> ids = new ArrayList<>();
        table.snapshots().forEach(s -> ids.add(s.snapshotId()));
        return ids;
    }

    @Test
    void orphanFilesAreReportedInDryRunAndDeletedOnlyPastTheSafetyAge() throws IOException, SQLException {
        ExactlyOnceLake lake = lake("writer-a", 1);
        long next = commitBatch(lake, 0, BATCH);
        commitBatch(lake, next, BATCH);
        Table events = table("events");
        String stray = events.location() + "/data/event_type=start/stray-" + UUID.randomUUID() + ".parquet";
        // A sibling whose name starts like the table's: not under "<location>/", never the table's orphan.
        String sibling = events.location() + "_shadow/data/not-mine-" + UUID.randomUUID() + ".parquet";
        write(events.io().newOutputFile(stray));
        write(events.io().newOutputFile(sibling));
        List<Object> before = trinoFacts(trino, namespace, "events");

        MaintenanceReport young = maintenance(MaintenanceSettings.defaults().withOrphans(Duration.ofHours(1), true))
                .removeOrphans();
        assertThat(young.table("events").orphansFound()).isEmpty();

        MaintenanceReport dryRun = maintenance(MaintenanceSettings.defaults().withOrphans(Duration.ZERO, true)).removeOrphans();
        assertThat(dryRun.table("events").orphansFound()).containsExactly(stray);
        assertThat(dryRun.table("events").orphanBytes()).isEqualTo(5);
        assertThat(dryRun.orphansDeleted()).isZero();
        assertThat(events.io().newInputFile(stray).exists()).isTrue();

        MaintenanceReport real = maintenance(MaintenanceSettings.defaults().withOrphans(Duration.ZERO, false)).removeOrphans();
        assertThat(real.table("events").orphansFound()).containsExactly(stray);
        assertThat(real.table("events").orphansDeleted()).isEqualTo(1);
        assertThat(real.table(TYPED).orphansFound()).isEmpty();
        assertThat(events.io().newInputFile(stray).exists()).isFalse();
        assertThat(events.io().newInputFile(sibling).exists()).isTrue();
        assertThat(trinoFacts(trino, namespace, "events")).isEqualTo(before);
        assertThat(committedOffset()).isEqualTo(300);
    }

    @Test
    void aFullPassOverAnEmptyNamespaceReportsNothing() {
        MaintenanceReport report = maintenance(MaintenanceSettings.defaults()).runAll();

        assertThat(report.tables()).isEmpty();
        assertThat(report.tasks()).containsExactly(MaintenanceReport.Task.COMPACTION,
                MaintenanceReport.Task.SNAPSHOT_EXPIRY, MaintenanceReport.Task.ORPHAN_REMOVAL);
    }

    private static void write(OutputFile file) throws IOException {
        try (PositionOutputStream out = file.create()) {
            out.write("stray".getBytes(StandardCharsets.UTF_8));
        }
    }

}
