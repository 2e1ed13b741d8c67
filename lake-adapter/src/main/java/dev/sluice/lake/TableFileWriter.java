package dev.sluice.lake;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parquet data files for one table and one batch: one open file per partition (fan-out), rolled
 * at the table's target file size. Rows are not held in memory beyond Parquet's row group buffer.
 * Rows hold Iceberg's internal values ({@link InternalRowWriterFactory}, {@link RowMapper}).
 */
final class TableFileWriter {

    private static final AtomicInteger TASK_IDS = new AtomicInteger();

    private final Table table;
    private final org.apache.iceberg.Schema schema;
    private final FanoutDataWriter<Record> writer;
    private final PartitionKey partitionKey;
    private long rows;
    private List<DataFile> files;

    TableFileWriter(Table table, String operationId, long targetFileSizeBytes) {
        this(table, table.schema(), operationId, targetFileSizeBytes);
    }

    /** Files of {@code schema}, which may be older than the table's current schema (files keep their field ids). */
    TableFileWriter(Table table, org.apache.iceberg.Schema schema, String operationId, long targetFileSizeBytes) {
        this.table = table;
        this.schema = schema;
        InternalRowWriterFactory factory = new InternalRowWriterFactory(table, schema, writerProperties(table, schema));
        OutputFileFactory files = OutputFileFactory.builderFor(table, 1, TASK_IDS.incrementAndGet())
                .format(FileFormat.PARQUET)
                .operationId(operationId)
                .build();
        this.writer = new FanoutDataWriter<>(factory, files, table.io(), targetFileSizeBytes);
        this.partitionKey = new PartitionKey(table.spec(), schema);
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
        partitionKey.partition(record); // internal values: the transforms read them as they are
        writer.write(record, table.spec(), partitionKey);
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Closes every open file and returns all files written. Idempotent. */
    List<DataFile> finish() {
        if (files == null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the data files of " + table.name(), e);
            }
            DataWriteResult result = writer.result();
            files = List.copyOf(result.dataFiles());
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
