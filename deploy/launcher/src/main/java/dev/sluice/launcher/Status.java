package dev.sluice.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./sluice status}: a refreshing view of what flows. Each figure names where it comes from,
 * and says "unavailable" with the reason when its source does not exist yet.
 * <ul>
 *   <li>Kafka end offsets of the input topics and their .dlq: records/s between two samples.</li>
 *   <li>Trino over the Iceberg tables: events/s by source (last minute, by ingest time), dead
 *       letters by reason, and the last commit with the offsets stored in its snapshot summary,
 *       from which the consumer lag is computed (Sluice owns its offsets there, not in the group).</li>
 *   <li>The ingestion service's Prometheus endpoint: duplicates and late events.</li>
 * </ul>
 */
final class Status {
    private static final List<String> TOPICS = List.of(Platform.RAW_TOPIC, Platform.ACME_TOPIC, Platform.RAW_TOPIC + ".dlq", Platform.ACME_TOPIC + ".dlq");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final RunningPlatform platform;
    private final TrinoQueries trino;
    private Map<String, Long> previousEnds = Map.of();
    private Instant previousAt;

    private Status(RunningPlatform platform) {
        this.platform = platform;
        this.trino = new TrinoQueries(platform.trino());
    }

    static int run(DataDir dir, boolean once, int intervalSeconds) throws InterruptedException {
        Status status = new Status(RunningPlatform.require(dir));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, status.platform.text("kafka_bootstrap"),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            if (once) {
                // Two samples a few seconds apart, so that rates are real rates.
                status.endOffsets(admin);
                TimeUnit.SECONDS.sleep(3);
                System.out.print(status.render(admin));
                return 0;
            }
            while (true) {
                String screen = status.render(admin);
                System.out.print("\033[H\033[2J");
                System.out.print(screen);
                System.out.printf(Locale.ROOT, "(refreshes every %d s; Ctrl-C to quit)%n", intervalSeconds);
                System.out.flush();
                TimeUnit.SECONDS.sleep(intervalSeconds);
                if (RunningPlatform.require(dir) == null) {
                    return 1;
                }
            }
        }
    }

    private String render(Admin admin) {
        StringBuilder out = new StringBuilder();
        Instant now = Instant.now();
        out.append(String.format(Locale.ROOT, "Sluice status  %s  (data %s)%n", now.toString().substring(0, 19).replace('T', ' '), platform.dir().root()));
        out.append("Services\n");
        for (String name : List.of("registry", "collector", "pipeline", "demo")) {
            out.append(String.format(Locale.ROOT, "  %-10s %s%n", name, abbreviate(platform.service(name), 110)));
        }

        Map<String, Long> previous = previousEnds;
        Instant previousTime = previousAt;
        Map<String, Long> ends = endOffsets(admin);
        out.append("Kafka input (end offsets)\n");
        if (ends.isEmpty()) {
            out.append("  unavailable: Kafka at ").append(platform.text("kafka_bootstrap")).append(" does not answer\n");
        }
        for (String topic : TOPICS) {
            if (!ends.containsKey(topic)) {
                continue;
            }
            String rate = previousTime == null || !previous.containsKey(topic) ? "" : String.format(Locale.ROOT, "%8.1f records/s",
                    (ends.get(topic) - previous.get(topic)) * 1000.0 / Math.max(1, Duration.between(previousTime, now).toMillis()));
            out.append(String.format(Locale.ROOT, "  %-28s %10d records %s%n", topic, ends.get(topic), rate));
        }

        out.append("Lake (Trino over Iceberg)\n");
        out.append("  events/s by source, last minute:\n");
        query(out, "SELECT source, count(*) FROM iceberg.telemetry.events "
                + "WHERE ingest_timestamp > current_timestamp - INTERVAL '60' SECOND GROUP BY 1 ORDER BY 2 DESC",
                row -> String.format(Locale.ROOT, "    %-24s %8.2f/s  (%d in the last minute)", row.get(0).asText(), row.get(1).asLong() / 60.0,
                        row.get(1).asLong()), "no events in the last minute");
        out.append("  late events stored, by lateness class (all time):\n");
        query(out, "SELECT lateness, count(*) FROM iceberg.telemetry.events WHERE lateness <> 'ON_TIME' GROUP BY 1 ORDER BY 2 DESC",
                row -> String.format(Locale.ROOT, "    %-24s %8d", row.get(0).asText(), row.get(1).asLong()), "none");
        out.append("  dead letters by reason (all time):\n");
        query(out, "SELECT reason, count(*) FROM iceberg.telemetry.dead_letters GROUP BY 1 ORDER BY 2 DESC",
                row -> String.format(Locale.ROOT, "    %-24s %8d", row.get(0).asText(), row.get(1).asLong()), "none");
        commitAndLag(out, ends, now);

        out.append("Pipeline counters (").append(platform.text("metrics_url")).append(")\n");
        metrics(out);
        return out.toString();
    }

    private interface RowFormat {
        String format(List<JsonNode> row);
    }

    private void query(StringBuilder out, String sql, RowFormat format, String empty) {
        try {
            List<List<JsonNode>> rows = trino.query(sql, Duration.ofSeconds(45));
            if (rows.isEmpty()) {
                out.append("    ").append(empty).append('\n');
            }
            rows.forEach(row -> out.append(format.format(row)).append('\n'));
        } catch (TrinoQueries.TrinoQueryException e) {
            out.append("    unavailable: ").append(reason(e)).append('\n');
        }
    }

    private static String reason(TrinoQueries.TrinoQueryException e) {
        if ("TABLE_NOT_FOUND".equals(e.errorName()) || "SCHEMA_NOT_FOUND".equals(e.errorName())) {
            return "the table does not exist yet (the pipeline creates it with its first commit): " + abbreviate(e.getMessage(), 80);
        }
        return abbreviate(e.getMessage(), 110);
    }

    private void commitAndLag(StringBuilder out, Map<String, Long> ends, Instant now) {
        try {
            List<List<JsonNode>> rows = trino.query("SELECT CAST(committed_at AS varchar), summary['sluice.offsets'], summary['added-records'] "
                    + "FROM iceberg.telemetry.\"events$snapshots\" ORDER BY committed_at DESC LIMIT 20", Duration.ofSeconds(45));
            if (rows.isEmpty()) {
                out.append("  last commit: none yet\n  consumer lag: unavailable (no commit yet)\n");
                return;
            }
            List<JsonNode> last = rows.get(0);
            out.append(String.format(Locale.ROOT, "  last commit: %s (%s ago), %s records added%n", last.get(0).asText(),
                    age(last.get(0).asText(), Instant.now()), last.get(2).isNull() ? "?" : last.get(2).asText()));
            JsonNode offsets = null;
            for (List<JsonNode> row : rows) {
                if (!row.get(1).isNull()) {
                    offsets = Json.MAPPER.readTree(row.get(1).asText());
                    break;
                }
            }
            if (offsets == null) {
                out.append("  consumer lag: unavailable (no snapshot carries sluice.offsets)\n");
                return;
            }
            Map<String, Long> lag = new TreeMap<>();
            offsets.fields().forEachRemaining(topic -> {
                long committed = 0;
                for (JsonNode partition : topic.getValue()) {
                    committed += partition.asLong();
                }
                if (ends.containsKey(topic.getKey())) {
                    lag.put(topic.getKey(), Math.max(0, ends.get(topic.getKey()) - committed));
                }
            });
            out.append("  consumer lag (end offsets minus the offsets in the last snapshot): ").append(lag.isEmpty() ? "unknown" : lag).append('\n');
        } catch (TrinoQueries.TrinoQueryException e) {
            out.append("  last commit: unavailable: ").append(reason(e)).append('\n');
            out.append("  consumer lag: unavailable (it is read from the last commit)\n");
        } catch (IOException e) {
            out.append("  consumer lag: unavailable (cannot read sluice.offsets: ").append(e.getMessage()).append(")\n");
        }
    }

    private static String age(String timestamp, Instant now) {
        try {
            // Trino prints "2026-11-22 10:15:30.123 UTC".
            String iso = timestamp.replace(" UTC", "Z").replace(' ', 'T');
            long seconds = Duration.between(Instant.parse(iso), now).toSeconds();
            return seconds < 120 ? seconds + " s" : (seconds / 60) + " min";
        } catch (DateTimeParseException e) {
            return "?";
        }
    }

    private void metrics(StringBuilder out) {
        String body;
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.text("metrics_url")))
                    .header("Authorization", "Bearer " + platform.producerKey())
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                micrometer(out, "/prometheus answered HTTP " + response.statusCode());
                return;
            }
            body = response.body();
        } catch (IOException e) {
            out.append("  unavailable: the ingestion service does not answer (").append(e.getMessage()).append(")\n");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String wanted : List.of("duplicate", "late", "dead_letter", "collector")) {
            sums.putAll(sum(body, wanted));
        }
        if (sums.isEmpty()) {
            out.append("  duplicates, late events: unavailable (the service exports no such metric yet)\n");
            return;
        }
        boolean dup = sums.keySet().stream().anyMatch(name -> name.contains("duplicate"));
        boolean late = sums.keySet().stream().anyMatch(name -> name.contains("late"));
        sums.forEach((name, value) -> out.append(String.format(Locale.ROOT, "  %-56s %12.0f%n", name, value)));
        if (!dup) {
            out.append("  duplicates: unavailable (no duplicate metric exported yet)\n");
        }
        if (!late) {
            out.append("  late events: unavailable (no lateness metric exported yet)\n");
        }
    }

    /** Falls back to Micronaut's {@code /metrics} endpoint when the Prometheus one is not served. */
    private void micrometer(StringBuilder out, String why) {
        URI base = URI.create(platform.text("collector_url") + "/metrics");
        try {
            JsonNode names = get(base);
            List<String> wanted = new ArrayList<>();
            names.path("names").forEach(name -> {
                String n = name.asText();
                if (n.startsWith("sluice") || n.contains("duplicate") || n.contains("late") || n.contains("dead")) {
                    wanted.add(n);
                }
            });
            if (wanted.isEmpty()) {
                out.append("  duplicates, late events: unavailable (").append(why)
                        .append("; /metrics has no Sluice metric yet)\n");
                return;
            }
            out.append("  (from /metrics: ").append(why).append(")\n");
            for (String name : wanted) {
                double total = 0;
                for (JsonNode measurement : get(URI.create(base + "/" + name)).path("measurements")) {
                    String statistic = measurement.path("statistic").asText();
                    if (statistic.equals("COUNT") || statistic.equals("VALUE")) {
                        total += measurement.path("value").asDouble();
                    }
                }
                out.append(String.format(Locale.ROOT, "  %-56s %12.0f%n", name, total));
            }
            if (wanted.stream().noneMatch(name -> name.contains("duplicate"))) {
                out.append("  duplicates: unavailable (no duplicate metric exported yet)\n");
            }
            if (wanted.stream().noneMatch(name -> name.contains("late"))) {
                out.append("  late events: unavailable (no lateness metric exported yet)\n");
            }
        } catch (IOException e) {
            out.append("  unavailable: ").append(why).append(", and /metrics: ").append(e.getMessage()).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + platform.producerKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** Sums each metric family whose name contains {@code word}, over all its labels. */
    private static Map<String, Double> sum(String prometheus, String word) {
        Map<String, Double> sums = new TreeMap<>();
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String name = brace > 0 ? line.substring(0, brace) : line.substring(0, Math.max(0, space));
            if (!name.contains(word) || name.endsWith("_created") || name.endsWith("_bucket") || name.endsWith("_max")) {
                continue;
            }
            try {
                sums.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
            } catch (NumberFormatException e) {
                // Not a sample line.
            }
        }
        return sums;
    }

    private Map<String, Long> endOffsets(Admin admin) {
        Map<String, Long> ends = new HashMap<>();
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(TOPICS.stream()
                    .filter(topic -> existing(admin).contains(topic)).toList()).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            topics.values().forEach(description -> description.partitions()
                    .forEach(p -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest())));
            ListOffsetsResult result = admin.listOffsets(request);
            result.all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.merge(tp.topic(), info.offset(), Long::sum));
        } catch (Exception e) {
            return Map.of();
        }
        previousEnds = ends;
        previousAt = Instant.now();
        return ends;
    }

    private static List<String> existing(Admin admin) {
        try {
            return new ArrayList<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String abbreviate(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max) + "..." : flat;
    }
}
