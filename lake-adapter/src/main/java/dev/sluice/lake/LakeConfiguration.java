package dev.sluice.lake;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sluice.lake.*}: the catalog, the file IO, the writer and the commit policy.
 *
 * @param catalogType {@code JDBC} (default, PostgreSQL) or {@code REST}
 * @param catalogName the Iceberg catalog's name, as Trino's catalog sees the same tables
 * @param catalogUri {@code jdbc:postgresql://...} for JDBC, {@code http(s)://...} for REST
 * @param catalogUser JDBC user
 * @param catalogPassword JDBC password
 * @param warehouse {@code s3://bucket/prefix} or {@code file:///path}
 * @param namespace the tables' namespace
 * @param fileIo {@code S3} (S3FileIO, AWS SDK v2) or {@code LOCAL}
 * @param s3Endpoint an endpoint override (the local S3 server), or null for AWS
 * @param s3Region the S3 region
 * @param s3AccessKey static credentials, or null for the AWS default chain
 * @param s3SecretKey static credentials, or null for the AWS default chain
 * @param s3PathStyle path-style access (needed by s3proxy and MinIO)
 * @param writerId the writer id of partitions not claimed explicitly, and of dead letters
 * @param commitMaxEvents items that close a batch
 * @param commitInterval age that closes a batch
 * @param targetFileSize data files roll at this many bytes
 * @param rowGroupSize Parquet row group size in bytes
 * @param commitAttempts attempts per table commit
 * @param fileWriter {@code COLUMNAR} (default): Sluice's column encoders write the events' files where
 *                   a table allows it; {@code ICEBERG}: Iceberg's generic Parquet writer everywhere
 * @param catalogProperties further Iceberg catalog properties, passed as they are
 */
@ConfigurationProperties("sluice.lake")
record LakeConfiguration(
        @Bindable(defaultValue = "JDBC") CatalogType catalogType,
        @Bindable(defaultValue = "sluice") String catalogName,
        @Bindable(defaultValue = "jdbc:postgresql://localhost:5432/sluice") String catalogUri,
        @Nullable String catalogUser,
        @Nullable String catalogPassword,
        @Bindable(defaultValue = "s3://sluice-lake/warehouse") String warehouse,
        @Bindable(defaultValue = "telemetry") String namespace,
        @Bindable(defaultValue = "S3") FileIoType fileIo,
        @Nullable String s3Endpoint,
        @Bindable(defaultValue = "us-east-1") String s3Region,
        @Nullable String s3AccessKey,
        @Nullable String s3SecretKey,
        @Bindable(defaultValue = "false") boolean s3PathStyle,
        @Bindable(defaultValue = "sluice-lake-writer") String writerId,
        @Bindable(defaultValue = "200000") long commitMaxEvents,
        @Bindable(defaultValue = "5s") Duration commitInterval,
        @Bindable(defaultValue = "134217728") long targetFileSize,
        @Bindable(defaultValue = "33554432") long rowGroupSize,
        @Bindable(defaultValue = "10") int commitAttempts,
        @Bindable(defaultValue = "COLUMNAR") LakeSettings.FileWriter fileWriter,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> catalogProperties) {

    enum CatalogType { JDBC, REST }

    enum FileIoType { S3, LOCAL }

    /** The properties for {@code CatalogUtil.buildIcebergCatalog}. */
    Map<String, String> icebergProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", catalogType == CatalogType.JDBC ? "jdbc" : "rest");
        p.put("uri", catalogUri);
        p.put("warehouse", warehouse);
        if (catalogType == CatalogType.JDBC) {
            if (catalogUser != null) {
                p.put("jdbc.user", catalogUser);
            }
            if (catalogPassword != null) {
                p.put("jdbc.password", catalogPassword);
            }
            // V1 has the iceberg_type column Trino's JDBC catalog reads.
            p.put("jdbc.schema-version", "V1");
        }
        if (fileIo == FileIoType.S3) {
            p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
            p.put("client.region", s3Region);
            if (s3Endpoint != null) {
                p.put("s3.endpoint", s3Endpoint);
            }
            if (s3AccessKey != null) {
                p.put("s3.access-key-id", s3AccessKey);
            }
            if (s3SecretKey != null) {
                p.put("s3.secret-access-key", s3SecretKey);
            }
            p.put("s3.path-style-access", Boolean.toString(s3PathStyle));
        } else {
            p.put("io-impl", LocalFileIO.class.getName());
        }
        if (catalogProperties != null) {
            p.putAll(catalogProperties);
        }
        return p;
    }

    LakeSettings settings() {
        return new LakeSettings(namespace, targetFileSize, rowGroupSize, commitAttempts, LakeSettings.defaults().commitBackoff(),
                fileWriter);
    }

    CommitPolicy commitPolicy() {
        return new CommitPolicy(commitMaxEvents, commitInterval);
    }
}
