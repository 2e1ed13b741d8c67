package dev.sluice.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Real servers for tests and for {@code ./sluice up}, started from Maven Central artifacts.
 *
 * <ol>
 *   <li>{@link #start(LocalStackConfig)} starts the requested servers in parallel: Kafka, s3proxy
 *       and Trino as child JVMs on their own classpaths, PostgreSQL as a native child process.
 *       It returns once each answers a real request, or fails with the log tail of the first
 *       server that did not come up by the deadline.</li>
 *   <li>With PostgreSQL it creates the databases {@value #REGISTRY_DATABASE} and
 *       {@value #CATALOG_DATABASE}, and the Iceberg JDBC catalog's tables in the latter; with an
 *       S3 warehouse, the bucket {@code warehouse}.</li>
 *   <li>{@link #endpoints()} tells where everything listens.</li>
 *   <li>{@link #close()} stops every child; a shutdown hook does the same at JVM exit, and each
 *       child also stops by itself when this JVM dies, even by {@code kill -9}.</li>
 * </ol>
 */
public final class LocalStack implements AutoCloseable {
    public static final String REGISTRY_DATABASE = "schema_registry";
    public static final String CATALOG_DATABASE = "iceberg_catalog";

    private final LocalStackConfig config;
    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final Map<Server, ChildProcess> children = new ConcurrentHashMap<>();
    private final Map<Server, Duration> startTimes = new ConcurrentHashMap<>();
    private final Set<Server> running = EnumSet.noneOf(Server.class);
    private final Thread shutdownHook;
    private ContainerServers containers;
    private volatile Endpoints endpoints = new Endpoints(null, null, null, null, null);
    private volatile boolean closed;

    private LocalStack(LocalStackConfig config) {
        this.config = config;
        try {
            this.temporaryDataDir = config.dataDir().isEmpty();
            this.dataDir = temporaryDataDir ? Files.createTempDirectory("sluice-local-stack-") : Files.createDirectories(config.dataDir().get());
        } catch (IOException e) {
            throw new LocalStackException("Cannot create the data directory " + config.dataDir().orElse(null), e);
        }
        this.shutdownHook = new Thread(this::close, "sluice-local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the configured servers; see the class comment. */
    public static LocalStack start(LocalStackConfig config) {
        LocalStack stack = new LocalStack(config);
        try {
            stack.ensure(config.servers());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** How long each server took from the start call to ready. */
    public Map<Server, Duration> startTimes() {
        return Map.copyOf(startTimes);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where each child's output goes. */
    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public synchronized Set<Server> runningServers() {
        return Set.copyOf(running);
    }

    /** Starts the servers that are not running yet; the test extension starts them lazily this way. */
    public synchronized void ensure(Collection<Server> requested) {
        if (closed) {
            throw new LocalStackException("The local stack is closed");
        }
        EnumSet<Server> wanted = expand(requested);
        wanted.removeAll(running);
        if (wanted.isEmpty()) {
            return;
        }
        Instant begin = Instant.now();
        Instant deadline = begin.plus(config.startupTimeout());
        if (config.containers()) {
            if (containers == null) {
                containers = new ContainerServers();
            }
            endpoints = containers.ensure(wanted, endpoints, config.warehouse());
            wanted.forEach(server -> startTimes.put(server, Duration.between(begin, Instant.now())));
            running.addAll(wanted);
            return;
        }
        startProcesses(wanted, begin, deadline);
        running.addAll(wanted);
    }

    private EnumSet<Server> expand(Collection<Server> requested) {
        EnumSet<Server> wanted = requested.isEmpty() ? EnumSet.noneOf(Server.class) : EnumSet.copyOf(requested);
        if (wanted.contains(Server.TRINO)) {
            wanted.add(Server.POSTGRES);
            if (config.warehouse() == LocalStackConfig.WarehouseKind.S3) {
                wanted.add(Server.S3);
            }
        }
        return wanted;
    }

    private void startProcesses(EnumSet<Server> wanted, Instant begin, Instant deadline) {
        Endpoints current = endpoints;
        Path logs = logDir();

        // Every port is chosen first, so that Trino can boot while its catalog is still being made.
        Endpoints.KafkaEndpoint kafka = current.findKafka().orElse(null);
        int kafkaPort = 0;
        if (wanted.contains(Server.KAFKA)) {
            if (config.existingKafkaBootstrap().isPresent()) {
                kafka = new Endpoints.KafkaEndpoint(config.existingKafkaBootstrap().get());
            } else {
                kafkaPort = Ports.resolve(config.kafkaPort());
                kafka = new Endpoints.KafkaEndpoint(Ports.HOST + ":" + kafkaPort);
            }
        }
        Endpoints.S3Endpoint s3 = current.findS3().orElse(null);
        int s3Port = 0;
        if (wanted.contains(Server.S3)) {
            if (config.existingS3().isPresent()) {
                s3 = config.existingS3().get();
            } else {
                s3Port = Ports.resolve(config.s3Port());
                s3 = S3Proxy.endpoint(s3Port);
            }
        }
        Endpoints.PostgresEndpoint postgres = current.findPostgres().orElse(null);
        if (wanted.contains(Server.POSTGRES)) {
            postgres = config.existingPostgresJdbcUrl().isPresent()
                    ? existingPostgres(config.existingPostgresJdbcUrl().get())
                    : new Endpoints.PostgresEndpoint(Ports.HOST, Ports.resolve(config.postgresPort()), PostgresServer.USER, PostgresServer.PASSWORD);
        }
        boolean s3Warehouse = config.warehouse() == LocalStackConfig.WarehouseKind.S3;
        Endpoints.IcebergEndpoint iceberg = current.findIceberg().orElse(null);
        boolean newIceberg = iceberg == null && postgres != null && (!s3Warehouse || s3 != null);
        if (newIceberg) {
            iceberg = IcebergCatalog.endpoint(postgres, s3Warehouse ? s3 : null, dataDir.resolve("warehouse"));
        }
        Endpoints.TrinoEndpoint trino = current.findTrino().orElse(null);
        int trinoPort = 0;
        if (wanted.contains(Server.TRINO)) {
            trinoPort = Ports.resolve(config.trinoPort());
            trino = TrinoCoordinator.endpoint(trinoPort);
        }

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
            CompletableFuture<Void> kafkaReady = done;
            CompletableFuture<Void> s3Ready = done;
            CompletableFuture<Void> postgresReady = done;
            CompletableFuture<Void> catalogReady = done;
            CompletableFuture<Void> trinoReady = done;

            if (wanted.contains(Server.KAFKA) && kafkaPort != 0) {
                int port = kafkaPort;
                Endpoints.KafkaEndpoint endpoint = kafka;
                kafkaReady = CompletableFuture.runAsync(() -> {
                    ChildProcess child = register(Server.KAFKA, KafkaBroker.launch(dataDir.resolve("kafka"), logs, port, config.kafkaHeap()));
                    KafkaBroker.awaitReady(child, endpoint.bootstrapServers(), port, deadline);
                    startTimes.put(Server.KAFKA, Duration.between(begin, Instant.now()));
                }, pool);
            }
            if (wanted.contains(Server.S3) && s3Port != 0) {
                int port = s3Port;
                Endpoints.S3Endpoint endpoint = s3;
                s3Ready = CompletableFuture.runAsync(() -> {
                    ChildProcess child = register(Server.S3, S3Proxy.launch(dataDir.resolve("s3"), logs, port, config.s3Heap()));
                    S3Proxy.awaitReady(child, endpoint, port, deadline);
                    startTimes.put(Server.S3, Duration.between(begin, Instant.now()));
                }, pool);
            }
            if (wanted.contains(Server.POSTGRES)) {
                Endpoints.PostgresEndpoint endpoint = postgres;
                boolean local = config.existingPostgresJdbcUrl().isEmpty();
                postgresReady = CompletableFuture.runAsync(() -> {
                    if (local) {
                        ChildProcess child = register(Server.POSTGRES,
                                PostgresServer.launch(dataDir.resolve("postgres"), logs, endpoint.port(), !temporaryDataDir, deadline));
                        PostgresServer.awaitReady(child, endpoint, deadline);
                    }
                    endpoint.createDatabase(REGISTRY_DATABASE);
                    startTimes.put(Server.POSTGRES, Duration.between(begin, Instant.now()));
                }, pool);
            }
            if (newIceberg) {
                Endpoints.PostgresEndpoint pg = postgres;
                Endpoints.S3Endpoint bucketHost = s3Warehouse ? s3 : null;
                Endpoints.IcebergEndpoint catalog = iceberg;
                catalogReady = CompletableFuture.allOf(postgresReady, s3Ready).thenRunAsync(() -> {
                    if (bucketHost != null) {
                        bucketHost.createBucket(IcebergCatalog.WAREHOUSE_BUCKET);
                    }
                    IcebergCatalog.bootstrap(pg, catalog);
                }, pool);
            }
            if (wanted.contains(Server.TRINO)) {
                int port = trinoPort;
                Endpoints.TrinoEndpoint endpoint = trino;
                Map<String, String> catalog = IcebergCatalog.trinoProperties(postgres, s3Warehouse ? s3 : null, iceberg);
                CompletableFuture<Void> catalogMade = catalogReady;
                trinoReady = CompletableFuture.runAsync(() -> {
                    ChildProcess child = register(Server.TRINO, TrinoCoordinator.launch(dataDir.resolve("trino"), logs, port, catalog, config.trinoHeap()));
                    TrinoCoordinator.awaitReady(child, endpoint, deadline);
                    catalogMade.join();
                    startTimes.put(Server.TRINO, Duration.between(begin, Instant.now()));
                }, pool);
            }
            List<CompletableFuture<Void>> all = List.of(kafkaReady, s3Ready, postgresReady, catalogReady, trinoReady);
            // The first failure stops every child, so that the others fail at once instead of at the deadline.
            all.forEach(future -> future.whenComplete((ignored, error) -> {
                if (error != null) {
                    wanted.forEach(this::stopChild);
                }
            }));
            RuntimeException failure = null;
            for (CompletableFuture<Void> future : all) {
                try {
                    future.join();
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : new LocalStackException(e.getCause().toString(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else if (failure != cause) {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        endpoints = new Endpoints(kafka, postgres, s3, iceberg, trino);
    }

    private ChildProcess register(Server server, ChildProcess child) {
        children.put(server, child);
        if (closed) {
            stopChild(server);
        }
        return child;
    }

    private void stopChild(Server server) {
        ChildProcess child = children.remove(server);
        if (child != null) {
            child.close();
        }
    }

    private Endpoints.PostgresEndpoint existingPostgres(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("Expected a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db): " + jdbcUrl);
        }
        URI uri = URI.create("postgresql://" + jdbcUrl.substring(prefix.length()));
        return new Endpoints.PostgresEndpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                config.existingPostgresUser(), config.existingPostgresPassword());
    }

    /** Stops every child, in parallel, and deletes a temporary data directory. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            EnumSet.allOf(Server.class).forEach(server -> pool.submit(() -> stopChild(server)));
        }
        if (containers != null) {
            containers.close();
        }
        if (temporaryDataDir) {
            deleteRecursively(dataDir);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Called from the hook itself while the JVM shuts down.
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // Best effort: a temporary directory left behind is harmless.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort, as above.
        }
    }

    @Override
    public String toString() {
        return "LocalStack{" + config + ", dataDir=" + dataDir + ", running=" + running + "}";
    }

    static Map<Server, Duration> orderedTimes(Map<Server, Duration> times) {
        Map<Server, Duration> ordered = new EnumMap<>(Server.class);
        ordered.putAll(times);
        return ordered;
    }
}
