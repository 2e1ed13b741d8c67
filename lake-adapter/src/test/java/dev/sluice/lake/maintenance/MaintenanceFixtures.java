package dev.sluice.lake.maintenance;

import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.Metadata;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.testing.SeedSchemas;
import dev.sluice.lake.ExactlyOnceLake;
import dev.sluice.localstack.Endpoints.TrinoEndpoint;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Batches written through the lake's port, and the table facts maintenance tests compare. */
final class MaintenanceFixtures {

    static final String RAW = "telemetry.events.raw";
    static final TopicPartition P0 = new TopicPartition(RAW, 0);
    static final Instant DAY = Instant.parse("2025-08-11T14:30:45.123Z");

    private MaintenanceFixtures() {
    }

    /** An ACME event from {@code RAW}-0@{@code offset}; even offsets are "start", odd ones "stop" (two partitions). */
    static StoredEvent acme(long offset) {
        String eventId = "EVENT_" + offset;
        String eventType = offset % 2 == 0 ? "start" : "stop";
        SchemaVersion schema = SeedSchemas.acmeVideo();
        ObjectValue payload = SeedSchemas.acmeSampleWith(ObjectValue.builder()
                .put("event_id", eventId)
                .put("event_type", eventType)
                .put("event_timestamp", DAY.toString())
                .build());
        String source = schema.subject().source();
        EventEnvelope envelope = new EventEnvelope(eventId, source, eventType, DAY, DAY, payload,
                new Metadata("host-1", "prod", "player", Map.of("region", "eu-west-1")), "1.0.0", "corr-" + eventId,
                "org-7");
        return new StoredEvent(envelope, schema.subject(), schema.version(), 100 + schema.version(), Lateness.ON_TIME,
                "pii-key-2026-11", EventKey.of(source, eventId), new ContentFingerprint(eventId.hashCode()),
                new KafkaCoordinates(RAW, 0, offset));
    }

    /** Commits offsets [from, from + count) of partition 0 as one batch; returns the next offset. */
    static long commitBatch(ExactlyOnceLake lake, long from, int count) {
        try (PendingAppend append = lake.begin()) {
            for (long o = from; o < from + count; o++) {
                append.write(acme(o));
            }
            append.complete(new StreamPositions(Map.of(P0, from + count)));
        }
        return from + count;
    }

    static List<String> liveDataFiles(Table table) {
        table.refresh();
        List<String> out = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(t -> out.add(t.file().location()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** Row count, distinct event ids and content checksums of {@code table}, read through Trino. */
    static List<Object> trinoFacts(TrinoEndpoint trino, String namespace, String table) throws SQLException {
        String sql = "SELECT count(*), count(DISTINCT event_id), to_hex(checksum(event_id)),"
                + " to_hex(checksum(CAST(event_timestamp AS varchar) || event_type || coalesce(kafka_topic, '')"
                + " || CAST(kafka_offset AS varchar))) FROM iceberg." + namespace + "." + table;
        Properties p = new Properties();
        p.setProperty("user", "sluice-test");
        try (Connection c = DriverManager.getConnection(trino.jdbcUrl(), p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
        }
    }

    static long trinoCount(TrinoEndpoint trino, String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sluice-test");
        try (Connection c = DriverManager.getConnection(trino.jdbcUrl(), p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
