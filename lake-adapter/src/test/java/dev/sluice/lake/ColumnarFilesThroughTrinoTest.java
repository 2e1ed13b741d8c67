package dev.sluice.lake;

import dev.sluice.lake.parquet.ColumnarFixtures;
import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.Endpoints.TrinoEndpoint;
import dev.sluice.localstack.LocalStackExtension;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trino reads the columnar writer's files as it reads Iceberg's: the same random rows (every type
 * the writer supports, nested and null at every depth) written into two partitioned tables, one
 * through each writer, give the same text of every column through Trino, row by row.
 */
@ExtendWith(LocalStackExtension.class)
@LocalStackServers({Server.POSTGRES, Server.S3, Server.TRINO})
class ColumnarFilesThroughTrinoTest {

    private static final int ROWS = 3_000;

    @Test
    void trinoReadsTheSameValuesFromBothWritersFiles(IcebergEndpoint iceberg, TrinoEndpoint trino) throws SQLException {
        Catalog catalog = LakeTestSupport.catalog(iceberg);
        String namespace = LakeTestSupport.newNamespace("columnar");
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of(namespace));
        PartitionSpec spec = PartitionSpec.builderFor(ColumnarFixtures.SCHEMA).identity("kind").day("ts").build();
        Map<String, String> properties = Map.of("write.parquet.page-size-bytes", "4096",
                "write.parquet.dict-size-bytes", "2048", "write.parquet.compression-codec", "zstd");
        Table columnar = catalog.createTable(TableIdentifier.of(namespace, "columnar"), ColumnarFixtures.SCHEMA, spec, properties);
        Table reference = catalog.createTable(TableIdentifier.of(namespace, "reference"), ColumnarFixtures.SCHEMA, spec, properties);
        List<Record> rows = ColumnarFixtures.rows(new Random(42), ROWS);

        TableFileWriter c = TableFileWriter.forTable(columnar, columnar.schema(), "op-" + UUID.randomUUID(), 512L << 20, true);
        assertThat(c.columnar()).isTrue();
        TableFileWriter r = TableFileWriter.forTable(reference, reference.schema(), "op-" + UUID.randomUUID(), 512L << 20, false);
        assertThat(r.columnar()).isFalse();
        for (Record row : rows) {
            for (TableFileWriter w : List.of(c, r)) {
                var target = w.row();
                for (int i = 0; i < row.size(); i++) {
                    target.setObject(i, row.get(i));
                }
                w.write();
            }
        }
        append(columnar, c);
        append(reference, r);

        String columns = ColumnarFixtures.SCHEMA.columns().stream().map(ColumnarFilesThroughTrinoTest::asText)
                .collect(Collectors.joining(", "));
        List<List<Object>> fromColumnar = LakeTestSupport.query(trino, "SELECT " + columns + " FROM iceberg." + namespace
                + ".columnar ORDER BY uniq");
        List<List<Object>> fromReference = LakeTestSupport.query(trino, "SELECT " + columns + " FROM iceberg." + namespace
                + ".reference ORDER BY uniq");
        assertThat(fromColumnar).hasSize(ROWS);
        assertThat(fromColumnar).containsExactlyElementsOf(fromReference);
        assertThat(LakeTestSupport.scalar(trino, "SELECT count(*) FROM iceberg." + namespace
                + ".columnar WHERE cardinality(tags) = 0")).as("empty lists stay empty, not null")
                .isEqualTo(LakeTestSupport.scalar(trino, "SELECT count(*) FROM iceberg." + namespace
                        + ".reference WHERE cardinality(tags) = 0"));
        assertThat(((Number) LakeTestSupport.scalar(trino, "SELECT count(*) FROM iceberg." + namespace
                + ".columnar WHERE kind = 'stop'")).longValue()).as("partition pruning on the columnar files")
                .isEqualTo(rows.stream().filter(x -> "stop".equals(x.getField("kind"))).count());
    }

    private static void append(Table table, TableFileWriter writer) {
        AppendFiles append = table.newAppend();
        writer.finish().forEach(append::appendFile);
        append.commit();
    }

    /** A column as text: Trino's JSON of nested values, and doubles as their text so that NaN compares. */
    private static String asText(Types.NestedField f) {
        String name = "\"" + f.name() + "\"";
        return switch (f.type().typeId()) {
            case STRUCT, LIST, MAP -> "json_format(CAST(" + name + " AS JSON))";
            case BINARY -> "to_hex(" + name + ")";
            default -> "CAST(" + name + " AS varchar)";
        };
    }
}
