package dev.sluice.launcher;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./sluice send FILE}: posts NDJSON or a JSON array to the local collector with the local
 * producer key, in batches well under the collector's body limit, and prints the per-event outcome
 * from the collector's partial-success answers, with indexes counted over the whole file.
 */
final class Send {
    private static final int MAX_BATCH_ITEMS = 1_000;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final int MAX_LISTED = 20;

    private Send() {}

    static int run(DataDir dir, Path file) {
        RunningPlatform platform = RunningPlatform.require(dir);
        boolean stdin = file.toString().equals("-");
        if (!stdin && !Files.isRegularFile(file)) {
            throw new LauncherException("No such file: " + file.toAbsolutePath() + ". Give a file of NDJSON (one event per line) or a JSON array, or - for standard input");
        }
        String text;
        try {
            text = stdin ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Batch> batches = batches(text);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        int accepted = 0;
        int rejected = 0;
        int total = 0;
        List<String> listed = new ArrayList<>();
        Map<String, Integer> byCode = new TreeMap<>();
        List<String> requestIds = new ArrayList<>();
        for (Batch batch : batches) {
            HttpRequest request = HttpRequest.newBuilder(platform.collectorEvents())
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", batch.contentType())
                    .header("Authorization", "Bearer " + platform.producerKey())
                    .POST(HttpRequest.BodyPublishers.ofString(batch.body()))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new LauncherException("The collector at " + platform.collectorEvents() + " does not answer (" + e.getMessage()
                        + "). Check ./sluice status and " + dir.logs().resolve("collector.log"), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
            JsonNode body = parse(response.body());
            if (response.statusCode() != 202 && response.statusCode() != 200) {
                String detail = body == null ? response.body() : body.path("detail").asText(body.path("title").asText(response.body()));
                String code = body == null ? "" : body.path("code").asText(body.path("error_code").asText(""));
                throw new LauncherException(String.format(Locale.ROOT, "The collector refused the batch of events %d-%d: HTTP %d %s %s%s",
                        batch.firstIndex(), batch.firstIndex() + batch.items() - 1, response.statusCode(), code, detail,
                        whatToDo(response)));
            }
            if (body == null) {
                throw new LauncherException("The collector answered HTTP " + response.statusCode() + " with a body that is not JSON: " + response.body());
            }
            total += batch.items();
            accepted += body.path("accepted").asInt();
            rejected += body.path("rejected").asInt();
            requestIds.add(body.path("request_id").asText());
            for (JsonNode error : body.path("partial_success").path("errors")) {
                int index = batch.firstIndex() + error.path("index").asInt();
                String code = error.path("code").asText();
                byCode.merge(code, 1, Integer::sum);
                if (listed.size() < MAX_LISTED) {
                    listed.add(String.format(Locale.ROOT, "    event #%-5d %-22s %s%s", index, code, error.path("message").asText(),
                            error.path("kept_as_dead_letter").asBoolean() ? "  (kept as a dead letter)" : "  (not written)"));
                }
            }
        }
        System.out.printf(Locale.ROOT, "Sent %d event(s) from %s to %s in %d request(s) (request id %s)%n", total, stdin ? "standard input" : file,
                platform.collectorEvents(), batches.size(), String.join(", ", requestIds));
        System.out.printf(Locale.ROOT, "  accepted %d, rejected %d%n", accepted, rejected);
        if (!byCode.isEmpty()) {
            System.out.println("  rejected by code: " + byCode);
            listed.forEach(System.out::println);
            if (rejected > listed.size()) {
                System.out.printf(Locale.ROOT, "    ... and %d more%n", rejected - listed.size());
            }
        }
        System.out.println("  Accepted events go through the pipeline to Iceberg; rejected ones kept as dead letters land in telemetry.dead_letters.");
        System.out.println("  Find them:  ./sluice sql \"SELECT event_id, source, event_type FROM events ORDER BY ingest_timestamp DESC LIMIT 10\"");
        return 0;
    }

    private static String whatToDo(HttpResponse<String> response) {
        return switch (response.statusCode()) {
            case 401, 403 -> ". The local key in keys.json does not match the collector's; restart with ./sluice down && ./sluice up";
            case 413 -> ". Split the file: a request body may be at most 10 MiB";
            case 415 -> ". Send NDJSON (one JSON event per line) or a JSON array";
            case 429, 503 -> ". Retry after " + response.headers().firstValue("Retry-After").orElse("a few") + " s; check ./sluice status";
            default -> ". See " + "the collector's log (logs/collector.log in the data directory)";
        };
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** A request: its body, its content type, how many items it holds and the file index of the first. */
    record Batch(String body, String contentType, int items, int firstIndex) {}

    static List<Batch> batches(String text) {
        String trimmed = text.strip();
        List<Batch> batches = new ArrayList<>();
        if (trimmed.startsWith("[")) {
            JsonNode array = parse(trimmed);
            if (array == null || !array.isArray()) {
                // Not valid JSON: let the collector say why, as it would to any producer.
                batches.add(new Batch(trimmed, "application/json", 1, 0));
                return batches;
            }
            if (trimmed.length() <= MAX_BATCH_BYTES && array.size() <= MAX_BATCH_ITEMS) {
                // Small enough for one request: the collector gets the producer's bytes untouched.
                batches.add(new Batch(trimmed, "application/json", array.size(), 0));
                return batches;
            }
            List<String> lines = new ArrayList<>();
            array.forEach(node -> lines.add(node.toString()));
            return ndjson(lines);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new LauncherException("The file has no events. Give NDJSON (one event per line) or a JSON array");
        }
        return ndjson(lines);
    }

    private static List<Batch> ndjson(List<String> lines) {
        List<Batch> batches = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int first = 0;
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (count > 0 && (count >= MAX_BATCH_ITEMS || body.length() + line.length() + 1 > MAX_BATCH_BYTES)) {
                batches.add(new Batch(body.toString(), "application/x-ndjson", count, first));
                body.setLength(0);
                first = i;
                count = 0;
            }
            body.append(line).append('\n');
            count++;
        }
        if (count > 0) {
            batches.add(new Batch(body.toString(), "application/x-ndjson", count, first));
        }
        return batches;
    }
}
