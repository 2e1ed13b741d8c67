package dev.sluice.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Starts the whole stack, prints each server's endpoint and start time, and stops it.
 *
 * <pre>
 * java -cp ... dev.sluice.localstack.LocalStackMain [--servers KAFKA,POSTGRES,S3,TRINO]
 *     [--data-dir DIR] [--warehouse S3|FILE] [--hold] [--measure-rss]
 * </pre>
 *
 * Without {@code --hold} it stops as soon as everything is up (a start-time check); with it, it
 * runs until standard input closes or Ctrl-C.
 */
public final class LocalStackMain {
    private LocalStackMain() {}

    public static void main(String[] args) throws IOException {
        LocalStackConfig.Builder builder = LocalStackConfig.fromSystemProperties();
        Set<Server> servers = EnumSet.allOf(Server.class);
        boolean hold = false;
        boolean measureRss = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--servers" -> {
                    servers = EnumSet.noneOf(Server.class);
                    for (String name : args[++i].split(",")) {
                        servers.add(Server.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                    }
                }
                case "--data-dir" -> builder.dataDir(Path.of(args[++i]));
                case "--warehouse" -> builder.warehouse(LocalStackConfig.WarehouseKind.valueOf(args[++i].toUpperCase(Locale.ROOT)));
                case "--hold" -> hold = true;
                case "--measure-rss" -> measureRss = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; options: --servers LIST, --data-dir DIR, --warehouse S3|FILE, --hold, --measure-rss");
            }
        }
        LocalStackConfig config = builder.servers(servers).build();
        Instant begin = Instant.now();
        try (LocalStack stack = LocalStack.start(config)) {
            Duration total = Duration.between(begin, Instant.now());
            print(stack, total);
            if (measureRss) {
                System.out.printf(Locale.ROOT, "RSS of this JVM and all its descendants: %.0f MiB%n", treeRssKib(ProcessHandle.current()) / 1024.0);
            }
            if (hold) {
                System.out.println("Running. Close standard input (Ctrl-D) or press Ctrl-C to stop.");
                try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    while (in.readLine() != null) {
                        // Keep running until end of input.
                    }
                }
            }
            Instant stopping = Instant.now();
            stack.close();
            System.out.printf(Locale.ROOT, "Stopped in %.1f s%n", Duration.between(stopping, Instant.now()).toMillis() / 1000.0);
        }
    }

    private static void print(LocalStack stack, Duration total) {
        Endpoints endpoints = stack.endpoints();
        Map<Server, Duration> times = LocalStack.orderedTimes(stack.startTimes());
        System.out.println("Sluice local stack (data dir " + stack.dataDir() + ", logs " + stack.logDir() + ")");
        endpoints.findKafka().ifPresent(kafka -> line("Kafka", times.get(Server.KAFKA), "bootstrap " + kafka.bootstrapServers()));
        endpoints.findPostgres().ifPresent(pg -> line("PostgreSQL", times.get(Server.POSTGRES),
                pg.jdbcUrl(LocalStack.REGISTRY_DATABASE) + " (user " + pg.user() + ", also " + LocalStack.CATALOG_DATABASE + ")"));
        endpoints.findS3().ifPresent(s3 -> line("S3", times.get(Server.S3), s3.endpoint() + " (access key " + s3.accessKey() + ")"));
        endpoints.findIceberg().ifPresent(iceberg -> line("Iceberg", null, "catalog " + iceberg.catalogName() + ", warehouse " + iceberg.warehouse()));
        endpoints.findTrino().ifPresent(trino -> line("Trino", times.get(Server.TRINO), trino.jdbcUrl() + " (UI " + trino.httpUri() + "/ui/)"));
        System.out.printf(Locale.ROOT, "All up in %.1f s%n", total.toMillis() / 1000.0);
    }

    private static void line(String name, Duration time, String endpoint) {
        String seconds = time == null ? "" : String.format(Locale.ROOT, "%5.1f s", time.toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "  %-11s %-8s %s%n", name, seconds, endpoint);
    }

    /** Sum of VmRSS over a process and its descendants, from /proc (Linux only; 0 elsewhere). */
    static long treeRssKib(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        long total = 0;
        for (ProcessHandle process : tree) {
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            try (Stream<String> lines = Files.lines(status)) {
                total += lines.filter(line -> line.startsWith("VmRSS:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                        .sum();
            } catch (IOException | RuntimeException e) {
                // The process ended meanwhile.
            }
        }
        return total;
    }
}
