package dev.sluice.localstack;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import dev.sluice.localstack.Endpoints.IcebergEndpoint;
import dev.sluice.localstack.Endpoints.TrinoEndpoint;
import org.apache.iceberg.CatalogUtil;
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
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

@LocalStackServers(Server.TRINO)
class TrinoIcebergSmokeTest {

    @Test
    void aTableTrinoWritesIsReadByTrinoAndByJava(TrinoEndpoint trino, IcebergEndpoint iceberg) throws Exception {
        String schema = uniqueName("smoke_trino");
        try (Connection connection = connect(trino); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA iceberg." + schema);
            sql.execute("CREATE TABLE iceberg." + schema + ".events (event_id varchar, source varchar, size bigint)");
            assertThat(sql.executeUpdate("INSERT INTO iceberg." + schema + ".events VALUES "
                    + "('e-1', 'payment-service', 10), ('e-2', 'iot-gateway-west', 20), ('e-3', 'payment-service', 30)")).isEqualTo(3);

            assertThat(rows(sql, "SELECT event_id, source, size FROM iceberg." + schema + ".events ORDER BY event_id"))
                    .containsExactly("e-1|payment-service|10", "e-2|iot-gateway-west|20", "e-3|payment-service|30");
        }

        try (CloseableIterable<Record> records = IcebergGenerics.read(loadCatalog(iceberg).loadTable(TableIdentifier.of(schema, "events"))).build()) {
            List<String> javaRows = new ArrayList<>();
            records.forEach(record -> javaRows.add(record.getField("event_id") + "|" + record.getField("source") + "|" + record.getField("size")));
            assertThat(javaRows).containsExactlyInAnyOrder("e-1|payment-service|10", "e-2|iot-gateway-west|20", "e-3|payment-service|30");
        }
    }

    @Test
    void trinoReadsATableJavaWrote(TrinoEndpoint trino, IcebergEndpoint iceberg) throws Exception {
        String namespace = uniqueName("smoke_java");
        Catalog catalog = loadCatalog(iceberg);
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of(namespace));
        Schema schema = new Schema(
                required(1, "event_id", Types.StringType.get()),
                optional(2, "event_type", Types.StringType.get()),
                optional(3, "size", Types.LongType.get()));
        Table table = catalog.createTable(TableIdentifier.of(namespace, "from_java"), schema, PartitionSpec.unpartitioned());

        OutputFile file = table.io().newOutputFile(table.locationProvider().newDataLocation("part-00000.parquet"));
        DataWriter<Record> writer = Parquet.writeData(file)
                .schema(schema)
                .createWriterFunc(GenericParquetWriter::create)
                .withSpec(PartitionSpec.unpartitioned())
                .overwrite()
                .build();
        try (writer) {
            for (int i = 1; i <= 3; i++) {
                GenericRecord record = GenericRecord.create(schema);
                record.setField("event_id", "j-" + i);
                record.setField("event_type", i % 2 == 0 ? "click" : "impression");
                record.setField("size", (long) i * 100);
                writer.write(record);
            }
        }
        DataFile dataFile = writer.toDataFile();
        table.newAppend().appendFile(dataFile).commit();

        try (Connection connection = connect(trino); Statement sql = connection.createStatement()) {
            assertThat(rows(sql, "SELECT event_id, event_type, size FROM iceberg." + namespace + ".from_java ORDER BY event_id"))
                    .containsExactly("j-1|impression|100", "j-2|click|200", "j-3|impression|300");
        }
    }

    @Test
    void theTpchCatalogAnswers(TrinoEndpoint trino) throws Exception {
        try (Connection connection = connect(trino); Statement sql = connection.createStatement()) {
            assertThat(rows(sql, "SELECT count(*) FROM tpch.tiny.nation")).containsExactly("25");
        }
    }

    private static Catalog loadCatalog(IcebergEndpoint iceberg) {
        return CatalogUtil.buildIcebergCatalog(iceberg.catalogName(), iceberg.catalogProperties(), null);
    }

    private static Connection connect(TrinoEndpoint trino) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "sluice-test");
        return DriverManager.getConnection(trino.jdbcUrl(), properties);
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
