package dev.sluice.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A real Trino coordinator (trino-testing's DistributedQueryRunner with no extra worker) in a child
 * JVM on the running JDK 25, with the catalogs {@code iceberg} and {@code tpch}.
 */
final class TrinoCoordinator {
    static final String READY_MARKER = "SLUICE-TRINO-READY";

    private TrinoCoordinator() {}

    static ChildProcess launch(Path home, Path logs, int port, Map<String, String> icebergCatalog, String heap) {
        try {
            Files.createDirectories(home);
            Path catalogFile = home.resolve("iceberg.properties");
            Properties properties = new Properties();
            properties.putAll(new TreeMap<>(icebergCatalog));
            try (OutputStream out = Files.newOutputStream(catalogFile)) {
                properties.store(out, "Written by the Sluice local stack at each start");
            }
            List<String> command = JavaChild.command("trino", home.resolve("java.args"),
                    List.of("-Xmx" + heap, "-Xms256m", "-XX:+UseG1GC", "-XX:+ExplicitGCInvokesConcurrent", "-Xss1m",
                            "-XX:ReservedCodeCacheSize=192m", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + home,
                            "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                            "--sun-misc-unsafe-memory-access=allow", "-XX:+EnableDynamicAgentLoading",
                            "-Djdk.attach.allowAttachSelf=true", "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true",
                            "-Dlog.levels-file=" + logLevels(home)),
                    "dev.sluice.trinorunner.TrinoCoordinatorMain",
                    List.of(Integer.toString(port), catalogFile.toString(), home.resolve("data").toString()));
            return ChildProcess.start("Trino", command, home, logs.resolve("trino.log"), Map.of());
        } catch (IOException e) {
            throw new LocalStackException("Cannot prepare Trino in " + home, e);
        }
    }

    static Endpoints.TrinoEndpoint endpoint(int port) {
        return new Endpoints.TrinoEndpoint("jdbc:trino://" + Ports.HOST + ":" + port + "?explicitPrepare=false",
                URI.create("http://" + Ports.HOST + ":" + port));
    }

    static void awaitReady(ChildProcess trino, Endpoints.TrinoEndpoint endpoint, Instant deadline) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        trino.awaitReady(deadline, () -> {
            if (!trino.logContains(READY_MARKER)) {
                return false;
            }
            HttpResponse<String> info = http.send(HttpRequest.newBuilder(endpoint.httpUri().resolve("/v1/info"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return info.statusCode() == 200 && info.body().contains("\"starting\":false");
        });
    }

    /** Trino's own logs are verbose at INFO; the local stack keeps warnings and the startup summary. */
    private static Path logLevels(Path home) throws IOException {
        Path file = home.resolve("log.properties");
        Files.writeString(file, String.join("\n", "io.trino=WARN", "io.airlift=WARN", "org.apache.iceberg=WARN",
                "io.trino.server.Server=INFO", ""));
        return file;
    }
}
