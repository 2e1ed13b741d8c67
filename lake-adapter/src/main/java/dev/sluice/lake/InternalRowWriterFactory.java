package dev.sluice.lake;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.parquet.Parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Parquet data files of rows that hold Iceberg's <em>internal</em> values: a timestamp is a
 * {@code Long} of microseconds, a date an {@code Integer} of days, a string any
 * {@code CharSequence} (see {@link RowMapper}).
 *
 * <p>Iceberg's generic object model wants an {@code OffsetDateTime} per timestamp, which its
 * Parquet writer and the partition key then turn back into microseconds: two calendar
 * computations per timestamp, on every row of every table, for a value the envelope already holds
 * as an {@code Instant}. With internal values the row holds the microseconds and both read them
 * as they are. Table properties, the writer's column settings and the table's metrics settings
 * apply exactly as with the generic factory; the files are the same.
 */
final class InternalRowWriterFactory implements FileWriterFactory<Record> {

    private final Table table;
    private final Schema schema;
    private final Map<String, String> writerProperties;

    InternalRowWriterFactory(Table table, Schema schema, Map<String, String> writerProperties) {
        this.table = requireNonNull(table, "table is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.writerProperties = Map.copyOf(writerProperties);
    }

    @Override
    public DataWriter<Record> newDataWriter(EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
        try {
            return Parquet.writeData(file)
                    .forTable(table)
                    .schema(schema)
                    .setAll(writerProperties)
                    .withSpec(spec)
                    .withPartition(partition)
                    .createWriterFunc(message -> InternalWriter.<Record>createWriter(schema, message))
                    .overwrite()
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a data file of " + table.name() + " at " + file.encryptingOutputFile().location(), e);
        }
    }

    @Override
    public EqualityDeleteWriter<Record> newEqualityDeleteWriter(EncryptedOutputFile file, PartitionSpec spec,
                                                                StructLike partition) {
        throw new UnsupportedOperationException("Sluice's ingestion writes data files only");
    }

    @Override
    public PositionDeleteWriter<Record> newPositionDeleteWriter(EncryptedOutputFile file, PartitionSpec spec,
                                                                StructLike partition) {
        throw new UnsupportedOperationException("Sluice's ingestion writes data files only");
    }
}
