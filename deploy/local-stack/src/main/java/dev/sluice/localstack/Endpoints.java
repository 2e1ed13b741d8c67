package dev.sluice.localstack;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Where the servers of a started local stack listen. A server that was not requested has no
 * endpoint: its accessor throws a {@link LocalStackException} naming the missing server, and its
 * {@code findXxx()} method returns an empty {@link Optional}.
 */
public record Endpoints(
        KafkaEndpoint kafka,
        PostgresEndpoint postgres,
        S3Endpoint s3,
        IcebergEndpoint iceberg,
        TrinoEndpoint trino) {

    @Override
    public KafkaEndpoint kafka() {
        return require(kafka, "Kafka", Server.KAFKA);
    }

    @Override
    public PostgresEndpoint postgres() {
        return require(postgres, "PostgreSQL", Server.POSTGRES);
    }

    @Override
    public S3Endpoint s3() {
        return require(s3, "S3", Server.S3);
    }

    @Override
    public IcebergEndpoint iceberg() {
        if (iceberg == null) {
            throw new LocalStackException("The Iceberg catalog is not running: request Server.POSTGRES "
                    + "(and Server.S3 for an S3 warehouse), for example @LocalStackServers(Server.POSTGRES)");
        }
        return iceberg;
    }

    @Override
    public TrinoEndpoint trino() {
        return require(trino, "Trino", Server.TRINO);
    }

    public Optional<KafkaEndpoint> findKafka() {
        return Optional.ofNullable(kafka);
    }

    public Optional<PostgresEndpoint> findPostgres() {
        return Optional.ofNullable(postgres);
    }

    public Optional<S3Endpoint> findS3() {
        return Optional.ofNullable(s3);
    }

    public Optional<IcebergEndpoint> findIceberg() {
        return Optional.ofNullable(iceberg);
    }

    public Optional<TrinoEndpoint> findTrino() {
        return Optional.ofNullable(trino);
    }

    private static <T> T require(T endpoint, String name, Server server) {
        if (endpoint == null) {
            throw new LocalStackException(name + " is not running: request Server." + server
                    + ", for example @LocalStackServers(Server." + server + ")");
        }
        return endpoint;
    }

    /** A Kafka broker, plaintext, no authentication. */
    public record KafkaEndpoint(String bootstrapServers) {
        public KafkaEndpoint {
            requireNonNull(bootstrapServers, "bootstrapServers is null");
        }

        /** Creates the topic with replication factor 1, unless it exists already. */
        public void createTopic(String name, int partitions) {
            requireNonNull(name, "name is null");
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
                admin.createTopics(java.util.List.of(new NewTopic(name, partitions, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new LocalStackException("Cannot create topic " + name + " on " + bootstrapServers, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new LocalStackException("Creating topic " + name + " on " + bootstrapServers + " took over 30 s", e);
            }
        }
    }

    /** A PostgreSQL server. Each test or service uses its own database, made with {@link #createDatabase}. */
    public record PostgresEndpoint(String host, int port, String user, String password) {
        private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

        public PostgresEndpoint {
            requireNonNull(host, "host is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + requireNonNull(database, "database is null");
        }

        public Connection connect(String database) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            properties.setProperty("connectTimeout", "10");
            return DriverManager.getConnection(jdbcUrl(database), properties);
        }

        /**
         * Creates the database unless it exists; safe to call concurrently.
         *
         * @param name lower case letters, digits and underscores
         */
        public void createDatabase(String name) {
            if (!DATABASE_NAME.matcher(requireNonNull(name, "name is null")).matches()) {
                throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + name);
            }
            try (Connection connection = connect("postgres")) {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            return;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            } catch (SQLException e) {
                // 42P04 duplicate_database, 23505 unique_violation: another caller won the race.
                if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    throw new LocalStackException("Cannot create database " + name + " on " + host + ":" + port, e);
                }
            }
        }
    }

    /** An S3-compatible server, reached with path-style requests. */
    public record S3Endpoint(URI endpoint, String region, String accessKey, String secretKey) {
        public S3Endpoint {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(region, "region is null");
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
        }

        /** A new client for this endpoint; the caller closes it. */
        public S3Client newClient() {
            return S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
        }

        /** Creates the bucket unless it exists. */
        public void createBucket(String name) {
            try (S3Client client = newClient()) {
                client.createBucket(request -> request.bucket(name));
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
                // Buckets are created on demand; an existing one is what the caller wants.
            }
        }
    }

    /**
     * An Iceberg JDBC catalog. {@link #catalogProperties()} can be passed as they are to
     * {@code CatalogUtil.buildIcebergCatalog(catalogName, catalogProperties, hadoopConf)}; with an
     * S3 warehouse they need iceberg-aws and the AWS SDK's s3 module on the classpath.
     */
    public record IcebergEndpoint(String catalogName, String catalogJdbcUrl, String warehouse, Map<String, String> catalogProperties) {
        public IcebergEndpoint {
            requireNonNull(catalogName, "catalogName is null");
            requireNonNull(catalogJdbcUrl, "catalogJdbcUrl is null");
            requireNonNull(warehouse, "warehouse is null");
            catalogProperties = Map.copyOf(catalogProperties);
        }
    }

    /**
     * A Trino coordinator with the catalogs {@code iceberg} (the same JDBC catalog and warehouse as
     * {@link IcebergEndpoint}) and {@code tpch}. The JDBC URL sets {@code explicitPrepare=false};
     * pass the user as a connection property.
     */
    public record TrinoEndpoint(String jdbcUrl, URI httpUri) {
        public TrinoEndpoint {
            requireNonNull(jdbcUrl, "jdbcUrl is null");
            requireNonNull(httpUri, "httpUri is null");
        }

        /**
         * Runs one query as user {@code sluice-test} and returns each row as its columns' text joined by
         * {@code |} (a null column as {@code null}). Needs trino-jdbc on the caller's class path.
         */
        public List<String> rows(String sql) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", "sluice-test");
            try (Connection c = DriverManager.getConnection(jdbcUrl, properties); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(requireNonNull(sql, "sql is null"))) {
                List<String> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        b.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    out.add(b.toString());
                }
                return out;
            }
        }

        /** The first column of the first row of {@code sql}, as a long. */
        public long scalar(String sql) throws SQLException {
            return Long.parseLong(rows(sql).getFirst().split("\\|")[0]);
        }
    }
}
