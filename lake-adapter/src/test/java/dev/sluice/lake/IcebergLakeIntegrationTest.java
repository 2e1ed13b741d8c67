package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.testing.InMemorySchemaCatalog;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.domain.testing.TestRuleCompiler;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.Endpoints.TrinoEndpoint;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lake on real servers: the Iceberg JDBC catalog on PostgreSQL, an S3 warehouse on s3proxy,
 * and Trino reading the same catalog. Each test uses its own namespace.
 */
@LocalStackServers({Server.POSTGRES, Server.S3, Server.TRINO})
class IcebergLakeIntegrationTest {

    private static final Instant DAY = Instant.parse("2025-08-11T14:30:45.123Z");
    private static final Instant INGEST = Instant.parse("2025-08-11T14:31:00Z");
    private static final TopicPartition P0 = new TopicPartition(LakeFixtures.RAW, 0);
    private static final TopicPartition P1 = new TopicPartition(LakeFixtures.RAW, 1);
    /** The typed table of seed 002's subject. */
    private static final String TYPED = LakeTables.typedTableName(SeedSchemas.ACME_VIDEO);

    private IcebergEndpoint iceberg;
    private TrinoEndpoint trino;
    private Catalog catalog;
    private InMemorySchemaCatalog schemas;
    private String namespace;
    private final List<IcebergEventLake> lakes = new ArrayList<>();

    @BeforeEach
    void setUp(IcebergEndpoint iceberg, TrinoEndpoint trino) {
        this.iceberg = iceberg;
        this.trino = trino;
        this.catalog = LakeTestSupport.catalog(iceberg);
        this.schemas = new InMemorySchemaCatalog();
        schemas.register(TestRuleCompiler.compileAll(SeedSchemas.acmeVideo()));
        this.namespace = LakeTestSupport.newNamespace("it");
    }

    @AfterEach
    void closeLakes() {
        lakes.forEach(IcebergEventLake::close);
    }

    private IcebergEventLake lake(String writerId) {
        IcebergEventLake lake = LakeTestSupport.lake(iceberg, namespace, schemas, writerId);
        lakes.add(lake);
        return lake;
    }

    private static StoredEvent acme(String id, String type, Instant eventTime, TopicPartition tp, long offset, Lateness lateness) {
        return LakeFixtures.acme(id, type, eventTime, INGEST.plusMillis(offset), tp.partition(), offset, lateness);
    }

    /** Ten events over two partitions, offsets 0..4 each; EVENT_late happened two days before the rest. */
    private static List<StoredEvent> tenEvents() {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(acme("EVENT_p0_" + i, i % 2 == 0 ? "start" : "stop", DAY.plusSeconds(i), P0, i, Lateness.ON_TIME));
        }
        for (int i = 0; i < 4; i++) {
            events.add(acme("EVENT_p1_" + i, "pause", DAY.plusSeconds(10 + i), P1, i, Lateness.ON_TIME));
        }
        events.add(acme("EVENT_late", "start", DAY.minusSeconds(2 * 86_400), P1, 4, Lateness.LATE));
        return events;
    }

    private static void commit(IcebergEventLake lake, StreamPositions positions, List<StoredEvent> events) {
        try (PendingAppend append = lake.begin()) {
            events.forEach(append::write);
            append.complete(positions);
        }
    }

    private long count(String table) throws SQLException {
        return ((Number) LakeTestSupport.scalar(trino, "SELECT count(*) FROM iceberg." + namespace + "." + table)).longValue();
    }

    @Test
    void eventsAreReadableThroughTrinoAndALateEventSitsInItsOwnDayPartition() throws SQLException {
        IcebergEventLake lake = lake("writer-a");
        lake.claim(new WriterEpoch("writer-a", 1), Set.of(P0, P1));

        commit(lake, new StreamPositions(Map.of(P0, 5L, P1, 5L)), tenEvents());

        assertThat(count("events")).isEqualTo(10);
        assertThat(count(TYPED)).isEqualTo(10);
        assertThat(LakeTestSupport.query(trino, "SELECT event_id FROM iceberg." + namespace + ".events"
                + " WHERE \"$path\" LIKE '%event_timestamp_day=2025-08-09%'"))
                .containsExactly(List.of("EVENT_late"));
        assertThat(LakeTestSupport.query(trino, "SELECT partition.event_type, CAST(partition.event_timestamp_day AS varchar),"
                + " record_count FROM iceberg." + namespace + ".\"events$partitions\" ORDER BY 1, 2"))
                .containsExactly(
                        List.of("pause", "2025-08-11", 4L),
                        List.of("start", "2025-08-09", 1L),
                        List.of("start", "2025-08-11", 3L),
                        List.of("stop", "2025-08-11", 2L));
        assertThat(LakeTestSupport.query(trino, "SELECT lateness, subject, schema_version, metadata['region'],"
                + " json_extract_scalar(payload, '$.event_id') FROM iceberg." + namespace + ".events WHERE event_id = 'EVENT_late'"))
                .containsExactly(List.of("LATE", SeedSchemas.ACME_VIDEO.name(), 1, "eu-west-1", "EVENT_late"));
        assertThat(LakeTestSupport.query(trino, "SELECT payload_event_type, watch_duration_seconds > -1, typeof(bandwidth_mbps),"
                + " typeof(payload_event_timestamp) FROM iceberg." + namespace + "." + TYPED + " WHERE event_id = 'EVENT_p0_1'"))
                .containsExactly(List.of("stop", true, "double", "timestamp(6) with time zone"));
    }

    @Test
    void offsetsRoundTripThroughTheSnapshotSummaries() throws SQLException {
        IcebergEventLake lake = lake("writer-a");
        lake.claim(new WriterEpoch("writer-a", 3), Set.of(P0, P1));
        List<StoredEvent> events = tenEvents();
        commit(lake, new StreamPositions(Map.of(P0, 3L, P1, 2L)),
                events.stream().filter(e -> ((KafkaCoordinates) e.channel()).offset() < (e.channel().describe().contains("-0@") ? 3 : 2)).toList());
        commit(lake, new StreamPositions(Map.of(P0, 5L, P1, 5L)),
                events.stream().filter(e -> ((KafkaCoordinates) e.channel()).offset() >= (e.channel().describe().contains("-0@") ? 3 : 2)).toList());

        assertThat(LakeTestSupport.query(trino, "SELECT summary['sluice.offsets'], summary['sluice.epochs'], summary['sluice.writer-id']"
                + " FROM iceberg." + namespace + ".\"events$snapshots\" ORDER BY committed_at"))
                .containsExactly(
                        List.of("{\"telemetry.events.raw\":{\"0\":3,\"1\":2}}", "{\"telemetry.events.raw\":{\"0\":3,\"1\":3}}", "writer-a"),
                        List.of("{\"telemetry.events.raw\":{\"0\":5,\"1\":5}}", "{\"telemetry.events.raw\":{\"0\":3,\"1\":3}}", "writer-a"));
        assertThat(count("events")).isEqualTo(10);

        IcebergEventLake restarted = lake("writer-b");
        assertThat(restarted.claim(new WriterEpoch("writer-b", 4), Set.of(P0, P1, new TopicPartition("other", 0))).nextOffsets())
                .isEqualTo(Map.of(P0, 5L, P1, 5L));
    }

    @Test
    void aCrashBetweenTwoTableCommitsIsReplayedIntoTheMissingTableOnly() throws SQLException {
        IcebergEventLake crashing = lake("writer-a");
        crashing.claim(new WriterEpoch("writer-a", 1), Set.of(P0, P1));
        crashing.beforeTableCommit(id -> {
            if (id.name().equals("events")) {
                throw new IllegalStateException("kill -9 between the typed table's and the events commit");
            }
        });
        PendingAppend dying = crashing.begin();
        tenEvents().forEach(dying::write);
        assertThatThrownBy(() -> dying.complete(new StreamPositions(Map.of(P0, 5L, P1, 5L)))).hasMessageContaining("kill -9");
        // A killed process runs no cleanup: no close().

        assertThat(count(TYPED)).isEqualTo(10);
        assertThat(count("events")).isEqualTo(0);

        IcebergEventLake restarted = lake("writer-a");
        StreamPositions resume = restarted.claim(new WriterEpoch("writer-a", 2), Set.of(P0, P1));
        assertThat(resume.nextOffsets()).isEmpty(); // events never committed: replay from the start
        try (PendingAppend replay = restarted.begin()) {
            tenEvents().forEach(replay::write);
            replay.complete(new StreamPositions(Map.of(P0, 5L, P1, 5L)));
        }

        assertThat(count(TYPED)).isEqualTo(10);
        assertThat(count("events")).isEqualTo(10);
        assertThat(((Number) LakeTestSupport.scalar(trino, "SELECT count(DISTINCT event_id) FROM iceberg." + namespace
                + "." + TYPED + "")).longValue()).isEqualTo(10);
        CommitReport report = restarted.lastCommit();
        assertThat(report.skipped(restarted.catalog().name() + "." + namespace + "." + TYPED + "")).isEqualTo(10);
        assertThat(report.rowsPerTable()).containsOnlyKeys(restarted.catalog().name() + "." + namespace + ".events");
        assertThat(LakeTestSupport.sluiceSnapshots(LakeTestSupport.table(catalog, namespace, TYPED))).isEqualTo(1);
        assertThat(LakeTestSupport.sluiceSnapshots(LakeTestSupport.table(catalog, namespace, "events"))).isEqualTo(1);
        assertThat(restarted.committedPositions(Set.of(P0, P1)).nextOffsets()).isEqualTo(Map.of(P0, 5L, P1, 5L));
    }

    @Test
    void aStaleWriterThatLostItsPartitionsCannotCommit() throws SQLException {
        List<StoredEvent> events = tenEvents().stream().filter(e -> e.channel().describe().contains("-0@")).toList();
        IcebergEventLake zombie = lake("writer-old");
        zombie.claim(new WriterEpoch("writer-old", 1), Set.of(P0));
        PendingAppend stale = zombie.begin();
        events.forEach(stale::write);

        IcebergEventLake owner = lake("writer-new");
        assertThat(owner.claim(new WriterEpoch("writer-new", 2), Set.of(P0)).nextOffsets()).isEmpty();
        commit(owner, new StreamPositions(Map.of(P0, 5L)), events);

        assertThatThrownBy(() -> stale.complete(new StreamPositions(Map.of(P0, 5L))))
                .isInstanceOf(CommitFailedException.class)
                .hasCauseInstanceOf(WriterFencedException.class)
                .hasMessageContaining("fenced");
        stale.close();

        // Even after re-reading the positions, its old epoch keeps it out.
        assertThat(zombie.claim(new WriterEpoch("writer-old", 1), Set.of(P0)).nextOffsets()).isEqualTo(Map.of(P0, 5L));
        try (PendingAppend next = zombie.begin()) {
            next.write(acme("EVENT_p0_5", "stop", DAY, P0, 5, Lateness.ON_TIME));
            assertThatThrownBy(() -> next.complete(new StreamPositions(Map.of(P0, 6L)))).isInstanceOf(CommitFailedException.class)
                    .hasMessageContaining("epoch 1").hasMessageContaining("epoch 2");
        }

        assertThat(count("events")).isEqualTo(5);
        assertThat(count(TYPED)).isEqualTo(5);
        assertThat(LakeTestSupport.query(trino, "SELECT DISTINCT summary['sluice.writer-id'] FROM iceberg." + namespace
                + ".\"events$snapshots\"")).containsExactly(List.of("writer-new"));
    }

    @Test
    void aNewCompatibleVersionAddsItsColumns() throws SQLException {
        IcebergEventLake lake = lake("writer-a");
        lake.claim(new WriterEpoch("writer-a", 1), Set.of(P0));
        commit(lake, new StreamPositions(Map.of(P0, 1L)), List.of(acme("EVENT_v1", "start", DAY, P0, 0, Lateness.ON_TIME)));

        SchemaVersion v1 = SeedSchemas.acmeVideo();
        List<Field> fields = new ArrayList<>(v1.fields());
        fields.add(Field.optional("subtitle_language", FieldType.STRING));
        SchemaVersion v2 = new SchemaVersion(v1.subject(), 2, fields, v1.rules(), false, v1.status(), v1.compatibility(), v1.doc());
        schemas.register(TestRuleCompiler.compileAll(v2));
        ObjectValue payload = SeedSchemas.acmeSampleWith(ObjectValue.builder().put("event_id", "EVENT_v2")
                .put("subtitle_language", "fr").build());
        StoredEvent v2Event = LakeFixtures.stored("EVENT_v2", "start", DAY, INGEST, payload, v2,
                new KafkaCoordinates(LakeFixtures.RAW, 0, 1), Lateness.ON_TIME);
        commit(lake, new StreamPositions(Map.of(P0, 2L)), List.of(v2Event));

        assertThat(LakeTestSupport.query(trino, "SELECT event_id, schema_version, subtitle_language FROM iceberg." + namespace
                + "." + TYPED + " ORDER BY event_id"))
                .containsExactly(java.util.Arrays.asList("EVENT_v1", 1, null),
                        List.of("EVENT_v2", 2, "fr"));
    }

    @Test
    void deadLettersAreReadableThroughTrinoPartitionedByReason() throws SQLException {
        IcebergEventLake lake = lake("writer-a");
        DeadLetterSink sink = Lakes.deadLetterSink(lake, "writer-a");
        List<DeadLetter> letters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            letters.add(new DeadLetter(RawBytes.utf8("{broken " + i), DeadLetterReason.NOT_JSON, "Unexpected 'b'",
                    new KafkaCoordinates(LakeFixtures.RAW, 0, i), INGEST, INGEST, null, null));
        }
        letters.add(new DeadLetter(RawBytes.utf8("{\"event_id\":\"old\"}"), DeadLetterReason.TOO_LATE, "3 days late",
                new KafkaCoordinates(LakeFixtures.RAW, 0, 3), INGEST, INGEST, "acme", "old"));

        sink.write(letters);
        sink.write(letters); // a replayed batch

        assertThat(LakeTestSupport.query(trino, "SELECT partition.reason, CAST(partition.received_at_day AS varchar), record_count"
                + " FROM iceberg." + namespace + ".\"dead_letters$partitions\" ORDER BY 1"))
                .containsExactly(List.of("NOT_JSON", "2025-08-11", 3L), List.of("TOO_LATE", "2025-08-11", 1L));
        assertThat(LakeTestSupport.query(trino, "SELECT from_utf8(original), kafka_offset, event_id FROM iceberg." + namespace
                + ".dead_letters WHERE reason = 'TOO_LATE'"))
                .containsExactly(List.of("{\"event_id\":\"old\"}", 3L, "old"));
    }
}
