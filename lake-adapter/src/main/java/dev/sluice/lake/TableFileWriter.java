package dev.sluice.lake;

import dev.sluice.lake.parquet.ColumnarCompression;
import dev.sluice.lake.parquet.ColumnarFileWriter;
import dev.sluice.lake.parquet.ColumnarRow;
import dev.sluice.lake.parquet.ColumnarSettings;
import dev.sluice.lake.parquet.RowTarget;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.encryption.PlaintextEncryptionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parquet data files for one table and one batch: one open file per partition (fan-out), rolled
 * at the table's target file size. Rows are not held in memory beyond the open files' buffers.
 * Rows hold Iceberg's internal values ({@link RowMapper}). Two file writers share the fan-out:
 * <ul>
 *   <li>{@link #columnar}: Sluice's own column encoders ({@link ColumnarFileWriter}, ADR-094), which
 *       the ingestion path uses wherever the table's schema and settings allow it;</li>
 *   <li>{@link #iceberg}: Iceberg's generic Parquet writer over records ({@link InternalRowWriterFactory}),
 *       for everything else (dead letters, a table with bloom filters, a type the columnar writer lacks).</li>
 * </ul>
 * Lifecycle: {@link #row()}, fill it, {@link #write()}; repeat; then {@link #finish()} (or
 * {@link #abort()}). Not thread-safe.
 *
 * <p>The fan-out is this class's own, not Iceberg's {@code FanoutDataWriter}: that one finds a
 * row's file through a map keyed by the partition as a generic struct (hashing and comparing it
 * field by field through type-generic comparators), which cost ~5 % of a writer thread's CPU. Here
 * the partition's values are compared directly: first with the previous row's partition (runs of
 * one partition are the common case), then through a hash map keyed by the values (ADR-091).
 */
final class TableFileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableFileWriter.class);
    private static final AtomicInteger TASK_IDS = new AtomicInteger();
    /** Rows between two checks of a columnar file's size against the target. */
    private static final int ROLL_CHECK_ROWS = 1024;

    private final Table table;
    private final org.apache.iceberg.Schema schema;
    private final Format format;
    private final OutputFileFactory fileFactory;
    private final long targetFileSizeBytes;
    private final PartitionKey partitionKey;
    /** The open files of each partition, in the order the partitions were first seen. */
    private final Map<PartitionValues, PartitionFiles> writers = new LinkedHashMap<>();
    /** The partition values of the row being written; reused, so a row that finds its file allocates nothing. */
    private final Object[] probe;
    private PartitionValues lastPartition;
    private PartitionFiles lastWriter;
    private long rows;
    private List<DataFile> files;

    private TableFileWriter(Table table, org.apache.iceberg.Schema schema, String operationId, long targetFileSizeBytes,
                            java.util.function.Function<TableFileWriter, Format> format) {
        this.table = table;
        this.schema = schema;
        this.fileFactory = OutputFileFactory.builderFor(table, 1, TASK_IDS.incrementAndGet())
                .format(FileFormat.PARQUET)
                .operationId(operationId)
                .build();
        this.targetFileSizeBytes = targetFileSizeBytes;
        this.partitionKey = new PartitionKey(table.spec(), schema);
        this.probe = new Object[partitionKey.size()];
        this.format = format.apply(this);
    }

    /** Files written by Iceberg's generic Parquet writer, of the table's current schema. */
    TableFileWriter(Table table, String operationId, long targetFileSizeBytes) {
        this(table, table.schema(), operationId, targetFileSizeBytes, w -> w.new IcebergFormat());
    }

    /** Files of {@code schema}, which may be older than the table's current schema (files keep their field ids). */
    static TableFileWriter iceberg(Table table, org.apache.iceberg.Schema schema, String operationId, long targetFileSizeBytes) {
        return new TableFileWriter(table, schema, operationId, targetFileSizeBytes, w -> w.new IcebergFormat());
    }

    /** Files written by the columnar writer; {@link #columnarUnsupported} must be empty for the table and schema. */
    static TableFileWriter columnar(Table table, org.apache.iceberg.Schema schema, String operationId, long targetFileSizeBytes) {
        return new TableFileWriter(table, schema, operationId, targetFileSizeBytes, w -> w.new ColumnarFormat());
    }

    /**
     * The columnar writer where {@code preferColumnar} and the table allow it, else Iceberg's; the
     * reason is logged (once per table) when the columnar writer is preferred but cannot be used.
     */
    static TableFileWriter forTable(Table table, org.apache.iceberg.Schema schema, String operationId,
                                    long targetFileSizeBytes, boolean preferColumnar) {
        if (preferColumnar) {
            Optional<String> why = columnarUnsupported(table, schema);
            if (why.isEmpty()) {
                return columnar(table, schema, operationId, targetFileSizeBytes);
            }
            if (EXPLAINED.add(table.name())) {
                LOG.info("Table {} is written by Iceberg's Parquet writer, not the columnar one: {}", table.name(), why.get());
            }
        }
        return iceberg(table, schema, operationId, targetFileSizeBytes);
    }

    private static final java.util.Set<String> EXPLAINED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Why the columnar writer cannot write {@code schema} into {@code table}, or empty when it can. */
    static Optional<String> columnarUnsupported(Table table, org.apache.iceberg.Schema schema) {
        if (!(table.encryption() instanceof PlaintextEncryptionManager)) {
            return Optional.of("the table is encrypted");
        }
        if (!FileFormat.PARQUET.name().equalsIgnoreCase(table.properties().getOrDefault(
                TableProperties.DEFAULT_FILE_FORMAT, TableProperties.DEFAULT_FILE_FORMAT_DEFAULT))) {
            return Optional.of("its file format is not Parquet");
        }
        return ColumnarSettings.unsupported(table.properties()).or(() -> ColumnarFileWriter.unsupportedType(schema));
    }

    /** Whether the files are written by the columnar writer. */
    boolean columnar() {
        return format instanceof ColumnarFormat;
    }

    /**
     * Columns whose values are (nearly) unique per row. Parquet's dictionary encoding would hash
     * every value into a dictionary, find it does not pay and fall back to plain encoding page by
     * page: pure CPU for the same (or a larger) file. Plain-encoded, zstd still compresses them.
     */
    static final List<String> UNIQUE_COLUMNS = List.of("event_id", "payload", "correlation_id", "dedup_key",
            "fingerprint", "kafka_offset", "event_timestamp", "ingest_timestamp", "received_at", "original",
            "payload_event_id", "payload_event_timestamp");

    private static final String DICTIONARY_ENABLED = "write.parquet.dict-encoding-enabled.column.";

    /**
     * Long, random texts that no query prunes on: Parquet's min/max statistics would compare every
     * value with the page's and the chunk's bounds (a byte-wise compare of long common prefixes in
     * the JSON payload) for bounds that never exclude a file.
     */
    static final List<String> NO_STATISTICS_COLUMNS = List.of("payload", "dedup_key", "fingerprint", "original");

    private static final String STATISTICS_ENABLED = "write.parquet.stats-enabled.column.";

    /** File-writer settings on top of the table's properties; a property set on the table wins. */
    static Map<String, String> writerProperties(Table table, org.apache.iceberg.Schema schema) {
        Map<String, String> properties = new HashMap<>();
        for (String column : UNIQUE_COLUMNS) {
            String key = DICTIONARY_ENABLED + column;
            if (schema.findField(column) != null && !table.properties().containsKey(key)) {
                properties.put(key, "false");
            }
        }
        for (String column : NO_STATISTICS_COLUMNS) {
            String key = STATISTICS_ENABLED + column;
            if (schema.findField(column) != null && !table.properties().containsKey(key)) {
                properties.put(key, "false");
            }
        }
        return properties;
    }

    Table table() {
        return table;
    }

    org.apache.iceberg.Schema schema() {
        return schema;
    }

    /** The row to fill next, every column null; valid until {@link #write()}. */
    RowTarget row() {
        format.clearRow();
        return format.row();
    }

    /** Writes the row filled since {@link #row()}. */
    void write() {
        requireOpen();
        StructLike row = format.current();
        partitionKey.partition(row); // internal values: the transforms read them as they are
        writerFor().write(row);
        rows++;
    }

    /** Writes {@code record}, a row of internal values (Iceberg's writer only). */
    void write(Record record) {
        requireOpen();
        if (!(format instanceof IcebergFormat)) {
            throw new IllegalStateException("The columnar writer of " + table.name() + " takes rows through row()");
        }
        partitionKey.partition(record);
        writerFor().write(record);
        rows++;
    }

    private void requireOpen() {
        if (files != null) {
            throw new IllegalStateException("The files of " + table.name() + " are finished; no row can be added");
        }
    }

    private PartitionFiles writerFor() {
        for (int i = 0; i < probe.length; i++) {
            probe[i] = partitionKey.get(i, Object.class);
        }
        if (lastPartition != null && lastPartition.holds(probe)) {
            return lastWriter;
        }
        PartitionValues values = new PartitionValues(probe.clone());
        PartitionFiles writer = writers.get(values);
        if (writer == null) {
            writer = format.open(partitionKey.copy());
            writers.put(values, writer);
        }
        lastPartition = values;
        lastWriter = writer;
        return writer;
    }

    /** One partition's files: written one at a time, rolled at the target size. */
    private interface PartitionFiles {
        void write(StructLike row);

        /** Closes the open file; every file written, in order. */
        List<DataFile> close() throws IOException;
    }

    /** How rows are held and files written. */
    private abstract static class Format {
        abstract RowTarget row();

        abstract void clearRow();

        abstract StructLike current();

        abstract PartitionFiles open(PartitionKey partition);

        /** Releases what the format holds beyond its files (compressors); idempotent. */
        void release() {
        }
    }

    private final class IcebergFormat extends Format {
        private final InternalRowWriterFactory factory;
        private final RecordRow row;

        IcebergFormat() {
            this.factory = new InternalRowWriterFactory(table, schema, writerProperties(table, schema));
            this.row = new RecordRow(schema);
        }

        @Override
        RowTarget row() {
            return row;
        }

        @Override
        void clearRow() {
            row.clear();
        }

        @Override
        StructLike current() {
            return row.record();
        }

        @Override
        PartitionFiles open(PartitionKey partition) {
            RollingDataWriter<Record> rolling = new RollingDataWriter<>(factory, fileFactory, table.io(),
                    targetFileSizeBytes, table.spec(), partition);
            return new PartitionFiles() {
                @Override
                public void write(StructLike r) {
                    rolling.write((Record) r);
                }

                @Override
                public List<DataFile> close() throws IOException {
                    rolling.close();
                    return rolling.result().dataFiles();
                }
            };
        }
    }

    private final class ColumnarFormat extends Format {
        private final ColumnarSettings settings;
        private final ColumnarCompression compression;
        private final MetricsConfig metrics;
        private final ColumnarRow row;

        ColumnarFormat() {
            Map<String, String> properties = new HashMap<>(table.properties());
            properties.putAll(writerProperties(table, schema));
            this.settings = ColumnarSettings.of(properties);
            this.compression = new ColumnarCompression(settings);
            this.metrics = MetricsConfig.forTable(table);
            this.row = new ColumnarRow(schema.columns().size());
        }

        @Override
        RowTarget row() {
            return row;
        }

        @Override
        void clearRow() {
            row.clear();
        }

        @Override
        StructLike current() {
            return row;
        }

        @Override
        PartitionFiles open(PartitionKey partition) {
            return new ColumnarFiles(partition);
        }

        @Override
        void release() {
            compression.close();
        }

        /** A partition's columnar files, rolled when the open one reaches the target size. */
        private final class ColumnarFiles implements PartitionFiles {
            private final PartitionKey partition;
            private final List<DataFile> written = new ArrayList<>();
            private ColumnarFileWriter open;

            ColumnarFiles(PartitionKey partition) {
                this.partition = partition;
            }

            @Override
            public void write(StructLike r) {
                if (open == null) {
                    open = new ColumnarFileWriter(fileFactory.newOutputFile(table.spec(), partition).encryptingOutputFile(),
                            schema, settings, compression.compressor());
                }
                open.write((ColumnarRow) r);
                if (open.rows() % ROLL_CHECK_ROWS == 0 && open.length() >= targetFileSizeBytes) {
                    roll();
                }
            }

            private void roll() {
                ColumnarFileWriter closing = open;
                open = null;
                closing.close();
                written.add(DataFiles.builder(table.spec())
                        .withPath(closing.location())
                        .withFormat(FileFormat.PARQUET)
                        .withPartition(partition)
                        .withFileSizeInBytes(closing.length())
                        .withMetrics(closing.metrics(metrics))
                        .withSplitOffsets(closing.splitOffsets())
                        .build());
            }

            @Override
            public List<DataFile> close() {
                if (open != null) {
                    roll();
                }
                return written;
            }
        }
    }

    /**
     * A partition's values as the spec's transforms produce them (a CharSequence, Integer, Long, ...;
     * null for a null value), compared by value: a text equals any other CharSequence of the same
     * chars (a {@code String} and an Avro {@code Utf8}), as Iceberg's comparators have it. The
     * arrays are never changed after construction.
     */
    private record PartitionValues(Object[] values) {
        boolean holds(Object[] other) {
            for (int i = 0; i < values.length; i++) {
                if (!same(values[i], other[i])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean same(Object a, Object b) {
            if (a == b) {
                return true;
            }
            if (a == null || b == null) {
                return false;
            }
            if (a.getClass() == b.getClass()) {
                return a.equals(b);
            }
            return a instanceof CharSequence x && b instanceof CharSequence y && x.toString().contentEquals(y);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PartitionValues p && p.values.length == values.length && holds(p.values);
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (Object v : values) {
                // Avro's Utf8 keeps the String it makes, so a repeated value hashes without a new one.
                h = 31 * h + (v instanceof CharSequence text ? text.toString().hashCode() : java.util.Objects.hashCode(v));
            }
            return h;
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    long rows() {
        return rows;
    }

    /** Closes every open file and returns all files written. Idempotent. */
    List<DataFile> finish() {
        if (files == null) {
            List<DataFile> written = new ArrayList<>();
            IOException failure = null;
            try {
                for (PartitionFiles w : writers.values()) {
                    try {
                        written.addAll(w.close());
                    } catch (IOException | RuntimeException e) {
                        IOException io = e instanceof IOException x ? x : new IOException(e);
                        if (failure == null) {
                            failure = io;
                        } else {
                            failure.addSuppressed(io);
                        }
                    }
                }
            } finally {
                format.release();
            }
            if (failure != null) {
                throw new UncheckedIOException("Cannot close the data files of " + table.name(), failure);
            }
            files = List.copyOf(written);
        }
        return files;
    }

    /** Deletes the files of a batch that certainly was not committed. */
    void abort() {
        List<DataFile> written;
        try {
            written = finish();
        } catch (RuntimeException e) {
            return; // nothing complete was written; Iceberg's orphan-file removal takes partial files
        }
        for (DataFile f : written) {
            try {
                table.io().deleteFile(f.location());
            } catch (RuntimeException ignored) {
                // an orphan file is harmless; orphan-file removal takes it
            }
        }
    }
}
