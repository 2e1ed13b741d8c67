package dev.sluice.launcher;

import java.net.URI;
import java.nio.file.Files;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@code endpoints.json} says about a platform that is running now; the commands that need one start here. */
record RunningPlatform(DataDir dir, JsonNode endpoints) {

    static RunningPlatform require(DataDir dir) {
        if (dir.runningLauncher().isEmpty() || !Files.exists(dir.endpoints())) {
            throw new LauncherException("Sluice is not running from " + dir.root() + ". Start it with ./sluice up"
                    + (dir.root().endsWith(".sluice") ? "" : " --data-dir " + dir.root()) + " (add --detach to get the terminal back)");
        }
        JsonNode endpoints = Json.read(dir.endpoints());
        if (!"ready".equals(endpoints.path("state").asText())) {
            throw new LauncherException("Sluice is still starting from " + dir.root() + " (state: " + endpoints.path("state").asText()
                    + "). Wait for the ready block, or follow " + dir.logs().resolve("sluice.log"));
        }
        return new RunningPlatform(dir, endpoints);
    }

    String text(String field) {
        return endpoints.path(field).asText();
    }

    URI collectorEvents() {
        return URI.create(text("collector_events_url"));
    }

    URI trino() {
        return URI.create(text("trino_url"));
    }

    String producerKey() {
        return endpoints.path("keys").path("producer").asText();
    }

    String service(String name) {
        return endpoints.path("services").path(name).asText("unknown");
    }
}
