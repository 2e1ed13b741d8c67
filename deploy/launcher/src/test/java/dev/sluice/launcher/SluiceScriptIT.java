package dev.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Drives the real {@code ./sluice} script, as a user would, on the artifacts of this build
 * ({@code SLUICE_SKIP_BUILD=1}, {@code SLUICE_TARGET} from Maven): up --detach --no-demo, send,
 * sql, a FUTURE event replayed from the dead-letter topic with an override, down, no process left,
 * and a restart on the same data directory that keeps the data.
 *
 * <p>The check that sent events are readable in {@code telemetry.events} needs the ingestion
 * pipeline (Kafka to Iceberg). While this tree has none, {@code ./sluice up} reports it as NOT
 * AVAILABLE and that one test is skipped with that reason; it is never reported as passed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SluiceScriptIT {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(8);

    private Path repo;
    private Path dataDir;
    private int portBase;
    private final List<String> eventIds = new ArrayList<>();
    private final List<ProcessHandle> platformProcesses = new ArrayList<>();

    @BeforeAll
    void setUp() throws IOException {
        repo = Path.of(System.getProperty("sluice.repo.root", "../..")).toAbsolutePath().normalize();
        assertThat(repo.resolve("sluice")).isExecutable();
        dataDir = Files.createTempDirectory("sluice-e2e-");
        portBase = freePortBase();
    }

    @AfterAll
    void tearDown() throws Exception {
        if (dataDir != null) {
            run(Duration.ofMinutes(2), "down", "--data-dir", dataDir.toString());
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void upDetachedReturnsWhenReadyAndWritesEndpoints() throws Exception {
        Instant begin = Instant.now();
        Result up = run(UP_TIMEOUT, "up", "--detach", "--no-demo", "--data-dir", dataDir.toString(), "--port-base", Integer.toString(portBase));
        System.out.printf("./sluice up --detach took %.1f s%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);

        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("Sluice is up", "Kafka bootstrap", "jdbc:trino://", "Try next:");
        JsonNode endpoints = Json.read(dataDir.resolve("endpoints.json"));
        assertThat(endpoints.path("state").asText()).isEqualTo("ready");
        assertThat(endpoints.path("collector_url").asText()).isEqualTo("http://127.0.0.1:" + (portBase + 80));
        assertThat(endpoints.path("kafka_bootstrap").asText()).isEqualTo("127.0.0.1:" + (portBase + 92));
        assertThat(endpoints.path("keys").path("producer").asText()).startsWith("local.");
        assertThat(endpoints.path("services").path("collector").asText()).isEqualTo("running");
        assertThat(endpoints.path("services").path("registry").asText()).startsWith("running").contains("acme-telemetry", "recsys-api.click");
        rememberPlatformProcesses();
    }

    @Test
    @Order(2)
    void sendPrintsThePerEventOutcome() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            eventIds.add(id);
            ndjson.append("{\"event_id\":\"").append(id).append("\",\"source\":\"payment-service\",\"event_type\":\"log\",")
                    .append("\"event_timestamp\":\"").append(Instant.now()).append("\",\"payload\":{\"n\":").append(i).append("},")
                    .append("\"metadata\":{\"host\":\"e2e\",\"env\":\"test\",\"service\":\"payments-api\"}}\n");
        }
        ndjson.append("{\"event_id\":\"cut-in-the-middle\n");
        Path file = dataDir.resolve("events.ndjson");
        Files.writeString(file, ndjson);

        Result send = run(Duration.ofMinutes(2), "send", file.toString(), "--data-dir", dataDir.toString());

        assertThat(send.exit()).as(send.output()).isZero();
        assertThat(send.output()).contains("Sent 4 event(s)", "accepted 3, rejected 1", "event #3");
    }

    @Test
    @Order(3)
    void sqlRunsOneQueryOnTheLocalTrinoAndWritesToTheLake() throws Exception {
        Result select = run(Duration.ofMinutes(2), "sql", "--data-dir", dataDir.toString(), "SELECT count(*) AS nations FROM tpch.tiny.nation");
        assertThat(select.exit()).as(select.output()).isZero();
        assertThat(select.output()).contains("nations").contains("25");

        // A table in the Iceberg catalog (PostgreSQL) and warehouse (S3): the restart test reads it back.
        sql("CREATE SCHEMA IF NOT EXISTS iceberg.e2e");
        sql("CREATE TABLE iceberg.e2e.marker AS SELECT 'kept across restarts' AS note");
        assertThat(sql("SELECT note FROM iceberg.e2e.marker")).contains("kept across restarts");
    }

    @Test
    @Order(4)
    void sentEventsAreQueryableInTelemetryEvents() throws Exception {
        String pipeline = Json.read(dataDir.resolve("endpoints.json")).path("services").path("pipeline").asText();
        assumeTrue(!pipeline.startsWith("NOT AVAILABLE"), "./sluice up reports the pipeline as " + pipeline);
        assertThat(awaitEventCount(Duration.ofSeconds(90))).isEqualTo(eventIds.size());
    }

    @Test
    @Order(5)
    void aFutureEventIsDeadLetteredThenStoredWhenReplayedWithAnOverride() throws Exception {
        String pipeline = Json.read(dataDir.resolve("endpoints.json")).path("services").path("pipeline").asText();
        assumeTrue(!pipeline.startsWith("NOT AVAILABLE"), "./sluice up reports the pipeline as " + pipeline);
        String id = "replay-" + UUID.randomUUID();
        Path file = dataDir.resolve("future.ndjson");
        Files.writeString(file, "{\"event_id\":\"" + id + "\",\"source\":\"payment-service\",\"event_type\":\"log\","
                + "\"event_timestamp\":\"" + Instant.now().plus(Duration.ofHours(3)) + "\",\"payload\":{\"n\":1},"
                + "\"metadata\":{\"host\":\"e2e\",\"env\":\"test\",\"service\":\"payments-api\"}}\n");
        Result send = run(Duration.ofMinutes(2), "send", file.toString(), "--data-dir", dataDir.toString());
        assertThat(send.exit()).as(send.output()).isZero();
        assertThat(awaitCount("SELECT count(*) AS dead FROM iceberg.telemetry.dead_letters WHERE reason = 'FUTURE_TIMESTAMP'"
                + " AND strpos(from_utf8(original), '" + id + "') > 0", 1, Duration.ofSeconds(90)))
                .as("the FUTURE event is a dead letter first").isEqualTo(1);

        Result replay = run(Duration.ofMinutes(2), "replay", "--data-dir", dataDir.toString(), "--dlq", "telemetry.events.raw.dlq",
                "--reason", "FUTURE_TIMESTAMP", "--override", "ACCEPT_FUTURE");

        assertThat(replay.exit()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("1 records sent back to their topics with overrides ACCEPT_FUTURE");
        assertThat(awaitCount("SELECT count(*) AS stored FROM iceberg.telemetry.events WHERE event_id = '" + id
                + "' AND lateness = 'FUTURE'", 1, Duration.ofSeconds(90))).as("stored, with its true lateness").isEqualTo(1);
    }

    @Test
    @Order(6)
    void downStopsEverythingAndLeavesNoProcessBehind() throws Exception {
        Result down = run(Duration.ofMinutes(2), "down", "--data-dir", dataDir.toString());

        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(down.output()).contains("Stopped in");
        assertNoProcessLeft();
        assertThat(dataDir.resolve("sluice.pid")).doesNotExist();
        assertThat(Json.read(dataDir.resolve("endpoints.json")).path("state").asText()).isEqualTo("stopped");
    }

    @Test
    @Order(7)
    void restartOnTheSameDataDirectoryKeepsTheDataAndTheKeys() throws Exception {
        String producerKey = Json.read(dataDir.resolve("keys.json")).path("producer").asText();

        Result up = run(UP_TIMEOUT, "up", "--detach", "--no-demo", "--data-dir", dataDir.toString(), "--port-base", Integer.toString(portBase));
        assertThat(up.exit()).as(up.output()).isZero();
        rememberPlatformProcesses();

        assertThat(Json.read(dataDir.resolve("keys.json")).path("producer").asText()).isEqualTo(producerKey);
        assertThat(sql("SELECT note FROM iceberg.e2e.marker")).contains("kept across restarts");
        String pipeline = Json.read(dataDir.resolve("endpoints.json")).path("services").path("pipeline").asText();
        if (!pipeline.startsWith("NOT AVAILABLE")) {
            assertThat(awaitEventCount(Duration.ofSeconds(60))).isEqualTo(eventIds.size());
        }

        Result down = run(Duration.ofMinutes(2), "down", "--data-dir", dataDir.toString());
        assertThat(down.exit()).as(down.output()).isZero();
        assertNoProcessLeft();
    }

    private long awaitCount(String countQuery, long expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long count = -1;
        while (Instant.now().isBefore(deadline)) {
            Result result = run(Duration.ofMinutes(1), "sql", "--data-dir", dataDir.toString(), countQuery);
            if (result.exit() == 0) {
                count = lastNumber(result.output());
                if (count == expected) {
                    return count;
                }
            }
            TimeUnit.SECONDS.sleep(3);
        }
        return count;
    }

    private long awaitEventCount(Duration timeout) throws Exception {
        String ids = String.join("','", eventIds);
        Instant deadline = Instant.now().plus(timeout);
        long count = -1;
        while (Instant.now().isBefore(deadline)) {
            Result result = run(Duration.ofMinutes(1), "sql", "--data-dir", dataDir.toString(),
                    "SELECT count(*) AS stored FROM iceberg.telemetry.events WHERE event_id IN ('" + ids + "')");
            if (result.exit() == 0) {
                count = lastNumber(result.output());
                if (count == eventIds.size()) {
                    return count;
                }
            }
            TimeUnit.SECONDS.sleep(3);
        }
        return count;
    }

    private static long lastNumber(String output) {
        long value = -1;
        for (String line : output.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.matches("\\d+")) {
                value = Long.parseLong(trimmed);
            }
        }
        return value;
    }

    private String sql(String statement) throws Exception {
        Result result = run(Duration.ofMinutes(2), "sql", "--data-dir", dataDir.toString(), statement);
        assertThat(result.exit()).as(statement + "\n" + result.output()).isZero();
        return result.output();
    }

    private void rememberPlatformProcesses() throws IOException {
        long pid = Long.parseLong(Files.readString(dataDir.resolve("sluice.pid")).strip());
        ProcessHandle launcher = ProcessHandle.of(pid).orElseThrow();
        platformProcesses.add(launcher);
        launcher.descendants().forEach(platformProcesses::add);
        assertThat(platformProcesses).hasSizeGreaterThanOrEqualTo(6);
    }

    /** Neither a process we saw, nor any process whose command line names the data directory. */
    private void assertNoProcessLeft() throws IOException {
        assertThat(platformProcesses.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList()).isEmpty();
        List<String> strays = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmdline.contains(dataDir.toString())) {
                        strays.add(proc.getFileName() + ": " + cmdline);
                    }
                } catch (IOException e) {
                    // The process ended meanwhile.
                }
            }
        }
        assertThat(strays).isEmpty();
    }

    private record Result(int exit, String output) {}

    private Result run(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("sluice").toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("sluice-e2e-out-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("SLUICE_SKIP_BUILD", "1");
        env.putIfAbsent("SLUICE_TARGET", "target");
        Process process = builder.start();
        boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        Files.deleteIfExists(output);
        System.out.println("$ ./sluice " + String.join(" ", args) + "\n" + text);
        return new Result(done ? process.exitValue() : -1, done ? text : text + "\n(timed out after " + timeout + ")");
    }

    /** A base whose six derived ports are free now, away from the default 17000 block. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(400) * 100;
            if (Stream.of(80, 81, 82, 90, 92, 432).allMatch(offset -> free(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("No free port block found between 20000 and 60000");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
