package dev.sluice.lake;

import org.apache.iceberg.DataFile;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parquet data files for one table and one batch: one open file per partition (fan-out), rolled
 * at the table's target file size. Rows are not held in memory beyond Parquet's row group buffer.
 * Rows hold Iceberg's internal values ({@link InternalRowWriterFactory}, {@link RowMapper}).
 *
 * <p>The fan-out is this class's own, not Iceberg's {@code FanoutDataWriter}: that one finds a
 * row's file through a map keyed by the partition as a generic struct (hashing and comparing it
 * field by field through type-generic comparators), which cost ~5 % of a writer thread's CPU. Here
 * the partition's values are compared directly: first with the previous row's partition (runs of
 * one partition are the common case), then through a hash map keyed by the values (ADR-091).
 */
final class TableFileWriter {

    private static final AtomicInteger TASK_IDS = new AtomicInteger();

    private final Table table;
    private final org.apache.iceberg.Schema schema;
    private final InternalRowWriterFactory factory;
    private final OutputFileFactory fileFactory;
    private final long targetFileSizeBytes;
    private final PartitionKey partitionKey;
    /** The open file of each partition, in the order the partitions were first seen. */
    private final Map<PartitionValues, RollingDataWriter<Record>> writers = new LinkedHashMap<>();
    /** The partition values of the row being written; reused, so a row that finds its file allocates nothing. */
    private final Object[] probe;
    private PartitionValues lastPartition;
    private RollingDataWriter<Record> lastWriter;
    private long rows;
    private List<DataFile> files;

    TableFileWriter(Table table, String operationId, long targetFileSizeBytes) {
        this(table, table.schema(), operationId, targetFileSizeBytes);
    }

    /** Files of {@code schema}, which may be older than the table's current schema (files keep their field ids). */
    TableFileWriter(Table table, org.apache.iceberg.Schema schema, String operationId, long targetFileSizeBytes) {
        this.table = table;
        this.schema = schema;
        this.factory = new InternalRowWriterFactory(table, schema, writerProperties(table, schema));
        this.fileFactory = OutputFileFactory.builderFor(table, 1, TASK_IDS.incrementAndGet())
                .format(FileFormat.PARQUET)
                .operationId(operationId)
                .build();
        this.targetFileSizeBytes = targetFileSizeBytes;
        this.partitionKey = new PartitionKey(table.spec(), schema);
        this.probe = new Object[partitionKey.size()];
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

    void write(Record record) {
        if (files != null) {
            throw new IllegalStateException("The files of " + table.name() + " are finished; no row can be added");
        }
        partitionKey.partition(record); // internal values: the transforms read them as they are
        writerFor().write(record);
        rows++;
    }

    private RollingDataWriter<Record> writerFor() {
        for (int i = 0; i < probe.length; i++) {
            probe[i] = partitionKey.get(i, Object.class);
        }
        if (lastPartition != null && lastPartition.holds(probe)) {
            return lastWriter;
        }
        PartitionValues values = new PartitionValues(probe.clone());
        RollingDataWriter<Record> writer = writers.get(values);
        if (writer == null) {
            writer = new RollingDataWriter<>(factory, fileFactory, table.io(), targetFileSizeBytes, table.spec(),
                    partitionKey.copy());
            writers.put(values, writer);
        }
        lastPartition = values;
        lastWriter = writer;
        return writer;
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
            for (RollingDataWriter<Record> w : writers.values()) {
                try {
                    w.close();
                    written.addAll(w.result().dataFiles());
                } catch (IOException | RuntimeException e) {
                    IOException io = e instanceof IOException x ? x : new IOException(e);
                    if (failure == null) {
                        failure = io;
                    } else {
                        failure.addSuppressed(io);
                    }
                }
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
