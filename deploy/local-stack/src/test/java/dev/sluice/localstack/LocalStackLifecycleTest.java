package dev.sluice.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the stack itself, on PostgreSQL alone because it starts in about a second. */
class LocalStackLifecycleTest {

    @Test
    void trinoImpliesPostgresAndTheS3Warehouse() {
        assertThat(LocalStackConfig.builder().servers(Server.TRINO).build().servers())
                .containsExactlyInAnyOrder(Server.TRINO, Server.POSTGRES, Server.S3);
        assertThat(LocalStackConfig.builder().servers(Server.TRINO).warehouse(LocalStackConfig.WarehouseKind.FILE).build().servers())
                .containsExactlyInAnyOrder(Server.TRINO, Server.POSTGRES);
    }

    @Test
    void anEndpointThatWasNotRequestedNamesTheMissingServer() {
        Endpoints endpoints = new Endpoints(null, null, null, null, null);
        assertThat(endpoints.findKafka()).isEmpty();
        assertThatThrownBy(endpoints::kafka).isInstanceOf(LocalStackException.class).hasMessageContaining("Server.KAFKA");
        assertThatThrownBy(endpoints::trino).isInstanceOf(LocalStackException.class).hasMessageContaining("Server.TRINO");
    }

    @Test
    void aServerThatCannotStartFailsWithItsLogTail() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalStackConfig config = LocalStackConfig.builder()
                    .servers(Server.POSTGRES)
                    .postgresPort(taken.getLocalPort())
                    .startupTimeout(Duration.ofSeconds(60))
                    .build();
            assertThatThrownBy(() -> LocalStack.start(config).close())
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("PostgreSQL")
                    .hasMessageContaining("Last lines of")
                    .hasMessageContaining("could not bind");
        }
    }

    @Test
    void stateInAGivenDataDirectorySurvivesARestart(@TempDir Path dataDir) throws Exception {
        LocalStackConfig config = LocalStackConfig.builder().servers(Server.POSTGRES).dataDir(dataDir).build();
        try (LocalStack first = LocalStack.start(config)) {
            first.endpoints().postgres().createDatabase("survivor");
            try (Connection connection = first.endpoints().postgres().connect("survivor"); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE kept (id int)");
                sql.execute("INSERT INTO kept VALUES (42)");
            }
        }
        try (LocalStack second = LocalStack.start(config);
             Connection connection = second.endpoints().postgres().connect("survivor");
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }
}
