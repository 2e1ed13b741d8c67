package dev.sluice.localstack;

/**
 * The real servers the local stack can run. {@link #TRINO} implies {@link #POSTGRES} (its Iceberg
 * catalog) and, with an S3 warehouse, {@link #S3}.
 */
public enum Server {
    KAFKA,
    POSTGRES,
    S3,
    TRINO
}
