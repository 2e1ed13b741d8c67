package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.envelope.Metadata;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.Subject;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.Endpoints.TrinoEndpoint;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Lakes on the local stack's real catalog, each in its own namespace, and Trino queries over them. */
final class LakeTestSupport {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private LakeTestSupport() {
    }

    static String newNamespace(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8) + "_" + NAMESPACES.incrementAndGet();
    }

    static IcebergEventLake lake(IcebergEndpoint iceberg, String namespace, SchemaCatalog schemas, String writerId) {
        LakeSettings settings = LakeSettings.defaults().withNamespace(namespace);
        return (IcebergEventLake) Lakes.open(iceberg.catalogName(), iceberg.catalogProperties(), schemas, settings,
                new WriterEpoch(writerId, 0));
    }

    static Catalog catalog(IcebergEndpoint iceberg) {
        return CatalogUtil.buildIcebergCatalog(iceberg.catalogName(), iceberg.catalogProperties(), null);
    }

    static List<Record> rows(Table table) {
        table.refresh();
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            rows.forEach(r -> out.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Snapshots of the current branch that Sluice wrote (they carry a commit id). */
    static long sluiceSnapshots(Table table) {
        table.refresh();
        long n = 0;
        for (Snapshot s = table.currentSnapshot(); s != null; s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            if (s.summary().containsKey(CommitMarker.COMMIT_ID)) {
                n++;
            }
        }
        return n;
    }

    static Table table(Catalog catalog, String namespace, String name) {
        return catalog.loadTable(TableIdentifier.of(namespace, name));
    }

    /** The stored event a row of telemetry.events describes (payload left empty: the contract compares identities). */
    static StoredEvent storedEvent(Record r) {
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = new HashMap<>((Map<CharSequence, CharSequence>) (Map<?, ?>) r.getField("metadata")
                instanceof Map<?, ?> m ? toStrings(m) : Map.of());
        String host = metadata.remove("host");
        String env = metadata.remove("env");
        String service = metadata.remove("service");
        EventEnvelope envelope = new EventEnvelope((String) r.getField("event_id"), (String) r.getField("source"),
                (String) r.getField("event_type"), ((OffsetDateTime) r.getField("event_timestamp")).toInstant(),
                ((OffsetDateTime) r.getField("ingest_timestamp")).toInstant(), ObjectValue.EMPTY,
                new Metadata(host, env, service, metadata), (String) r.getField("event_version"),
                (String) r.getField("correlation_id"), (String) r.getField("org_id"));
        Long offset = (Long) r.getField("kafka_offset");
        return new StoredEvent(envelope, Subject.parse((String) r.getField("subject")),
                (Integer) r.getField("schema_version"), (Long) r.getField("schema_id"),
                Lateness.valueOf((String) r.getField("lateness")), (String) r.getField("pii_key_id"),
                EventKey.fromHex((String) r.getField("dedup_key")),
                ContentFingerprint.fromHex((String) r.getField("fingerprint")),
                new KafkaCoordinates((String) r.getField("kafka_topic"), (Integer) r.getField("kafka_partition"), offset));
    }

    private static Map<String, String> toStrings(Map<?, ?> m) {
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    static Connection trino(TrinoEndpoint trino) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sluice-test");
        return DriverManager.getConnection(trino.jdbcUrl(), p);
    }

    /** The single value of {@code sql}. */
    static Object scalar(TrinoEndpoint trino, String sql) throws SQLException {
        try (Connection c = trino(trino); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("No row from " + sql);
            }
            return rs.getObject(1);
        }
    }

    /** Every row of {@code sql}, as lists of column values. */
    static List<List<Object>> query(TrinoEndpoint trino, String sql) throws SQLException {
        try (Connection c = trino(trino); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> out = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        }
    }
}
