package dev.sluice.lake;

import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.error.CommitStateUnknownException;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.schema.SchemaVersion;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * One batch: rows go straight into Parquet files per table; {@link #complete()} commits the typed
 * tables first and {@code telemetry.events} last, each with the batch's positions in its snapshot
 * summary. An event whose offset is below a table's committed offset was committed there by an
 * earlier run, and is skipped for that table only.
 */
final class IcebergPendingAppend implements PendingAppend {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergPendingAppend.class);

    private enum State { OPEN, COMPLETED, FAILED, CLOSED }

    private final IcebergEventLake lake;
    private final StreamPositions positions;
    private final Map<TopicPartition, WriterEpoch> writers;
    private final String commitId = UUID.randomUUID().toString();
    private final Map<TableIdentifier, TableFileWriter> open = new LinkedHashMap<>();
    /** Tables whose files must never be deleted: committed, or in an unknown commit state. */
    private final List<TableIdentifier> keep = new ArrayList<>();
    private final Map<String, Long> skipped = new HashMap<>();
    private State state = State.OPEN;
    private CommitReport report;

    IcebergPendingAppend(IcebergEventLake lake, StreamPositions positions, Map<TopicPartition, WriterEpoch> writers) {
        this.lake = requireNonNull(lake, "lake is null");
        this.positions = requireNonNull(positions, "positions is null");
        this.writers = Map.copyOf(writers);
    }

    @Override
    public void write(StoredEvent event) {
        requireNonNull(event, "event is null");
        if (state != State.OPEN) {
            throw new IllegalStateException("Cannot write to batch " + commitId + ": it is " + state);
        }
        Table events = lake.events();
        if (!alreadyCommitted(events, event)) {
            writer(events).write(RowMapper.event(events.schema(), event));
        }
        if (event.validated()) {
            Optional<SchemaVersion> version = lake.schema(event.subject(), event.schemaVersion());
            if (version.isEmpty()) {
                LOG.warn("Schema {} version {} is not in the catalog; event {} is stored in {} only",
                        event.subject(), event.schemaVersion(), event.envelope().eventId(), events.name());
                return;
            }
            Table typed = lake.typed(version.get());
            if (!alreadyCommitted(typed, event)) {
                TableFileWriter w = writer(typed);
                w.write(RowMapper.typed(w.table().schema(), event, version.get()));
            }
        }
    }

    private boolean alreadyCommitted(Table table, StoredEvent event) {
        if (!(event.channel() instanceof KafkaCoordinates k)) {
            return false;
        }
        TopicPartition tp = k.topicPartition();
        if (!writers.containsKey(tp)) {
            throw new IllegalStateException("Event " + event.envelope().eventId() + " at " + k.describe()
                    + " is outside the batch's positions " + positions.nextOffsets());
        }
        Optional<Long> committed = lake.seenOffset(table, tp);
        if (committed.isPresent() && k.offset() < committed.get()) {
            skipped.merge(table.name(), 1L, Long::sum);
            return true;
        }
        return false;
    }

    private TableFileWriter writer(Table table) {
        return open.computeIfAbsent(lake.identifier(table),
                id -> new TableFileWriter(table, commitId, lake.settings().targetFileSizeBytes()));
    }

    @Override
    public void complete() {
        if (state != State.OPEN) {
            throw new IllegalStateException("Cannot complete batch " + commitId + ": it is " + state);
        }
        state = State.FAILED;
        Table events = lake.events();
        TableIdentifier eventsId = lake.identifier(events);
        open.computeIfAbsent(eventsId, id -> new TableFileWriter(events, commitId, lake.settings().targetFileSizeBytes()));
        // Typed tables first, the watermark table last: its offsets are where a restart resumes.
        List<TableIdentifier> order = new ArrayList<>(open.keySet());
        order.remove(eventsId);
        order.add(eventsId);
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Integer> files = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (TableIdentifier id : order) {
            TableFileWriter w = open.get(id);
            Table table = w.table();
            List<DataFile> dataFiles = w.finish();
            if (dataFiles.isEmpty() && !id.equals(eventsId)) {
                continue;
            }
            Map<TopicPartition, Optional<Long>> expected = new HashMap<>();
            for (TopicPartition tp : positions.nextOffsets().keySet()) {
                expected.put(tp, lake.seenOffset(table, tp));
            }
            lake.aboutToCommit(id);
            try {
                TableCommitter.Outcome outcome = lake.committer().commit(table, dataFiles, expected,
                        positions.nextOffsets(), writers, commitId);
                keep.add(id);
                lake.committed(table, outcome.marker());
                rows.put(table.name(), w.rows());
                files.put(table.name(), dataFiles.size());
            } catch (WriterFencedException e) {
                lake.forget(table);
                throw new CommitFailedException("Batch " + commitId + " not committed to " + table.name()
                        + " (tables committed before it keep their rows and offsets): " + e.getMessage(), e);
            } catch (CommitStateUnknownException e) {
                keep.add(id);
                lake.forget(table);
                throw e;
            } catch (CommitFailedException e) {
                lake.forget(table);
                throw e;
            }
        }
        report = new CommitReport(commitId, rows, files, Map.copyOf(skipped), positions,
                (System.nanoTime() - started) / 1_000_000);
        lake.recordCommit(report);
        state = State.COMPLETED;
    }

    /** What {@link #complete()} committed, or null before. */
    CommitReport report() {
        return report;
    }

    @Override
    public void close() {
        if (state == State.CLOSED || state == State.COMPLETED) {
            state = state == State.COMPLETED ? State.COMPLETED : State.CLOSED;
            return;
        }
        for (Map.Entry<TableIdentifier, TableFileWriter> e : open.entrySet()) {
            if (!keep.contains(e.getKey())) {
                e.getValue().abort();
            }
        }
        state = State.CLOSED;
    }
}
