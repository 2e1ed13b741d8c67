package dev.sluice.registry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few statements of the registration path written by hand, to keep a registration at four
 * round trips to PostgreSQL (lock and read heads, insert the version, write everything else,
 * commit) instead of one per row. Each runs on the connection of the caller's transaction.
 *
 * <p>Why: on a shared machine each round trip costs 1 to 10 ms, and the registration used to make
 * about ten of them plus one per field row. See ADR-033 in ADR/decisions.md.
 */
@Singleton
class RegistrySql {

    /**
     * Locks the subject's row (registrations of one subject are serialised) and reads, in the same
     * round trip, its compatibility, the global one and the head of every version, oldest first.
     */
    private static final String LOCK_WITH_HEADS = """
            SELECT s.id AS subject_id, s.compatibility AS subject_compatibility,
                   (SELECT c.compatibility FROM registry_config c WHERE c.id = 1) AS global_compatibility,
                   v.id, v.version, v.fingerprint, v.schema_type, v.status, v.deleted
            FROM subjects s LEFT JOIN schema_versions v ON v.subject_id = s.id
            WHERE s.name = ?
            ORDER BY v.version
            FOR UPDATE OF s""";

    private static final String CANONICALS = "SELECT id, canonical FROM schema_versions WHERE id = ANY (?)";

    /**
     * Everything a registration writes after its version row, in one statement: the field rows, the
     * status changes of earlier versions, the audit rows and the outbox events. Audit and outbox rows
     * get their ids in the order given (the relay publishes in id order).
     */
    private static final String WRITE_CHANGE = """
            WITH f AS (
                INSERT INTO schema_fields (version_id, path, type, required, pii, doc)
                SELECT ?, t.path, t.type, t.required, t.pii, t.doc
                FROM unnest(?::varchar[], ?::varchar[], ?::boolean[], ?::varchar[], ?::text[]) AS t(path, type, required, pii, doc)
            ), d AS (
                UPDATE schema_versions SET status = 'DEPRECATED' WHERE id = ANY (?::bigint[])
            ), a AS (
                INSERT INTO audit_log (at, actor, action, subject, version, reason, detail)
                SELECT ?, ?, t.action, ?, t.version, t.reason, t.detail
                FROM unnest(?::varchar[], ?::int[], ?::text[], ?::text[]) WITH ORDINALITY AS t(action, version, reason, detail, ord)
                ORDER BY t.ord
            ), o AS (
                INSERT INTO event_outbox (topic, msg_key, payload, created_at)
                SELECT t.topic, ?, t.payload, ?
                FROM unnest(?::varchar[], ?::text[]) WITH ORDINALITY AS t(topic, payload, ord)
                ORDER BY t.ord
            )
            SELECT 1""";

    private final JdbcOperations jdbc;

    RegistrySql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A locked subject with its modes and version heads (oldest first). */
    record LockedSubject(long id, String compatibility, String globalCompatibility, List<Rows.VersionHead> heads) {
    }

    /** Locks {@code name} and reads its heads; empty when the subject does not exist. Needs a transaction. */
    Optional<LockedSubject> lockWithHeads(String name) {
        return jdbc.prepareStatement(LOCK_WITH_HEADS, ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long subjectId = rs.getLong("subject_id");
                String compatibility = rs.getString("subject_compatibility");
                String global = rs.getString("global_compatibility");
                List<Rows.VersionHead> heads = new ArrayList<>();
                do {
                    long id = rs.getLong("id");
                    if (!rs.wasNull()) {
                        heads.add(new Rows.VersionHead(id, rs.getInt("version"), rs.getString("fingerprint"),
                                rs.getString("schema_type"), rs.getString("status"), rs.getBoolean("deleted")));
                    }
                } while (rs.next());
                return Optional.of(new LockedSubject(subjectId, compatibility, global, heads));
            }
        });
    }

    /** The canonical JSON of each of {@code ids}, in one query. */
    Map<Long, String> canonicals(Collection<Long> ids) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(CANONICALS)) {
                ps.setArray(1, conn.createArrayOf("int8", ids.toArray(new Long[0])));
                Map<Long, String> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    /** One audit row of a change; {@code version} and {@code reason} may be null. */
    record Audit(String action, Integer version, String reason, String detail) {
    }

    /** One outbox event of a change. */
    record Event(String topic, String payload) {
    }

    /**
     * Writes the rest of a registration in one round trip: {@code fields} of version {@code versionId},
     * {@code deprecate} set to DEPRECATED, then {@code audits} and {@code events} in order.
     */
    void writeChange(long versionId, List<Rows.FieldRow> fields, List<Long> deprecate, Instant at, String actor,
                     String subject, List<Audit> audits, List<Event> events) {
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(WRITE_CHANGE)) {
                int i = 1;
                ps.setLong(i++, versionId);
                int n = fields.size();
                String[] paths = new String[n];
                String[] types = new String[n];
                Boolean[] required = new Boolean[n];
                String[] pii = new String[n];
                String[] docs = new String[n];
                for (int k = 0; k < n; k++) {
                    Rows.FieldRow f = fields.get(k);
                    paths[k] = f.path();
                    types[k] = f.type();
                    required[k] = f.required();
                    pii[k] = f.pii();
                    docs[k] = f.doc();
                }
                ps.setArray(i++, array(conn, "varchar", paths));
                ps.setArray(i++, array(conn, "varchar", types));
                ps.setArray(i++, array(conn, "bool", required));
                ps.setArray(i++, array(conn, "varchar", pii));
                ps.setArray(i++, array(conn, "text", docs));
                ps.setArray(i++, array(conn, "int8", deprecate.toArray(new Long[0])));
                OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
                ps.setObject(i++, when);
                ps.setString(i++, actor);
                ps.setString(i++, subject);
                ps.setArray(i++, array(conn, "varchar", audits.stream().map(Audit::action).toArray(String[]::new)));
                ps.setArray(i++, array(conn, "int4", audits.stream().map(Audit::version).toArray(Integer[]::new)));
                ps.setArray(i++, array(conn, "text", audits.stream().map(Audit::reason).toArray(String[]::new)));
                ps.setArray(i++, array(conn, "text", audits.stream().map(Audit::detail).toArray(String[]::new)));
                ps.setString(i++, subject);
                ps.setObject(i++, when);
                ps.setArray(i++, array(conn, "varchar", events.stream().map(Event::topic).toArray(String[]::new)));
                ps.setArray(i, array(conn, "text", events.stream().map(Event::payload).toArray(String[]::new)));
                ps.execute();
                return null;
            }
        });
    }

    private static Array array(Connection conn, String type, Object[] values) throws SQLException {
        return conn.createArrayOf(type, values);
    }
}
