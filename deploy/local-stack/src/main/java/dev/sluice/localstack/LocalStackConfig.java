package dev.sluice.localstack;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What to start and how. Build it with {@link #builder()}, or read it from system properties with
 * {@link #fromSystemProperties()}.
 *
 * <p>Defaults: free ports (0), a temporary data directory deleted on close, an S3 warehouse, a
 * startup deadline of 120 s per server, child heaps sized for a 2-core laptop.
 */
public final class LocalStackConfig {
    /** Where the Iceberg warehouse lives. */
    public enum WarehouseKind {
        /** Bucket {@code warehouse} on the S3 server, through S3FileIO. */
        S3,
        /** A folder of the data directory, through {@code file://} locations. */
        FILE
    }

    private final Set<Server> servers;
    private final int kafkaPort;
    private final int postgresPort;
    private final int s3Port;
    private final int trinoPort;
    private final Path dataDir;
    private final WarehouseKind warehouse;
    private final String existingKafkaBootstrap;
    private final String existingPostgresJdbcUrl;
    private final String existingPostgresUser;
    private final String existingPostgresPassword;
    private final Endpoints.S3Endpoint existingS3;
    private final Duration startupTimeout;
    private final String kafkaHeap;
    private final String s3Heap;
    private final String trinoHeap;
    private final boolean containers;

    private LocalStackConfig(Builder builder) {
        EnumSet<Server> expanded = builder.servers.isEmpty() ? EnumSet.noneOf(Server.class) : EnumSet.copyOf(builder.servers);
        if (expanded.contains(Server.TRINO)) {
            expanded.add(Server.POSTGRES);
            if (builder.warehouse == WarehouseKind.S3) {
                expanded.add(Server.S3);
            }
        }
        this.servers = Set.copyOf(expanded);
        this.kafkaPort = checkPort(builder.kafkaPort);
        this.postgresPort = checkPort(builder.postgresPort);
        this.s3Port = checkPort(builder.s3Port);
        this.trinoPort = checkPort(builder.trinoPort);
        this.dataDir = builder.dataDir;
        this.warehouse = requireNonNull(builder.warehouse, "warehouse is null");
        this.existingKafkaBootstrap = builder.existingKafkaBootstrap;
        this.existingPostgresJdbcUrl = builder.existingPostgresJdbcUrl;
        this.existingPostgresUser = builder.existingPostgresUser;
        this.existingPostgresPassword = builder.existingPostgresPassword;
        this.existingS3 = builder.existingS3;
        this.startupTimeout = requireNonNull(builder.startupTimeout, "startupTimeout is null");
        this.kafkaHeap = builder.kafkaHeap;
        this.s3Heap = builder.s3Heap;
        this.trinoHeap = builder.trinoHeap;
        this.containers = builder.containers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration the test extension uses:
     * <ul>
     *   <li>{@code sluice.infra}: {@code containers} runs the servers with Testcontainers (needs Docker);</li>
     *   <li>{@code sluice.localstack.data-dir}: the data directory (default: a temporary one);</li>
     *   <li>{@code sluice.localstack.warehouse}: {@code S3} (default) or {@code FILE};</li>
     *   <li>{@code sluice.localstack.startup-timeout}: seconds per server (default 120);</li>
     *   <li>{@code sluice.kafka.bootstrap}: use this Kafka instead of starting one;</li>
     *   <li>{@code sluice.postgres.jdbc-url}, {@code sluice.postgres.user},
     *       {@code sluice.postgres.password}: use this PostgreSQL instead of starting one;</li>
     *   <li>{@code sluice.s3.endpoint}, {@code sluice.s3.region}, {@code sluice.s3.access-key},
     *       {@code sluice.s3.secret-key}: use this S3 instead of starting s3proxy.</li>
     * </ul>
     * Each property can also be given as an environment variable: upper case, dots and dashes as
     * underscores ({@code SLUICE_KAFKA_BOOTSTRAP}).
     */
    public static Builder fromSystemProperties() {
        Builder builder = builder();
        setting("sluice.localstack.data-dir").ifPresent(dir -> builder.dataDir(Path.of(dir)));
        setting("sluice.localstack.warehouse").ifPresent(kind -> builder.warehouse(WarehouseKind.valueOf(kind.toUpperCase(Locale.ROOT))));
        setting("sluice.localstack.startup-timeout").ifPresent(seconds -> builder.startupTimeout(Duration.ofSeconds(Long.parseLong(seconds))));
        setting("sluice.infra").ifPresent(infra -> builder.containers("containers".equalsIgnoreCase(infra)));
        setting("sluice.kafka.bootstrap").ifPresent(builder::existingKafka);
        setting("sluice.postgres.jdbc-url").ifPresent(url -> builder.existingPostgres(url,
                setting("sluice.postgres.user").orElse("postgres"),
                setting("sluice.postgres.password").orElse("")));
        setting("sluice.s3.endpoint").ifPresent(endpoint -> builder.existingS3(new Endpoints.S3Endpoint(URI.create(endpoint),
                setting("sluice.s3.region").orElse("us-east-1"),
                setting("sluice.s3.access-key").orElseThrow(() -> new IllegalArgumentException("sluice.s3.endpoint needs sluice.s3.access-key")),
                setting("sluice.s3.secret-key").orElseThrow(() -> new IllegalArgumentException("sluice.s3.endpoint needs sluice.s3.secret-key")))));
        return builder;
    }

    static Optional<String> setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port must be 0 (a free port) or 1-65535: " + port);
        }
        return port;
    }

    /** The requested servers, with those that {@link Server#TRINO} implies. */
    public Set<Server> servers() {
        return servers;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int postgresPort() {
        return postgresPort;
    }

    public int s3Port() {
        return s3Port;
    }

    public int trinoPort() {
        return trinoPort;
    }

    /** The data directory, or empty for a temporary one that is deleted on close. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    public WarehouseKind warehouse() {
        return warehouse;
    }

    public Optional<String> existingKafkaBootstrap() {
        return Optional.ofNullable(existingKafkaBootstrap);
    }

    public Optional<String> existingPostgresJdbcUrl() {
        return Optional.ofNullable(existingPostgresJdbcUrl);
    }

    String existingPostgresUser() {
        return existingPostgresUser;
    }

    String existingPostgresPassword() {
        return existingPostgresPassword;
    }

    public Optional<Endpoints.S3Endpoint> existingS3() {
        return Optional.ofNullable(existingS3);
    }

    /** How long each server may take to become ready. */
    public Duration startupTimeout() {
        return startupTimeout;
    }

    /** Whether the servers run as Testcontainers containers ({@code -Dsluice.infra=containers}). */
    public boolean containers() {
        return containers;
    }

    String kafkaHeap() {
        return kafkaHeap;
    }

    String s3Heap() {
        return s3Heap;
    }

    String trinoHeap() {
        return trinoHeap;
    }

    /** The same configuration with more servers. */
    LocalStackConfig withServers(Collection<Server> more) {
        Builder builder = toBuilder();
        builder.servers.addAll(more);
        return builder.build();
    }

    Builder toBuilder() {
        Builder builder = new Builder();
        builder.servers.addAll(servers);
        builder.kafkaPort = kafkaPort;
        builder.postgresPort = postgresPort;
        builder.s3Port = s3Port;
        builder.trinoPort = trinoPort;
        builder.dataDir = dataDir;
        builder.warehouse = warehouse;
        builder.existingKafkaBootstrap = existingKafkaBootstrap;
        builder.existingPostgresJdbcUrl = existingPostgresJdbcUrl;
        builder.existingPostgresUser = existingPostgresUser;
        builder.existingPostgresPassword = existingPostgresPassword;
        builder.existingS3 = existingS3;
        builder.startupTimeout = startupTimeout;
        builder.kafkaHeap = kafkaHeap;
        builder.s3Heap = s3Heap;
        builder.trinoHeap = trinoHeap;
        builder.containers = containers;
        return builder;
    }

    @Override
    public String toString() {
        return "LocalStackConfig{servers=" + servers + ", dataDir=" + dataDir + ", warehouse=" + warehouse
                + ", ports=[kafka=" + kafkaPort + ", postgres=" + postgresPort + ", s3=" + s3Port + ", trino=" + trinoPort + "]"
                + ", startupTimeout=" + startupTimeout + "}";
    }

    public static final class Builder {
        private final EnumSet<Server> servers = EnumSet.noneOf(Server.class);
        private int kafkaPort;
        private int postgresPort;
        private int s3Port;
        private int trinoPort;
        private Path dataDir;
        private WarehouseKind warehouse = WarehouseKind.S3;
        private String existingKafkaBootstrap;
        private String existingPostgresJdbcUrl;
        private String existingPostgresUser;
        private String existingPostgresPassword;
        private Endpoints.S3Endpoint existingS3;
        private Duration startupTimeout = Duration.ofSeconds(120);
        private String kafkaHeap = "384m";
        private String s3Heap = "192m";
        private String trinoHeap = "1200m";
        private boolean containers;

        private Builder() {}

        public Builder servers(Server... servers) {
            this.servers.addAll(Set.of(servers));
            return this;
        }

        public Builder servers(Collection<Server> servers) {
            this.servers.addAll(servers);
            return this;
        }

        public Builder allServers() {
            this.servers.addAll(EnumSet.allOf(Server.class));
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder s3Port(int port) {
            this.s3Port = port;
            return this;
        }

        public Builder trinoPort(int port) {
            this.trinoPort = port;
            return this;
        }

        /** State under this directory survives a restart; null (the default) uses a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir == null ? null : dataDir.toAbsolutePath();
            return this;
        }

        public Builder warehouse(WarehouseKind warehouse) {
            this.warehouse = warehouse;
            return this;
        }

        /** Use this Kafka (bootstrap servers) instead of starting a broker. */
        public Builder existingKafka(String bootstrapServers) {
            this.existingKafkaBootstrap = requireNonNull(bootstrapServers, "bootstrapServers is null");
            return this;
        }

        /**
         * Use this PostgreSQL instead of starting one. The user must be allowed to create
         * databases. Only host and port are taken from the URL.
         */
        public Builder existingPostgres(String jdbcUrl, String user, String password) {
            this.existingPostgresJdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
            this.existingPostgresUser = requireNonNull(user, "user is null");
            this.existingPostgresPassword = requireNonNull(password, "password is null");
            return this;
        }

        /** Use this S3 instead of starting s3proxy. */
        public Builder existingS3(Endpoints.S3Endpoint s3) {
            this.existingS3 = requireNonNull(s3, "s3 is null");
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** Maximum heap of the child JVMs, in the {@code -Xmx} syntax. */
        public Builder heaps(String kafka, String s3, String trino) {
            this.kafkaHeap = requireNonNull(kafka, "kafka is null");
            this.s3Heap = requireNonNull(s3, "s3 is null");
            this.trinoHeap = requireNonNull(trino, "trino is null");
            return this;
        }

        /**
         * Start the servers as Testcontainers containers instead of local processes. Needs a
         * Docker engine and the org.testcontainers modules on the classpath (see docs/local-stack.md).
         */
        public Builder containers(boolean containers) {
            this.containers = containers;
            return this;
        }

        public LocalStackConfig build() {
            return new LocalStackConfig(this);
        }
    }
}
