package dev.sluice.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The Iceberg JDBC catalog on the stack's PostgreSQL. Trino's JDBC catalog does not create its
 * tables ({@code relation "iceberg_tables" does not exist}), so Iceberg's own {@link JdbcCatalog}
 * creates them first, in schema version V1, which both sides then use.
 */
final class IcebergCatalog {
    static final String CATALOG_NAME = "sluice";
    static final String WAREHOUSE_BUCKET = "warehouse";

    private IcebergCatalog() {}

    static Endpoints.IcebergEndpoint endpoint(Endpoints.PostgresEndpoint postgres, Endpoints.S3Endpoint s3, Path fileWarehouse) {
        String jdbcUrl = postgres.jdbcUrl(LocalStack.CATALOG_DATABASE);
        Map<String, String> properties = new HashMap<>();
        properties.put("type", "jdbc");
        properties.put(CatalogProperties.URI, jdbcUrl);
        properties.put("jdbc.user", postgres.user());
        properties.put("jdbc.password", postgres.password());
        properties.put("jdbc.schema-version", "V1");
        String warehouse;
        if (s3 != null) {
            warehouse = "s3://" + WAREHOUSE_BUCKET + "/";
            properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
            properties.put("s3.endpoint", s3.endpoint().toString());
            properties.put("s3.path-style-access", "true");
            properties.put("s3.access-key-id", s3.accessKey());
            properties.put("s3.secret-access-key", s3.secretKey());
            properties.put("client.region", s3.region());
            // The URL-connection client ships with this module; Iceberg's default (Apache) may not be there.
            properties.put("http-client.type", "urlconnection");
        } else {
            warehouse = fileWarehouse.toUri().toString();
            properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.hadoop.HadoopFileIO");
        }
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        return new Endpoints.IcebergEndpoint(CATALOG_NAME, jdbcUrl, warehouse, properties);
    }

    /** Creates the catalog database and its tables, unless they exist. */
    static void bootstrap(Endpoints.PostgresEndpoint postgres, Endpoints.IcebergEndpoint iceberg) {
        postgres.createDatabase(LocalStack.CATALOG_DATABASE);
        Map<String, String> properties = new HashMap<>(iceberg.catalogProperties());
        // Creating the tables touches no file; an in-memory FileIO keeps S3 and Hadoop off this classpath.
        properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.inmemory.InMemoryFileIO");
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize(iceberg.catalogName(), properties);
        } catch (RuntimeException e) {
            throw new LocalStackException("Cannot create the Iceberg JDBC catalog tables in " + iceberg.catalogJdbcUrl(), e);
        }
    }

    /** The Trino connector properties for the same catalog and warehouse. */
    static Map<String, String> trinoProperties(Endpoints.PostgresEndpoint postgres, Endpoints.S3Endpoint s3, Endpoints.IcebergEndpoint iceberg) {
        Map<String, String> properties = new HashMap<>();
        properties.put("iceberg.catalog.type", "jdbc");
        properties.put("iceberg.jdbc-catalog.driver-class", "org.postgresql.Driver");
        properties.put("iceberg.jdbc-catalog.connection-url", iceberg.catalogJdbcUrl());
        properties.put("iceberg.jdbc-catalog.connection-user", postgres.user());
        properties.put("iceberg.jdbc-catalog.connection-password", postgres.password());
        properties.put("iceberg.jdbc-catalog.catalog-name", iceberg.catalogName());
        properties.put("iceberg.jdbc-catalog.schema-version", "V1");
        properties.put("iceberg.jdbc-catalog.default-warehouse-dir", iceberg.warehouse());
        if (s3 != null) {
            properties.put("fs.native-s3.enabled", "true");
            properties.put("s3.endpoint", s3.endpoint().toString());
            properties.put("s3.path-style-access", "true");
            properties.put("s3.region", s3.region());
            properties.put("s3.aws-access-key", s3.accessKey());
            properties.put("s3.aws-secret-key", s3.secretKey());
        } else {
            properties.put("fs.native-local.enabled", "true");
            properties.put("local.location", "/");
        }
        return properties;
    }
}
