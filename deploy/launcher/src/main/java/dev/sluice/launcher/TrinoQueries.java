package dev.sluice.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs one SQL statement through Trino's HTTP protocol ({@code POST /v1/statement}, then follow
 * {@code nextUri}). Enough for status figures and readiness probes without trino-jdbc's weight;
 * interactive SQL goes through Trino's own CLI.
 */
final class TrinoQueries {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI server;

    TrinoQueries(URI server) {
        this.server = server;
    }

    /** The rows of {@code sql}, each a list of JSON values; a failed query throws with Trino's message. */
    List<List<JsonNode>> query(String sql, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            HttpRequest request = HttpRequest.newBuilder(server.resolve("/v1/statement"))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Trino-User", "sluice")
                    .header("X-Trino-Source", "sluice-launcher")
                    .POST(HttpRequest.BodyPublishers.ofString(sql))
                    .build();
            JsonNode page = send(request);
            List<List<JsonNode>> rows = new ArrayList<>();
            while (true) {
                JsonNode error = page.get("error");
                if (error != null && !error.isNull()) {
                    throw new TrinoQueryException(error.path("message").asText("query failed"), error.path("errorName").asText(""));
                }
                JsonNode data = page.get("data");
                if (data != null) {
                    for (JsonNode row : data) {
                        List<JsonNode> values = new ArrayList<>();
                        row.forEach(values::add);
                        rows.add(values);
                    }
                }
                JsonNode next = page.get("nextUri");
                if (next == null || next.isNull()) {
                    return rows;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new TrinoQueryException("Query took longer than " + timeout.toSeconds() + " s: " + sql, "TIMEOUT");
                }
                page = send(HttpRequest.newBuilder(URI.create(next.asText())).timeout(Duration.ofSeconds(10))
                        .header("X-Trino-User", "sluice").GET().build());
            }
        } catch (IOException e) {
            throw new TrinoQueryException("Trino at " + server + " does not answer (" + e.getMessage() + "). Is the platform up? Try ./sluice up", "UNREACHABLE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrinoQueryException("Interrupted", "INTERRUPTED");
        }
    }

    private static JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503 || response.statusCode() == 429) {
            ServiceProcess.sleep(200);
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200) {
            throw new TrinoQueryException("Trino answered HTTP " + response.statusCode() + ": " + response.body(), "HTTP_" + response.statusCode());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** A query that failed, with Trino's error name ({@code TABLE_NOT_FOUND}, ...). */
    static final class TrinoQueryException extends RuntimeException {
        private final String errorName;

        TrinoQueryException(String message, String errorName) {
            super(message);
            this.errorName = errorName;
        }

        String errorName() {
            return errorName;
        }
    }
}
