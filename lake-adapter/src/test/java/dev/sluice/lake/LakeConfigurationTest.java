package dev.sluice.lake;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LakeConfigurationTest {

    @Test
    void defaults() {
        try (ApplicationContext context = ApplicationContext.run()) {
            LakeConfiguration config = context.getBean(LakeConfiguration.class);

            assertThat(config.catalogType()).isEqualTo(LakeConfiguration.CatalogType.JDBC);
            assertThat(config.catalogName()).isEqualTo("sluice");
            assertThat(config.catalogUri()).isEqualTo("jdbc:postgresql://localhost:5432/sluice");
            assertThat(config.warehouse()).isEqualTo("s3://sluice-lake/warehouse");
            assertThat(config.namespace()).isEqualTo("telemetry");
            assertThat(config.fileIo()).isEqualTo(LakeConfiguration.FileIoType.S3);
            assertThat(config.s3Region()).isEqualTo("us-east-1");
            assertThat(config.s3PathStyle()).isFalse();
            assertThat(config.writerId()).isEqualTo("sluice-lake-writer");
            assertThat(config.commitPolicy()).isEqualTo(new CommitPolicy(200_000, Duration.ofSeconds(5)));
            assertThat(config.targetFileSize()).isEqualTo(128L * 1024 * 1024);
            assertThat(config.rowGroupSize()).isEqualTo(32L * 1024 * 1024);
            assertThat(config.commitAttempts()).isEqualTo(10);
            assertThat(config.fileWriter()).isEqualTo(LakeSettings.FileWriter.COLUMNAR);
            assertThat(config.settings().fileWriter()).isEqualTo(LakeSettings.FileWriter.COLUMNAR);
            assertThat(config.icebergProperties()).containsEntry("type", "jdbc")
                    .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                    .containsEntry("jdbc.schema-version", "V1")
                    .doesNotContainKeys("s3.endpoint", "jdbc.user", "s3.access-key-id");
        }
    }

    @Test
    void explicitMapping() {
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("sluice.lake.catalog-type", "REST"),
                Map.entry("sluice.lake.catalog-name", "lake"),
                Map.entry("sluice.lake.catalog-uri", "http://rest:8181"),
                Map.entry("sluice.lake.catalog-user", "u"),
                Map.entry("sluice.lake.catalog-password", "p"),
                Map.entry("sluice.lake.warehouse", "s3://bucket/wh"),
                Map.entry("sluice.lake.namespace", "tele"),
                Map.entry("sluice.lake.file-io", "S3"),
                Map.entry("sluice.lake.s3-endpoint", "http://127.0.0.1:9000"),
                Map.entry("sluice.lake.s3-region", "eu-west-1"),
                Map.entry("sluice.lake.s3-access-key", "ak"),
                Map.entry("sluice.lake.s3-secret-key", "sk"),
                Map.entry("sluice.lake.s3-path-style", "true"),
                Map.entry("sluice.lake.writer-id", "pod-3"),
                Map.entry("sluice.lake.commit-max-events", "5000"),
                Map.entry("sluice.lake.commit-interval", "250ms"),
                Map.entry("sluice.lake.target-file-size", "67108864"),
                Map.entry("sluice.lake.row-group-size", "16777216"),
                Map.entry("sluice.lake.commit-attempts", "3"),
                Map.entry("sluice.lake.file-writer", "ICEBERG"),
                Map.entry("sluice.lake.catalog-properties.client.assume-role.arn", "arn:x"));
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            LakeConfiguration config = context.getBean(LakeConfiguration.class);

            assertThat(config.catalogType()).isEqualTo(LakeConfiguration.CatalogType.REST);
            assertThat(config.namespace()).isEqualTo("tele");
            assertThat(config.writerId()).isEqualTo("pod-3");
            assertThat(config.commitPolicy()).isEqualTo(new CommitPolicy(5000, Duration.ofMillis(250)));
            assertThat(config.settings()).isEqualTo(new LakeSettings("tele", 64L * 1024 * 1024, 16L * 1024 * 1024, 3,
                    LakeSettings.defaults().commitBackoff(), LakeSettings.FileWriter.ICEBERG));
            assertThat(config.icebergProperties())
                    .containsEntry("type", "rest")
                    .containsEntry("uri", "http://rest:8181")
                    .containsEntry("warehouse", "s3://bucket/wh")
                    .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
                    .containsEntry("client.region", "eu-west-1")
                    .containsEntry("s3.access-key-id", "ak")
                    .containsEntry("s3.secret-access-key", "sk")
                    .containsEntry("s3.path-style-access", "true")
                    .containsEntry("client.assume-role.arn", "arn:x")
                    .doesNotContainKeys("jdbc.user", "jdbc.schema-version");
        }
    }

    @Test
    void aLocalWarehouseUsesTheHadoopFreeFileIo() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("sluice.lake.file-io", "LOCAL",
                "sluice.lake.warehouse", "file:///tmp/wh"))) {
            assertThat(context.getBean(LakeConfiguration.class).icebergProperties())
                    .containsEntry("io-impl", LocalFileIO.class.getName())
                    .doesNotContainKey("s3.path-style-access");
        }
    }
}
