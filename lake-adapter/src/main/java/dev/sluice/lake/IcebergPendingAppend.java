package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
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
 * One batch: rows go straight into Parquet files per table, mapped and encoded on two writer threads
 * of the batch's own ({@link BatchWriterThread}): one for {@code telemetry.events}, one for the typed
 * tables, so that the two encodings of an event run side by side. {@link #complete(StreamPositions)}
 * waits for both, then commits the typed tables first and {@code telemetry.events} last, each with the
 * batch's positions in its snapshot summary. An event whose offset is below a table's committed
 * offset was committed there by an earlier run, and is skipped for that table only.
 */
final class IcebergPendingAppend implements PendingAppend {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergPendingAppend.class);

    private enum State { OPEN, COMPLETED, FAILED, CLOSED }

    private final IcebergEventLake lake;
    /** Given to {@link #complete(StreamPositions)}; null before. */
    private StreamPositions positions;
    /**
     * The writer of each partition the batch has seen, filled by the calling thread in {@link #write}
     * before it hands the event over, and read by the writer thread.
     */
    private final Map<TopicPartition, WriterEpoch> writers = new java.util.concurrent.ConcurrentHashMap<>();
    private final String commitId = UUID.randomUUID().toString();
    /**
     * Writers per table; a typed table evolved during the batch has one writer per schema. Both writer
     * threads add to it (under its lock); {@link #complete} and {@link #close} read it after both ended.
     */
    private final Map<TableIdentifier, List<TableFileWriter>> open = new LinkedHashMap<>();
    /** Tables whose files must never be deleted: committed, or in an unknown commit state. */
    private final List<TableIdentifier> keep = new ArrayList<>();
    /** Both writer threads count and look up here. */
    private final Map<String, Long> skipped = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<TableIdentifier, Map<TopicPartition, Long>> seenHere = new java.util.concurrent.ConcurrentHashMap<>();
    /** The typed writer thread's own. */
    private final Map<TypedKey, Typed> typedTargets = new HashMap<>();
    private Table events;
    private TableIdentifier eventsId;
    private TableFileWriter eventsWriter;
    private RowMapper.EventRows eventRows;
    /** The last typed target looked up: batches are mostly one subject and version in a row. */
    private dev.sluice.domain.model.schema.Subject lastSubject;
    private int lastVersion;
    private Typed lastTyped;
    private State state = State.OPEN;
    /** Runs {@link #writeEventRow} on a thread of its own; null until the first event. */
    private BatchWriterThread eventRowWriter;
    /** Runs {@link #writeTypedRow} on a thread of its own; null until the first validated event. */
    private BatchWriterThread typedRowWriter;

    private record TypedKey(dev.sluice.domain.model.schema.Subject subject, int version) {
    }

    /** A typed table, its writer (null until a row is written) and the plan of its rows. */
    private static final class Typed {
        final Table table;
        final TableIdentifier id;
        final RowMapper.TypedPlan plan;
        TableFileWriter writer;

        Typed(Table table, TableIdentifier id, RowMapper.TypedPlan plan, TableFileWriter writer) {
            this.table = table;
            this.id = id;
            this.plan = plan;
            this.writer = writer;
        }
    }
    private CommitReport report;

    IcebergPendingAppend(IcebergEventLake lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    @Override
    public void write(StoredEvent event) {
        requireNonNull(event, "event is null");
        if (state != State.OPEN) {
            throw new IllegalStateException("Cannot write to batch " + commitId + ": it is " + state);
        }
        if (event.channel() instanceof KafkaCoordinates k && !writers.containsKey(k.topicPartition())) {
            writers.put(k.topicPartition(), lake.writerOf(k.topicPartition()));
        }
        if (eventRowWriter == null) {
            eventRowWriter = new BatchWriterThread("sluice-lake-events-" + commitId.substring(0, 8), this::writeEventRow);
        }
        if (typedRowWriter != null) {
            typedRowWriter.rethrowFailure(); // fail fast, as for the events thread below
        }
        eventRowWriter.submit(event); // rethrows a failure of the writer thread
        if (event.validated()) {
            if (typedRowWriter == null) {
                typedRowWriter = new BatchWriterThread("sluice-lake-typed-" + commitId.substring(0, 8), this::writeTypedRow);
            }
            typedRowWriter.submit(event);
        }
    }

    /**
     * On the batch's events writer thread: maps the event's row of {@code telemetry.events} and encodes
     * it. Everything it touches is this thread's (or shared under a lock) until
     * {@link #complete(StreamPositions)} or {@link #close()} has waited for the thread to end.
     */
    private void writeEventRow(StoredEvent event) {
        if (events == null) {
            events = lake.events();
            eventsId = lake.identifier(events);
        }
        if (!alreadyCommitted(events, eventsId, event, eventsMemo)) {
            if (eventsWriter == null) {
                eventsWriter = writer(events, events.schema());
                eventRows = new RowMapper.EventRows(events.schema());
            }
            eventRows.fill(event, RowMapper.micros(event.envelope().eventTimestamp()),
                    RowMapper.micros(event.envelope().ingestTimestamp()), eventsWriter.row());
            eventsWriter.write();
        }
    }

    /** On the batch's typed writer thread: the validated event's row of its subject's typed table. */
    private void writeTypedRow(StoredEvent event) {
        Typed typed;
        if (lastSubject != null && lastVersion == event.schemaVersion() && lastSubject.equals(event.subject())) {
            typed = lastTyped;
        } else {
            typed = typedTargets.computeIfAbsent(new TypedKey(event.subject(), event.schemaVersion()), this::typed);
            if (typed != null) { // a version missing from the catalog is looked up again, as before
                lastSubject = event.subject();
                lastVersion = event.schemaVersion();
                lastTyped = typed;
            }
        }
        if (typed == null) {
            return;
        }
        if (!alreadyCommitted(typed.table, typed.id, event, typedMemo)) {
            RowMapper.typed(typed.plan, event, RowMapper.micros(event.envelope().eventTimestamp()),
                    RowMapper.micros(event.envelope().ingestTimestamp()), typed.writer.row());
            typed.writer.write();
        }
    }

    private Typed typed(TypedKey key) {
        Optional<SchemaVersion> version = lake.schema(key.subject(), key.version());
        if (version.isEmpty()) {
            LOG.warn("Schema {} version {} is not in the catalog; its events are stored in telemetry.events only",
                    key.subject(), key.version());
            return null;
        }
        Table table = lake.typed(version.get());
        org.apache.iceberg.Schema schema = table.schema();
        return new Typed(table, lake.identifier(table), RowMapper.plan(schema, version.get()), writer(table, schema));
    }

    private TableFileWriter writer(Table table, org.apache.iceberg.Schema schema) {
        TableFileWriter w = TableFileWriter.forTable(table, schema, commitId, lake.settings().targetFileSizeBytes(),
                lake.settings().fileWriter() == LakeSettings.FileWriter.COLUMNAR);
        synchronized (open) {
            open.computeIfAbsent(lake.identifier(table), id -> new ArrayList<>()).add(w);
        }
        return w;
    }

    /**
     * One writer thread's memo of the committed offset of the last table and partition it checked: a
     * batch's events come in runs of one partition, so most events need no map lookup at all.
     */
    private static final class CommittedMemo {
        TableIdentifier table;
        String topic;
        int partition;
        /** The committed next offset, or -1 when none. */
        long next;
    }

    private final CommittedMemo eventsMemo = new CommittedMemo();
    private final CommittedMemo typedMemo = new CommittedMemo();

    private boolean alreadyCommitted(Table table, TableIdentifier id, StoredEvent event, CommittedMemo memo) {
        if (!(event.channel() instanceof KafkaCoordinates k)) {
            return false;
        }
        if (memo.table != id || memo.partition != k.partition() || !k.topic().equals(memo.topic)) {
            TopicPartition tp = k.topicPartition();
            if (!writers.containsKey(tp)) {
                throw new IllegalStateException("Event " + event.envelope().eventId() + " at " + k.describe()
                        + " has no writer in batch " + commitId);
            }
            Long committed = seenHere.computeIfAbsent(id, ignored -> lake.seen(table)).get(tp);
            memo.table = id;
            memo.topic = k.topic();
            memo.partition = k.partition();
            memo.next = committed == null ? -1 : committed;
        }
        if (memo.next >= 0 && k.offset() < memo.next) {
            skipped.merge(table.name(), 1L, Long::sum);
            return true;
        }
        return false;
    }

    @Override
    public void complete(StreamPositions positions) {
        requireNonNull(positions, "positions is null");
        if (state != State.OPEN) {
            throw new IllegalStateException("Cannot complete batch " + commitId + ": it is " + state);
        }
        for (TopicPartition tp : writers.keySet()) {
            if (!positions.nextOffsets().containsKey(tp)) {
                throw new IllegalArgumentException("Batch " + commitId + " has events of " + tp
                        + ", which is outside the batch's positions " + positions.nextOffsets()
                        + " (the batch's events of " + tp + " would not be covered)");
            }
        }
        for (TopicPartition tp : positions.nextOffsets().keySet()) {
            writers.computeIfAbsent(tp, lake::writerOf);
        }
        this.positions = positions;
        state = State.FAILED;
        // Every row written; rethrows a writer thread's failure. Both end before anything is committed.
        try {
            if (eventRowWriter != null) {
                eventRowWriter.finish();
            }
        } catch (RuntimeException | Error e) {
            if (typedRowWriter != null) {
                typedRowWriter.abandon(); // the batch fails: stop the other thread too, without writing the rest
            }
            throw e;
        }
        if (typedRowWriter != null) {
            typedRowWriter.finish();
        }
        if (events == null) {
            events = lake.events();
            eventsId = lake.identifier(events);
        }
        if (eventsWriter == null) {
            eventsWriter = writer(events, events.schema());
        }
        // Typed tables first, the watermark table last: its offsets are where a restart resumes.
        List<TableIdentifier> order = new ArrayList<>(open.keySet());
        order.remove(eventsId);
        order.add(eventsId);
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Integer> files = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (TableIdentifier id : order) {
            List<TableFileWriter> tableWriters = open.get(id);
            Table table = tableWriters.getFirst().table();
            List<DataFile> dataFiles = new ArrayList<>();
            long tableRows = 0;
            for (TableFileWriter w : tableWriters) {
                dataFiles.addAll(w.finish());
                tableRows += w.rows();
            }
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
                        positions.nextOffsets(), Map.copyOf(writers), commitId);
                keep.add(id);
                lake.committed(table, outcome.marker());
                rows.put(table.name(), tableRows);
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

    /** CPU time of the batch's writer threads, once {@link #complete} has waited for them (figures). */
    long writerCpuNanos() {
        return (eventRowWriter == null ? 0 : eventRowWriter.cpuNanos())
                + (typedRowWriter == null ? 0 : typedRowWriter.cpuNanos());
    }

    /** What {@link #complete(StreamPositions)} committed, or null before. */
    CommitReport report() {
        return report;
    }

    @Override
    public void close() {
        if (state == State.CLOSED || state == State.COMPLETED) {
            state = state == State.COMPLETED ? State.COMPLETED : State.CLOSED;
            return;
        }
        // Stops the writer threads before their files are aborted.
        if (eventRowWriter != null) {
            eventRowWriter.abandon();
        }
        if (typedRowWriter != null) {
            typedRowWriter.abandon();
        }
        for (Map.Entry<TableIdentifier, List<TableFileWriter>> e : open.entrySet()) {
            if (!keep.contains(e.getKey())) {
                e.getValue().forEach(TableFileWriter::abort);
            }
        }
        state = State.CLOSED;
    }
}
