package dev.sluice.ingestion.pipeline;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lake's catalog, read from the same {@code sluice.lake.*} keys and defaults as the lake
 * adapter's own configuration, so that the seen-event index rebuild reads exactly the tables the
 * lake writes (one configuration, two readers; the adapters never import each other). Read only.
 */
@ConfigurationProperties("sluice.lake")
record LakeCatalogConfig(
        @Bindable(defaultValue = "JDBC") String catalogType,
        @Bindable(defaultValue = "sluice") String catalogName,
        @Bindable(defaultValue = "jdbc:postgresql://localhost:5432/sluice") String catalogUri,
        @Nullable String catalogUser,
        @Nullable String catalogPassword,
        @Bindable(defaultValue = "s3://sluice-lake/warehouse") String warehouse,
        @Bindable(defaultValue = "telemetry") String namespace,
        @Bindable(defaultValue = "S3") String fileIo,
        @Nullable String s3Endpoint,
        @Bindable(defaultValue = "us-east-1") String s3Region,
        @Nullable String s3AccessKey,
        @Nullable String s3SecretKey,
        @Bindable(defaultValue = "false") boolean s3PathStyle,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> catalogProperties) {

    Map<String, String> icebergProperties() {
        boolean jdbc = "JDBC".equalsIgnoreCase(catalogType);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", jdbc ? "jdbc" : "rest");
        p.put("uri", catalogUri);
        p.put("warehouse", warehouse);
        if (jdbc) {
            if (catalogUser != null) {
                p.put("jdbc.user", catalogUser);
            }
            if (catalogPassword != null) {
                p.put("jdbc.password", catalogPassword);
            }
            p.put("jdbc.schema-version", "V1");
        }
        if ("S3".equalsIgnoreCase(fileIo)) {
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
            p.put("io-impl", "dev.sluice.lake.LocalFileIO");
        }
        if (catalogProperties != null) {
            p.putAll(catalogProperties);
        }
        return p;
    }
}
