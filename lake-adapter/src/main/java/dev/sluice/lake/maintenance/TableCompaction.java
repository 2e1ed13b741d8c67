package dev.sluice.lake.maintenance;

import dev.sluice.lake.maintenance.CompactionPlanner.DataFileStats;
import dev.sluice.lake.maintenance.CompactionPlanner.Group;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.util.PropertyUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Bin-pack compaction of one table, in two steps as Iceberg's {@code PendingUpdate} separates
 * {@code apply} from {@code commit}:
 * <ol>
 *   <li>{@link #prepare}: plan on the current snapshot (the starting snapshot), read each group's
 *       small Parquet files and write their rows into new files of the target size, checking that
 *       the row counts match;</li>
 *   <li>{@link #commit}: one {@code RewriteFiles} that swaps the inputs for the outputs, validated
 *       from the starting snapshot. Appends committed in between stay (Iceberg re-applies the
 *       rewrite on top of them); a concurrent rewrite or delete of the same inputs makes the
 *       commit fail with a {@code ValidationException}, and the new files are deleted.</li>
 * </ol>
 * The rewrite snapshot carries no Sluice marker, so the pipeline's marker lookup and fence walk
 * past it (see {@code CommitMarker}). Files that have delete files, and files that are not Parquet,
 * are left alone.
 */
final class TableCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(TableCompaction.class);
    private static final AtomicInteger TASK_IDS = new AtomicInteger();
    /** Marks the snapshots maintenance wrote, for people reading {@code $snapshots}. */
    static final String SUMMARY_KEY = "sluice.maintenance";

    /** One group's inputs and the files their rows were written to. */
    record Rewrite(String partition, Set<DataFile> inputs, List<DataFile> outputs, long rows) {
        Rewrite {
            inputs = Set.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        long inputBytes() {
            return inputs.stream().mapToLong(DataFile::fileSizeInBytes).sum();
        }

        long outputBytes() {
            return outputs.stream().mapToLong(DataFile::fileSizeInBytes).sum();
        }
    }

    /** Everything written for one table, not yet visible. */
    record Prepared(Table table, long startingSnapshotId, long startingSequenceNumber, List<Rewrite> rewrites) {
        Prepared {
            requireNonNull(table, "table is null");
            rewrites = List.copyOf(rewrites);
        }

        boolean isEmpty() {
            return rewrites.isEmpty();
        }
    }

    /** What a commit did. */
    record Outcome(int filesRewritten, long bytesRewritten, int filesAdded, long bytesAdded, long rows,
                   boolean conflicted, String conflict) {
        static final Outcome NOTHING = new Outcome(0, 0, 0, 0, 0, false, null);
    }

    private final MaintenanceSettings settings;

    TableCompaction(MaintenanceSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    static long targetFileBytes(Table table, MaintenanceSettings settings) {
        if (settings.targetFileBytes() > 0) {
            return settings.targetFileBytes();
        }
        return PropertyUtil.propertyAsLong(table.properties(), TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    }

    Prepared prepare(Table table) {
        table.refresh();
        Snapshot start = table.currentSnapshot();
        if (start == null) {
            return new Prepared(table, -1, -1, List.of());
        }
        Map<String, DataFile> byLocation = new HashMap<>();
        List<DataFileStats> stats = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(start.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile f = task.file();
                if (!task.deletes().isEmpty() || f.format() != FileFormat.PARQUET
                        || byLocation.putIfAbsent(f.location(), f) != null) {
                    continue;
                }
                PartitionSpec spec = table.specs().get(f.specId());
                stats.add(new DataFileStats(f.location(), f.specId(), spec.partitionToPath(f.partition()), f.fileSizeInBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the files of " + table.name(), e);
        }
        long target = targetFileBytes(table, settings);
        List<Group> groups = new CompactionPlanner(settings.smallFileBytes(), settings.minInputFiles(), target,
                settings.maxRewriteBytes()).plan(stats);
        String operationId = "compaction-" + UUID.randomUUID();
        List<Rewrite> rewrites = new ArrayList<>();
        try {
            for (Group g : groups) {
                List<DataFile> inputs = g.files().stream().map(s -> byLocation.get(s.location())).toList();
                rewrites.add(rewrite(table, inputs, g.partition(), target, operationId));
            }
        } catch (RuntimeException e) {
            rewrites.forEach(r -> deleteQuietly(table, r.outputs()));
            throw e;
        }
        return new Prepared(table, start.snapshotId(), start.sequenceNumber(), rewrites);
    }

    private static Rewrite rewrite(Table table, List<DataFile> inputs, String partition, long target, String operationId) {
        Schema schema = table.schema();
        DataFile first = inputs.getFirst();
        PartitionSpec spec = table.specs().get(first.specId());
        StructLike partitionValue = first.partition();
        GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET)
                .dataSchema(schema)
                .build();
        OutputFileFactory files = OutputFileFactory.builderFor(table, first.specId(), TASK_IDS.incrementAndGet())
                .format(FileFormat.PARQUET)
                .operationId(operationId)
                .build();
        RollingDataWriter<Record> writer = new RollingDataWriter<>(writers, files, table.io(), target, spec, partitionValue);
        long rows = 0;
        long expected = 0;
        try {
            for (DataFile input : inputs) {
                expected += input.recordCount();
                try (CloseableIterable<Record> records = FormatModelRegistry.<Record, Schema>readBuilder(FileFormat.PARQUET,
                                Record.class, table.io().newInputFile(input.location(), input.fileSizeInBytes()))
                        .project(schema)
                        .build()) {
                    for (Record r : records) {
                        writer.write(r);
                        rows++;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            discard(table, writer);
            throw e instanceof IOException io ? new UncheckedIOException("Cannot rewrite files of " + table.name()
                    + " " + partition, io) : (RuntimeException) e;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the compacted files of " + table.name() + " " + partition, e);
        }
        List<DataFile> outputs = writer.result().dataFiles();
        long written = outputs.stream().mapToLong(DataFile::recordCount).sum();
        if (rows != expected || written != expected) {
            deleteQuietly(table, outputs);
            throw new IllegalStateException(String.format(
                    "Compaction of %s %s would change the row count: inputs record %d rows, read %d, wrote %d",
                    table.name(), partition, expected, rows, written));
        }
        return new Rewrite(partition, new LinkedHashSet<>(inputs), outputs, rows);
    }

    Outcome commit(Prepared prepared) {
        if (prepared.isEmpty()) {
            return Outcome.NOTHING;
        }
        Table table = prepared.table();
        RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(prepared.startingSnapshotId());
        if (((HasTableOperations) table).operations().current().formatVersion() >= 2) {
            // Rows keep the age they had: an equality delete newer than the inputs still applies to them.
            rewrite.dataSequenceNumber(prepared.startingSequenceNumber());
        }
        int filesRewritten = 0;
        int filesAdded = 0;
        long bytesRewritten = 0;
        long bytesAdded = 0;
        long rows = 0;
        for (Rewrite r : prepared.rewrites()) {
            r.inputs().forEach(rewrite::deleteFile);
            r.outputs().forEach(rewrite::addFile);
            filesRewritten += r.inputs().size();
            filesAdded += r.outputs().size();
            bytesRewritten += r.inputBytes();
            bytesAdded += r.outputBytes();
            rows += r.rows();
        }
        rewrite.set(SUMMARY_KEY, "compaction");
        List<DataFile> outputs = prepared.rewrites().stream().flatMap(r -> r.outputs().stream()).toList();
        try {
            rewrite.commit();
        } catch (ValidationException e) {
            LOG.info("Compaction of {} conflicts with a concurrent change and is dropped: {}", table.name(), e.getMessage());
            deleteQuietly(table, outputs);
            return new Outcome(0, 0, 0, 0, 0, true, e.getMessage());
        } catch (CommitStateUnknownException e) {
            // It may have landed: the files must stay. Orphan removal takes them if it did not.
            throw e;
        } catch (RuntimeException e) {
            deleteQuietly(table, outputs);
            throw e;
        }
        return new Outcome(filesRewritten, bytesRewritten, filesAdded, bytesAdded, rows, false, null);
    }

    private static void discard(Table table, RollingDataWriter<Record> writer) {
        try {
            writer.close();
            deleteQuietly(table, writer.result().dataFiles());
        } catch (IOException | RuntimeException ignored) {
            // a partial file is left to orphan removal
        }
    }

    private static void deleteQuietly(Table table, List<DataFile> files) {
        for (DataFile f : files) {
            try {
                table.io().deleteFile(f.location());
            } catch (RuntimeException e) {
                LOG.warn("Cannot delete uncommitted compaction file {}; orphan removal will: {}", f.location(), e.getMessage());
            }
        }
    }
}
