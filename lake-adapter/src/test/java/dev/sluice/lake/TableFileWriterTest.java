package dev.sluice.lake;

import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TableFileWriter}'s own fan-out, on the local stack's catalog and S3 server: every row lands
 * in the file of its own partition, whatever the order of the partitions, including a null
 * partition value; and the files read back are exactly the rows written.
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers({Server.POSTGRES, Server.S3})
class TableFileWriterTest {

    private static final long DAY_MICROS = 86_400_000_000L;
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "kind", Types.StringType.get()),
            Types.NestedField.required(3, "ts", Types.TimestampType.withZone()));
    private static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).identity("kind").day("ts").build();

    private Table table;

    @BeforeEach
    void createTable(IcebergEndpoint iceberg) {
        Catalog catalog = LakeTestSupport.catalog(iceberg);
        String namespace = LakeTestSupport.newNamespace("files");
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of(namespace));
        table = catalog.createTable(TableIdentifier.of(namespace, "t_" + UUID.randomUUID().toString().substring(0, 8)), SCHEMA, SPEC);
    }

    @ParameterizedTest(name = "columnar writer: {0}")
    @ValueSource(booleans = {true, false})
    void interleavedPartitionsEachGetOneFileHoldingExactlyTheirRows(boolean columnar) throws Exception {
        String[] kinds = {"start", "stop", null, "start", "pause"};
        TableFileWriter writer = TableFileWriter.forTable(table, table.schema(), "op-" + UUID.randomUUID(),
                512L * 1024 * 1024, columnar);
        assertThat(writer.columnar()).isEqualTo(columnar);
        Map<String, Integer> expected = new TreeMap<>();
        List<Long> ids = new ArrayList<>();
        for (long id = 0; id < 1_000; id++) {
            String kind = kinds[(int) (id % kinds.length)];
            long day = id % 3; // three days, crossing the kinds' cycle
            var r = writer.row();
            r.setLong(0, id);
            r.setString(1, kind);
            r.setLong(2, day * DAY_MICROS + id);
            writer.write();
            expected.merge(kind + "/" + day, 1, Integer::sum);
            ids.add(id);
        }
        List<DataFile> files = writer.finish();

        assertThat(writer.rows()).isEqualTo(1_000);
        assertThat(writer.finish()).as("finish is idempotent").isSameAs(files);
        Map<String, Integer> byFile = new TreeMap<>();
        for (DataFile f : files) {
            String key = f.partition().get(0, String.class) + "/" + f.partition().get(1, Integer.class);
            assertThat(byFile.put(key, (int) f.recordCount())).as("one file per partition: " + key).isNull();
        }
        assertThat(byFile).isEqualTo(expected).hasSize(12);

        AppendFiles append = table.newAppend();
        files.forEach(append::appendFile);
        append.commit();
        List<Long> read = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record r : rows) {
                long id = (Long) r.getField("id");
                String kind = (String) r.getField("kind");
                assertThat(kind).isEqualTo(kinds[(int) (id % kinds.length)]);
                read.add(id);
            }
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void theColumnarWriterRollsAPartitionsFilesAtTheTargetSize() throws Exception {
        TableFileWriter writer = TableFileWriter.columnar(table, table.schema(), "op-" + UUID.randomUUID(), 64 * 1024);
        for (long id = 0; id < 60_000; id++) {
            var r = writer.row();
            r.setLong(0, id * 7919 % 1_000_003); // not compressible to nothing
            r.setString(1, "start");
            r.setLong(2, id);
            writer.write();
        }
        List<DataFile> files = writer.finish();

        assertThat(files).as("one partition, rolled").hasSizeGreaterThan(2);
        assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(60_000);
        assertThat(files).allSatisfy(f -> assertThat(f.fileSizeInBytes()).isLessThan(4 * 64 * 1024));
        AppendFiles append = table.newAppend();
        files.forEach(append::appendFile);
        append.commit();
        long rows = 0;
        try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
            for (Record ignored : read) {
                rows++;
            }
        }
        assertThat(rows).isEqualTo(60_000);
    }

    @Test
    void aTextPartitionValueIsOnePartitionWhetherItCameAsStringOrUtf8() {
        TableFileWriter writer = new TableFileWriter(table, "op-" + UUID.randomUUID(), 512L * 1024 * 1024);
        for (long id = 0; id < 6; id++) {
            Record r = GenericRecord.create(SCHEMA);
            r.set(0, id);
            r.set(1, id % 2 == 0 ? "start" : new org.apache.avro.util.Utf8("start"));
            r.set(2, id);
            writer.write(r);
        }

        assertThat(writer.finish()).singleElement().satisfies(f -> assertThat(f.recordCount()).isEqualTo(6));
    }

    @Test
    void aFinishedWriterRefusesRows() {
        TableFileWriter writer = new TableFileWriter(table, "op-" + UUID.randomUUID(), 512L * 1024 * 1024);
        Record r = GenericRecord.create(SCHEMA);
        r.set(0, 1L);
        r.set(1, "start");
        r.set(2, 0L);
        writer.write(r);
        assertThat(writer.finish()).hasSize(1);

        assertThatThrownBy(() -> writer.write(r)).isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
    }
}
