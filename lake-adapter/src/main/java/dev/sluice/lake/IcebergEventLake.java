package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.model.error.ConfigurationException;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The Iceberg lake. It keeps, per table, the offsets this instance last saw committed for the
 * partitions it claimed: they filter replayed items and are the expected values of the next
 * commit's fence. They are read lazily, the first time a batch touches a table after a claim, and
 * always before any row of that batch is written to it.
 */
final class IcebergEventLake implements ExactlyOnceLake {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergEventLake.class);

    private final Catalog catalog;
    private final SchemaCatalog schemas;
    private final LakeSettings settings;
    private final WriterEpoch defaultWriter;
    private final LakeTables names;
    private final TableCommitter committer;
    private final Map<TableIdentifier, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, Boolean> evolved = new ConcurrentHashMap<>();
    /** Claimed partitions and their writer. */
    private final Map<TopicPartition, WriterEpoch> claimed = new ConcurrentHashMap<>();
    /** Per table: the last seen marker offsets (all partitions). Absent: not read since the last claim. */
    private final Map<TableIdentifier, Map<TopicPartition, Long>> seen = new ConcurrentHashMap<>();
    private volatile CommitReport lastCommit;
    /** A test seam: runs right before each table commit of a batch (crash injection). */
    private volatile java.util.function.Consumer<TableIdentifier> beforeTableCommit = id -> { };

    IcebergEventLake(Catalog catalog, SchemaCatalog schemas, LakeSettings settings, WriterEpoch defaultWriter) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.defaultWriter = requireNonNull(defaultWriter, "defaultWriter is null");
        this.names = new LakeTables(settings.namespace());
        this.committer = new TableCommitter(settings.commitAttempts(), settings.commitBackoff());
        ensureNamespace();
        events();
        deadLetters();
    }

    @Override
    public synchronized StreamPositions claim(WriterEpoch writer, Set<TopicPartition> partitions) {
        requireNonNull(writer, "writer is null");
        partitions.forEach(tp -> claimed.put(tp, writer));
        seen.clear();
        StreamPositions positions = committedPositions(partitions);
        LOG.info("Writer {} epoch {} claimed {}: resuming at {}", writer.writerId(), writer.epoch(), partitions,
                positions.nextOffsets());
        return positions;
    }

    @Override
    public synchronized void release(Set<TopicPartition> partitions) {
        partitions.forEach(claimed::remove);
        seen.clear();
    }

    @Override
    public StreamPositions committedPositions(Set<TopicPartition> partitions) {
        Table events = events();
        events.refresh();
        CommitMarker marker = CommitMarker.latest(events);
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            marker.offset(tp).ifPresent(o -> out.put(tp, o));
        }
        return new StreamPositions(out);
    }

    @Override
    public PendingAppend begin() {
        return new IcebergPendingAppend(this);
    }

    /** The writer of {@code tp}: its claimer, or the default writer, which claims it now if unclaimed. */
    synchronized WriterEpoch writerOf(TopicPartition tp) {
        return claimed.computeIfAbsent(tp, unclaimed -> {
            LOG.info("Partition {} was not claimed: claiming it as {} epoch {}", unclaimed,
                    defaultWriter.writerId(), defaultWriter.epoch());
            seen.clear();
            return defaultWriter;
        });
    }

    /** The last batch this instance committed, for metrics and tests. */
    CommitReport lastCommit() {
        return lastCommit;
    }

    @Override
    public void close() {
        if (catalog instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the Iceberg catalog", e);
            }
        }
    }

    // --- used by the pending append ------------------------------------------------------------

    void beforeTableCommit(java.util.function.Consumer<TableIdentifier> hook) {
        this.beforeTableCommit = requireNonNull(hook, "hook is null");
    }

    void aboutToCommit(TableIdentifier id) {
        beforeTableCommit.accept(id);
    }

    void recordCommit(CommitReport report) {
        lastCommit = report;
        LOG.debug("Committed batch {}: rows {}, files {}, skipped {}, {} ms", report.commitId(),
                report.rowsPerTable(), report.filesPerTable(), report.skippedPerTable(), report.commitMillis());
    }

    TableCommitter committer() {
        return committer;
    }

    LakeSettings settings() {
        return settings;
    }

    Optional<SchemaVersion> schema(Subject subject, int version) {
        return schemas.find(subject, version).map(CompiledSchema::schema);
    }

    /** The offsets last seen committed in {@code table}, reading its marker if not read since the claim. */
    synchronized Map<TopicPartition, Long> seen(Table table) {
        TableIdentifier id = identifier(table);
        return seen.computeIfAbsent(id, ignored -> {
            table.refresh();
            return Map.copyOf(CommitMarker.latest(table).offsets());
        });
    }

    synchronized void committed(Table table, CommitMarker marker) {
        seen.put(identifier(table), Map.copyOf(marker.offsets()));
    }

    synchronized void forget(Table table) {
        seen.remove(identifier(table));
    }

    Optional<Long> seenOffset(Table table, TopicPartition tp) {
        return Optional.ofNullable(seen(table).get(tp));
    }

    LakeTables names() {
        return names;
    }

    Catalog catalog() {
        return catalog;
    }

    Table events() {
        return table(names.events(), IcebergSchemas::events, null);
    }

    Table deadLetters() {
        return table(names.deadLetters(), IcebergSchemas::deadLetters, null);
    }

    /** The typed table of {@code version}'s subject, created or evolved to hold its fields. */
    Table typed(SchemaVersion version) {
        Subject subject = version.subject();
        Table table = table(names.typed(subject), () -> IcebergSchemas.typed(version), subject);
        String key = subject.name() + "#" + version.version();
        if (evolved.putIfAbsent(key, Boolean.TRUE) == null) {
            if (SchemaEvolver.evolve(table, version)) {
                LOG.info("Evolved {} to hold version {} of {}: {}", table.name(), version.version(), subject,
                        table.schema());
            }
        }
        return table;
    }

    TableIdentifier identifier(Table table) {
        return TableIdentifier.parse(stripCatalog(table.name()));
    }

    private String stripCatalog(String name) {
        String catalogName = catalog.name();
        return name.startsWith(catalogName + ".") ? name.substring(catalogName.length() + 1) : name;
    }

    private Table table(TableIdentifier id, java.util.function.Supplier<Schema> schema, Subject subject) {
        Table cached = tables.get(id);
        if (cached != null) {
            return cached;
        }
        return tables.computeIfAbsent(id, ignored -> {
            Table t = loadOrCreate(id, schema.get(), subject);
            if (subject != null) {
                String owner = t.properties().get(LakeTables.SUBJECT_PROPERTY);
                if (!subject.name().equals(owner)) {
                    throw new ConfigurationException("Table " + id + " holds subject " + owner
                            + ", not " + subject + ": two subjects map to one table name");
                }
            }
            return t;
        });
    }

    private Table loadOrCreate(TableIdentifier id, Schema schema, Subject subject) {
        try {
            return catalog.loadTable(id);
        } catch (NoSuchTableException missing) {
            PartitionSpec spec = id.equals(names.deadLetters())
                    ? IcebergSchemas.deadLetterSpec(schema)
                    : IcebergSchemas.eventSpec(schema);
            Map<String, String> properties = new HashMap<>(settings.tableProperties());
            if (subject != null) {
                properties.put(LakeTables.SUBJECT_PROPERTY, subject.name());
            }
            try {
                Table created = catalog.buildTable(id, schema).withPartitionSpec(spec).withProperties(properties).create();
                LOG.info("Created {} partitioned by {}", id, created.spec());
                return created;
            } catch (AlreadyExistsException raced) {
                return catalog.loadTable(id);
            }
        }
    }

    private void ensureNamespace() {
        if (catalog instanceof SupportsNamespaces ns && !ns.namespaceExists(names.namespace())) {
            try {
                ns.createNamespace(names.namespace());
            } catch (AlreadyExistsException raced) {
                // another writer created it first
            }
        }
    }
}
