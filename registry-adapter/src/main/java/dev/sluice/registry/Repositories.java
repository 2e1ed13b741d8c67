package dev.sluice.registry;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The micronaut-data-jdbc repositories, one per table. */
final class Repositories {

    private Repositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ConfigRepository extends CrudRepository<Rows.ConfigRow, Short> {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface SubjectRepository extends CrudRepository<Rows.SubjectRow, Long> {

        Optional<Rows.SubjectRow> findByName(String name);

        List<Rows.SubjectRow> findAllOrderByName();

        @Query(value = "INSERT INTO subjects (name, created_at) VALUES (:name, :createdAt) ON CONFLICT (name) DO NOTHING")
        void insertIfAbsent(String name, Instant createdAt);

        /** Locks the subject's row until the transaction ends: registrations of one subject are serialised. */
        @Query("SELECT * FROM subjects WHERE name = :name FOR UPDATE")
        Optional<Rows.SubjectRow> lockByName(String name);

        @Query("UPDATE subjects SET compatibility = :compatibility WHERE id = :id")
        void updateCompatibility(Long id, String compatibility);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface VersionRepository extends CrudRepository<Rows.VersionRow, Long> {

        List<Rows.VersionRow> findBySubjectIdOrderByVersion(Long subjectId);

        Optional<Rows.VersionRow> findBySubjectIdAndVersion(Long subjectId, int version);

        @Query("SELECT id, version, fingerprint, schema_type, status, deleted FROM schema_versions WHERE subject_id = :subjectId ORDER BY version")
        List<Rows.VersionHead> headsBySubjectId(Long subjectId);

        @Query("SELECT COALESCE(MAX(version), 0) FROM schema_versions WHERE subject_id = :subjectId")
        int maxVersion(Long subjectId);

        @Query("UPDATE schema_versions SET status = :status WHERE id = :id")
        void updateStatus(Long id, String status);

        @Query("UPDATE schema_versions SET canonical = :canonical WHERE id = :id")
        void updateCanonical(Long id, String canonical);

        @Query("UPDATE schema_versions SET deleted = TRUE WHERE id = :id")
        void markDeleted(Long id);

        @Query("UPDATE schema_versions SET promoted_at = :promotedAt WHERE id = :id")
        void updatePromotedAt(Long id, Instant promotedAt);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface FieldRepository extends CrudRepository<Rows.FieldRow, Long> {

        List<Rows.FieldRow> findByVersionIdOrderByPath(Long versionId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface AuditRepository extends CrudRepository<Rows.AuditRow, Long> {

        List<Rows.AuditRow> findBySubjectOrderById(String subject);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface OutboxRepository extends CrudRepository<Rows.OutboxRow, Long> {

        @Query("SELECT * FROM event_outbox WHERE published_at IS NULL ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED")
        List<Rows.OutboxRow> lockPending();

        @Query("UPDATE event_outbox SET published_at = :publishedAt WHERE id = :id")
        void markPublished(Long id, Instant publishedAt);
    }
}
