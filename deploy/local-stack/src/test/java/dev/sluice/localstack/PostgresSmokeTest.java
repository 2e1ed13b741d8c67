package dev.sluice.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import dev.sluice.localstack.Endpoints.PostgresEndpoint;
import org.junit.jupiter.api.Test;

@LocalStackServers(Server.POSTGRES)
class PostgresSmokeTest {

    @Test
    void rowsWrittenWithSqlAreReadBack(PostgresEndpoint postgres) throws Exception {
        String database = "smoke_" + UUID.randomUUID().toString().replace("-", "");
        postgres.createDatabase(database);
        postgres.createDatabase(database); // idempotent

        try (Connection connection = postgres.connect(database)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE subjects (name text PRIMARY KEY, version int NOT NULL, schema jsonb NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO subjects VALUES (?, ?, ?::jsonb)")) {
                insert.setString(1, "acme-telemetry-value");
                insert.setInt(2, 3);
                insert.setString(3, "{\"type\": \"object\"}");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (Statement query = connection.createStatement();
                 ResultSet rows = query.executeQuery("SELECT name, version, schema ->> 'type' FROM subjects")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("acme-telemetry-value");
                assertThat(rows.getInt(2)).isEqualTo(3);
                assertThat(rows.getString(3)).isEqualTo("object");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void theRegistryAndCatalogDatabasesExist(PostgresEndpoint postgres) throws Exception {
        for (String database : new String[] {LocalStack.REGISTRY_DATABASE, LocalStack.CATALOG_DATABASE}) {
            try (Connection connection = postgres.connect(database)) {
                assertThat(connection.isValid(5)).as(database).isTrue();
            }
        }
    }
}
