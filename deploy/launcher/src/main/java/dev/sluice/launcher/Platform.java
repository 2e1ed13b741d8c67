package dev.sluice.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.launcher.demo.DemoTraffic;
import dev.sluice.localstack.Endpoints;
import dev.sluice.localstack.LocalStack;
import dev.sluice.localstack.LocalStackConfig;

/**
 * {@code ./sluice up}: the whole platform on this machine.
 *
 * <ol>
 *   <li>Refuses to start twice on one data directory, and names a busy port before anything starts.</li>
 *   <li>Loads or generates the API keys.</li>
 *   <li>Starts the local stack (Kafka, PostgreSQL, s3proxy, Trino) on fixed ports, with its state
 *       under {@code DIR/stack} so that it survives a restart.</li>
 *   <li>Creates the topics, then starts each Sluice service that this tree builds, each in its own
 *       JVM, and waits until each answers; a service that fails is reported, not hidden.</li>
 *   <li>Writes {@code endpoints.json} and {@code endpoints.env}, prints one block, starts the demo
 *       traffic, and runs until Ctrl-C or SIGTERM ({@code ./sluice down}), then stops everything
 *       in reverse order.</li>
 * </ol>
 */
final class Platform {
    static final String RAW_TOPIC = "telemetry.events.raw";
    static final String ACME_TOPIC = "acme-telemetry";
    private static final String TRINO_CATALOG = "iceberg";
    private static final String NAMESPACE = "telemetry";

    private final DataDir dir;
    private final PlatformPorts ports;
    private final boolean demo;
    private final Instant begin = Instant.now();
    private final Map<String, String> serviceStates = new ConcurrentHashMap<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalStack stack;
    private DemoTraffic traffic;

    Platform(DataDir dir, PlatformPorts ports, boolean demo) {
        this.dir = dir;
        this.ports = ports;
        this.demo = demo;
    }

    int run() throws InterruptedException {
        dir.runningLauncher().ifPresent(running -> {
            throw new LauncherException("Sluice is already running from " + dir.root() + " (pid " + running.pid() + "). "
                    + "See it with ./sluice status, or stop it with ./sluice down" + dataDirFlag());
        });
        checkPortsFree();
        try {
            Files.createDirectories(dir.run());
            Files.createDirectories(dir.logs());
            Files.deleteIfExists(dir.readyMarker());
            Files.writeString(dir.pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new LauncherException("Cannot write to " + dir.root() + ": " + e.getMessage() + ". Pick a writable --data-dir", e);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onStop(stop::countDown);
        try {
            Keys keys = Keys.loadOrCreate(dir.keys());
            writeEndpoints("starting", keys);
            startStack();
            createTopics();
            startServices(keys);
            String pipeline = pipelineState();
            serviceStates.put("pipeline", pipeline);
            if (demo) {
                traffic = DemoTraffic.start(stack.endpoints().kafka().bootstrapServers(), collectorUrl(), keys.producer(), dir.logs());
            }
            serviceStates.put("demo", demo ? "running: ACME sessions to Kafka acme-telemetry, recsys chains and payment-service/iot-gateway-west envelopes over HTTP" : "off (--no-demo)");
            writeEndpoints("ready", keys);
            String banner = banner(keys);
            Json.writeAtomically(dir.banner(), banner);
            System.out.println(banner);
            System.out.flush();
            Files.writeString(dir.readyMarker(), Instant.now().toString());
            stop.await();
            progress("stopping");
            return 0;
        } catch (IOException e) {
            throw new LauncherException("Cannot write to " + dir.root() + ": " + e.getMessage(), e);
        } finally {
            shutdown();
        }
    }

    private String dataDirFlag() {
        Path defaultDir = Path.of(".sluice").toAbsolutePath().normalize();
        return dir.root().equals(defaultDir) ? "" : " --data-dir " + dir.root();
    }

    private void checkPortsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("collector", ports.collector());
        wanted.put("registry", ports.registry());
        wanted.put("Trino", ports.trino());
        wanted.put("S3", ports.s3());
        wanted.put("Kafka", ports.kafka());
        wanted.put("PostgreSQL", ports.postgres());
        List<String> busy = new ArrayList<>();
        wanted.forEach((name, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                busy.add(name + " " + port);
            }
        });
        if (!busy.isEmpty()) {
            throw new LauncherException("Port(s) already in use: " + String.join(", ", busy) + ". Another Sluice may be running "
                    + "(./sluice status; ./sluice down), or another program holds them: start on other ports with "
                    + "./sluice up --port-base N (now " + ports.base() + "; ports are N+80, N+81, N+82, N+90, N+92, N+432)");
        }
    }

    private void startStack() {
        progress("starting the local stack: Kafka, PostgreSQL, S3 (s3proxy) and Trino (first start formats storage; logs in "
                + dir.stack().resolve("logs") + ")");
        LocalStackConfig config = LocalStackConfig.builder()
                .allServers()
                .dataDir(dir.stack())
                .warehouse(LocalStackConfig.WarehouseKind.S3)
                .kafkaPort(ports.kafka())
                .postgresPort(ports.postgres())
                .s3Port(ports.s3())
                .trinoPort(ports.trino())
                .startupTimeout(Duration.ofSeconds(180))
                .build();
        Thread ticker = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    TimeUnit.SECONDS.sleep(10);
                    progress("... still starting the local stack");
                }
            } catch (InterruptedException e) {
                // Done.
            }
        });
        try {
            stack = LocalStack.start(config);
        } catch (RuntimeException e) {
            throw new LauncherException("The local stack did not start: " + e.getMessage()
                    + "\nWhat to do: read the logs in " + dir.stack().resolve("logs") + "; if a previous run was killed, "
                    + "./sluice down" + dataDirFlag() + " and retry", e);
        } finally {
            ticker.interrupt();
        }
        StringBuilder times = new StringBuilder();
        stack.startTimes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> times.append(String.format(Locale.ROOT, " %s %.1f s,", entry.getKey().name().toLowerCase(Locale.ROOT),
                        entry.getValue().toMillis() / 1000.0)));
        progress("local stack ready:" + times.substring(0, Math.max(0, times.length() - 1)));
    }

    private void createTopics() {
        String bootstrap = stack.endpoints().kafka().bootstrapServers();
        Map<String, String> raw = Map.of("max.message.bytes", Integer.toString(4 * 1024 * 1024));
        List<NewTopic> topics = List.of(
                new NewTopic(RAW_TOPIC, 3, (short) 1).configs(raw),
                new NewTopic(RAW_TOPIC + ".dlq", 1, (short) 1).configs(raw),
                new NewTopic(ACME_TOPIC, 3, (short) 1),
                new NewTopic(ACME_TOPIC + ".dlq", 1, (short) 1),
                new NewTopic("registry.schemas.changed", 1, (short) 1),
                new NewTopic("rules.alerts.triggered", 1, (short) 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new LauncherException("Cannot create topic " + entry.getKey() + " on " + bootstrap + ": " + e.getCause().getMessage()
                                + ". Kafka's log: " + dir.stack().resolve("logs"), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while creating topics");
        } catch (TimeoutException e) {
            throw new LauncherException("Kafka at " + bootstrap + " did not create the topics within 30 s. Its log: " + dir.stack().resolve("logs"), e);
        }
        progress("topics ready: " + RAW_TOPIC + ", " + ACME_TOPIC + " (and their .dlq), registry.schemas.changed, rules.alerts.triggered");
    }

    private void startServices(Keys keys) {
        Endpoints endpoints = stack.endpoints();
        String bootstrap = endpoints.kafka().bootstrapServers();
        Endpoints.PostgresEndpoint pg = endpoints.postgres();
        Endpoints.IcebergEndpoint iceberg = endpoints.iceberg();
        Endpoints.S3Endpoint s3 = endpoints.s3();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        List<CompletableFuture<Void>> starts = new ArrayList<>();

        if (ServiceProcess.available("registry-service").isPresent()) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("micronaut.server.host", "127.0.0.1");
            props.put("micronaut.server.port", Integer.toString(ports.registry()));
            props.put("datasources.default.url", pg.jdbcUrl(LocalStack.REGISTRY_DATABASE));
            props.put("datasources.default.username", pg.user());
            props.put("datasources.default.password", pg.password());
            props.put("sluice.registry.auth.read-keys", keys.registryRead());
            props.put("sluice.registry.auth.admin-keys", keys.registryAdmin());
            props.put("sluice.registry.events.bootstrap-servers", bootstrap);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SLUICE_REGISTRY_PORT", Integer.toString(ports.registry()));
            env.put("SLUICE_REGISTRY_JDBC_URL", pg.jdbcUrl(LocalStack.REGISTRY_DATABASE));
            env.put("SLUICE_REGISTRY_DB_USER", pg.user());
            env.put("SLUICE_REGISTRY_DB_PASSWORD", pg.password());
            env.put("SLUICE_REGISTRY_READ_KEYS", keys.registryRead());
            env.put("SLUICE_REGISTRY_ADMIN_KEYS", keys.registryAdmin());
            env.put("SLUICE_KAFKA_BOOTSTRAP", bootstrap);
            starts.add(CompletableFuture.runAsync(() -> startService("registry", "registry-service", "256m",
                    "dev.sluice.registry.RegistryApplication", props, env,
                    URI.create(registryUrl() + "/subjects"), Map.of("X-API-Key", keys.registryRead()),
                    deadline, this::describeRegistry), Thread.ofVirtual()::start));
        } else {
            serviceStates.put("registry", "NOT AVAILABLE: the launcher was built without deploy/registry-service");
        }

        if (ServiceProcess.available("ingestion-service").isPresent()) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("micronaut.server.host", "127.0.0.1");
            props.put("micronaut.server.port", Integer.toString(ports.collector()));
            props.put("sluice.collector.kafka.bootstrap-servers", bootstrap);
            props.put("sluice.collector.api-keys." + Keys.PRODUCER_KEY_ID + ".sha256", keys.producerSha256());
            props.put("sluice.collector.api-keys." + Keys.PRODUCER_KEY_ID + ".sources", "*");
            props.put("kafka.bootstrap.servers", bootstrap);
            props.put("sluice.lake.catalog-type", "JDBC");
            props.put("sluice.lake.catalog-name", iceberg.catalogName());
            props.put("sluice.lake.catalog-uri", iceberg.catalogJdbcUrl());
            props.put("sluice.lake.catalog-user", pg.user());
            props.put("sluice.lake.catalog-password", pg.password());
            props.put("sluice.lake.warehouse", iceberg.warehouse());
            props.put("sluice.lake.namespace", NAMESPACE);
            props.put("sluice.lake.file-io", "S3");
            props.put("sluice.lake.s3-endpoint", s3.endpoint().toString());
            props.put("sluice.lake.s3-region", s3.region());
            props.put("sluice.lake.s3-access-key", s3.accessKey());
            props.put("sluice.lake.s3-secret-key", s3.secretKey());
            props.put("sluice.lake.s3-path-style", "true");
            // Demo volumes: commit every 2 s so that a new event shows in Trino quickly.
            props.put("sluice.lake.commit-interval", "2s");
            // The Kafka pipeline (telemetry.events.raw and acme-telemetry into Iceberg), composed in deploy/ingestion-service.
            props.put("sluice.ingestion.pipeline.enabled", "true");
            props.put("sluice.ingestion.pipeline.bootstrap-servers", bootstrap);
            props.put("sluice.ingestion.pipeline.max-batch-interval", "2s");
            props.put("sluice.ingestion.pipeline.pii-key-id", Keys.PII_KEY_ID);
            props.put("sluice.ingestion.pipeline.pii-secret", keys.piiSecret());
            props.put("sluice.ingestion.pipeline.fingerprint-secret", keys.fingerprintSecret());
            props.put("sluice.ingestion.pipeline.replay-secret", keys.replaySecret());
            // The pipeline's SchemaCatalog is registry-adapter's cache over the registry's database; the
            // registry service owns the schema, the built-ins, the outbox and the REST API.
            props.put("datasources.default.url", pg.jdbcUrl(LocalStack.REGISTRY_DATABASE));
            props.put("datasources.default.username", pg.user());
            props.put("datasources.default.password", pg.password());
            props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
            props.put("datasources.default.dialect", "POSTGRES");
            props.put("datasources.default.maximum-pool-size", "4");
            props.put("flyway.datasources.default.enabled", "false");
            props.put("sluice.registry.builtins", "false");
            props.put("sluice.registry.auth.enabled", "false");
            // Events on: the cache follows registry.schemas.changed (new versions reach the pipeline live);
            // the outbox relay locks rows with SKIP LOCKED, so a second relay beside the registry's is harmless.
            props.put("sluice.registry.events.enabled", "true");
            props.put("sluice.registry.events.bootstrap-servers", bootstrap);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("SLUICE_KAFKA_BOOTSTRAP", bootstrap);
            env.put("SLUICE_REGISTRY_URL", registryUrl());
            env.put("SLUICE_REGISTRY_API_KEY", keys.registryRead());
            env.put("SLUICE_REGISTRY_JDBC_URL", pg.jdbcUrl(LocalStack.REGISTRY_DATABASE));
            env.put("SLUICE_REGISTRY_DB_USER", pg.user());
            env.put("SLUICE_REGISTRY_DB_PASSWORD", pg.password());
            // In parallel with the registry: the pipeline reads the registry's tables only when events arrive,
            // and the demo starts once both services are ready.
            starts.add(CompletableFuture.runAsync(() -> startService("collector", "ingestion-service", "512m",
                    "dev.sluice.ingestion.IngestionApplication", props, env,
                    URI.create(collectorUrl() + "/health"), Map.of(), deadline, body -> "running"), Thread.ofVirtual()::start));
        } else {
            serviceStates.put("collector", "NOT AVAILABLE: the launcher was built without deploy/ingestion-service");
        }
        progress("starting the Sluice services, each in its own JVM: " + (starts.isEmpty() ? "none available"
                : "the registry, and the ingestion service (collector and pipeline)"));
        starts.forEach(CompletableFuture::join);
    }

    private void startService(String name, String classpathName, String heap, String mainClass, Map<String, String> props,
            Map<String, String> env, URI readyUrl, Map<String, String> headers, Instant deadline,
            java.util.function.Function<String, String> describe) {
        Instant started = Instant.now();
        ServiceProcess service;
        try {
            service = ServiceProcess.start(name, classpathName, heap, mainClass, props, env, dir.run(), dir.logs());
        } catch (LauncherException e) {
            serviceStates.put(name, "NOT AVAILABLE: " + e.getMessage());
            progress(name + " not available: " + e.getMessage());
            return;
        }
        synchronized (services) {
            services.add(service);
        }
        String[] body = new String[1];
        try {
            service.awaitReady(readyUrl, headers, response -> {
                body[0] = response.body();
                return response.statusCode() == 200;
            }, deadline);
            String state = describe.apply(body[0]);
            serviceStates.put(name, state);
            progress(String.format(Locale.ROOT, "%s ready in %.1f s: %s", name, Duration.between(started, Instant.now()).toMillis() / 1000.0, state));
        } catch (LauncherException e) {
            if (service.isAlive() && body[0] != null && body[0].contains("DOWN")) {
                // It runs and answers, but a health indicator says DOWN: keep it, and say so.
                serviceStates.put(name, "running, but /health says DOWN: " + body[0].replaceAll("\\s+", " ") + " (log " + service.log() + ")");
                progress(name + " is running but reports DOWN; see " + service.log());
                return;
            }
            service.close();
            serviceStates.put(name, "FAILED to start (log " + service.log() + ")");
            progress(name + " FAILED to start; the platform runs without it. " + e.getMessage());
        }
    }

    private String describeRegistry(String subjectsBody) {
        try {
            JsonNode subjects = Json.MAPPER.readTree(subjectsBody);
            List<String> names = new ArrayList<>();
            subjects.forEach(node -> names.add(node.asText()));
            return "running, " + names.size() + " subjects (built-ins registered at startup): " + String.join(", ", names);
        } catch (IOException e) {
            return "running (GET /subjects answered: " + subjectsBody + ")";
        }
    }

    /**
     * Whether the pipeline (Kafka into Iceberg) runs, as the ingestion service itself reports it: its
     * {@code sluice-pipeline} health indicator (state, batches, items). Absent means the service
     * was built or configured without the pipeline. Retries for up to 30 s while the service does not answer.
     */
    private String pipelineState() {
        if (!serviceStates.getOrDefault("collector", "").startsWith("running")) {
            return "NOT AVAILABLE: the ingestion service is not running";
        }
        Instant deadline = Instant.now().plusSeconds(30);
        String last = "no answer";
        do {
            try {
                java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(URI.create(collectorUrl() + "/health")).timeout(Duration.ofSeconds(3)).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                JsonNode pipeline = findPipeline(Json.MAPPER.readTree(response.body()));
                if (pipeline == null) {
                    return "NOT AVAILABLE: the ingestion service reports no sluice-pipeline health indicator (built or configured without the pipeline); "
                            + "events stop at topics " + RAW_TOPIC + " and " + ACME_TOPIC;
                }
                JsonNode details = pipeline.path("details");
                String state = details.path("state").asText("?");
                last = String.format(Locale.ROOT, "%s (%s, %d batches, %d items committed)", pipeline.path("status").asText("?"), state,
                        details.path("batches").asLong(), details.path("items").asLong());
                // STARTING lasts until the first batch, which the demo (started next) provides.
                return ("RUNNING".equals(state) || "STARTING".equals(state) ? "running: " : "NOT RUNNING: ") + last + "; reads "
                        + RAW_TOPIC + " and " + ACME_TOPIC + " into Iceberg (commits every 2 s)";
            } catch (IOException | RuntimeException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ServiceProcess.sleep(1_000);
        } while (Instant.now().isBefore(deadline));
        return "starting: " + last + " (see " + dir.logs().resolve("collector.log") + ")";
    }

    /** The {@code sluice-pipeline} entry anywhere in a Micronaut health answer. */
    private static JsonNode findPipeline(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return null;
        }
        JsonNode direct = node.get("sluice-pipeline");
        if (direct != null) {
            return direct;
        }
        for (JsonNode child : node) {
            JsonNode found = findPipeline(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    String collectorUrl() {
        return "http://127.0.0.1:" + ports.collector();
    }

    String registryUrl() {
        return "http://127.0.0.1:" + ports.registry();
    }

    private void writeEndpoints(String state, Keys keys) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("state", state);
        root.put("data_dir", dir.root().toString());
        root.put("pid", ProcessHandle.current().pid());
        root.put("port_base", ports.base());
        root.put("collector_url", collectorUrl());
        root.put("collector_events_url", collectorUrl() + "/v1/events");
        root.put("registry_url", registryUrl());
        root.put("kafka_bootstrap", "127.0.0.1:" + ports.kafka());
        root.put("trino_url", "http://127.0.0.1:" + ports.trino());
        root.put("trino_jdbc_url", "jdbc:trino://127.0.0.1:" + ports.trino() + "/" + TRINO_CATALOG + "/" + NAMESPACE);
        root.put("postgres_jdbc_url", "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + LocalStack.REGISTRY_DATABASE);
        root.put("s3_endpoint", "http://127.0.0.1:" + ports.s3());
        root.put("metrics_url", collectorUrl() + "/prometheus");
        root.put("keys", keys.asMap());
        root.put("services", new LinkedHashMap<>(serviceStates));
        root.put("logs", dir.logs().toString());
        Json.writeAtomically(dir.endpoints(), Json.write(root));
        StringBuilder env = new StringBuilder("# Written by ./sluice up; source it in scripts.\n");
        env.append("SLUICE_STATE=").append(state).append('\n');
        env.append("SLUICE_COLLECTOR_URL=").append(collectorUrl()).append('\n');
        env.append("SLUICE_REGISTRY_URL=").append(registryUrl()).append('\n');
        env.append("SLUICE_KAFKA_BOOTSTRAP=127.0.0.1:").append(ports.kafka()).append('\n');
        env.append("SLUICE_TRINO_URL=http://127.0.0.1:").append(ports.trino()).append('\n');
        env.append("SLUICE_PRODUCER_KEY=").append(keys.producer()).append('\n');
        env.append("SLUICE_REGISTRY_READ_KEY=").append(keys.registryRead()).append('\n');
        env.append("SLUICE_REGISTRY_ADMIN_KEY=").append(keys.registryAdmin()).append('\n');
        Json.writeAtomically(dir.endpointsEnv(), env.toString());
    }

    private String banner(Keys keys) {
        String line = "-".repeat(100);
        StringBuilder b = new StringBuilder();
        b.append(line).append('\n');
        b.append(String.format(Locale.ROOT, "Sluice is up in %.1f s  (data %s, logs %s)%n",
                Duration.between(begin, Instant.now()).toMillis() / 1000.0, dir.root(), dir.logs()));
        b.append(line).append('\n');
        b.append(String.format(Locale.ROOT, "  Collector        %s/v1/events   (health %s/health, metrics %s/prometheus)%n", collectorUrl(), collectorUrl(), collectorUrl()));
        b.append(String.format(Locale.ROOT, "  Schema registry  %s/subjects    (OpenAPI %s/openapi/)%n", registryUrl(), registryUrl()));
        b.append(String.format(Locale.ROOT, "  Kafka bootstrap  127.0.0.1:%d%n", ports.kafka()));
        b.append(String.format(Locale.ROOT, "  Trino            jdbc:trino://127.0.0.1:%d/%s/%s   (UI http://127.0.0.1:%d/ui/, user: any)%n", ports.trino(), TRINO_CATALOG, NAMESPACE, ports.trino()));
        b.append(String.format(Locale.ROOT, "  PostgreSQL       jdbc:postgresql://127.0.0.1:%d/%s   S3 http://127.0.0.1:%d%n", ports.postgres(), LocalStack.REGISTRY_DATABASE, ports.s3()));
        b.append("  API keys         producer (collector)  ").append(keys.producer()).append('\n');
        b.append("                   registry read         ").append(keys.registryRead()).append('\n');
        b.append("                   registry admin        ").append(keys.registryAdmin()).append('\n');
        b.append("  Services\n");
        for (String name : List.of("registry", "collector", "pipeline", "demo")) {
            b.append(String.format(Locale.ROOT, "    %-10s %s%n", name, serviceStates.getOrDefault(name, "unknown")));
        }
        b.append("  Written to       ").append(dir.endpoints()).append('\n');
        b.append(line).append('\n');
        b.append("Try next:\n");
        b.append("  docs/examples/events.sh | ./sluice send -          # send events, see the per-event outcome\n");
        b.append("  ./sluice sql \"SELECT source, event_type, count(*) FROM events GROUP BY 1, 2\"\n");
        b.append("  ./sluice status                                    # events/s, dead letters, lag, last commit\n");
        b.append(isDetached() ? "Stop with ./sluice down" + dataDirFlag() + "\n" : "Press Ctrl-C to stop everything.\n");
        b.append(line);
        return b.toString();
    }

    private static boolean isDetached() {
        return "1".equals(System.getenv("SLUICE_DETACHED"));
    }

    private void shutdown() {
        Instant stopping = Instant.now();
        if (traffic != null) {
            traffic.close();
        }
        List<ServiceProcess> toStop;
        synchronized (services) {
            toStop = List.copyOf(services);
        }
        toStop.parallelStream().forEach(ServiceProcess::close);
        if (stack != null) {
            stack.close();
        }
        try {
            Files.deleteIfExists(dir.readyMarker());
            Files.deleteIfExists(dir.pidFile());
            if (Files.exists(dir.endpoints())) {
                JsonNode node = Json.read(dir.endpoints());
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("state", "stopped");
                Json.writeAtomically(dir.endpoints(), Json.write(node));
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: the next start rewrites these files.
        }
        progress(String.format(Locale.ROOT, "stopped everything in %.1f s", Duration.between(stopping, Instant.now()).toMillis() / 1000.0));
    }

    private void progress(String message) {
        System.out.printf(Locale.ROOT, "[%5.1fs] %s%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0, message);
        System.out.flush();
    }
}
