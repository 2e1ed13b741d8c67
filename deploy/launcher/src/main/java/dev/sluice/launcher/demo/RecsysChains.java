package dev.sluice.launcher.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Recommendation telemetry (seed 001) as envelope v1 events from source {@code recsys-api}: a
 * request, then its ranking, impressions of the top items and sometimes a click, all sharing the
 * UUID v4 {@code request_id}, the hashed 64-hex {@code user_id}, the experiment and the bucket;
 * or, for a small share, a request followed by an error event.
 */
final class RecsysChains {
    private static final String[] SURFACES = {"home", "search", "detail", "cart", "email"};
    private static final String[] DEVICES = {"mobile", "web", "tv", "tablet"};
    private static final String[] ALGORITHMS = {"popularity", "collaborative", "content", "hybrid"};
    private static final String[] ENGAGEMENTS = {"click", "add_to_cart", "purchase", "share", "save"};
    private static final String[] COMPONENTS = {"api", "candidate_generator", "ranker", "feature_store", "logger"};
    private static final String[] ERROR_CODES = {"RANKER_TIMEOUT", "FEATURE_STORE_UNAVAILABLE", "CANDIDATES_EMPTY", "UPSTREAM_5XX"};
    private static final String[] LOCALES = {"en-US", "en-GB", "de-DE", "fr-FR", "pt-BR", "ja-JP"};
    private static final String[] REGIONS = {"us-west", "us-east", "eu-central", "eu-west", "sa-east", "ap-northeast"};

    private final RandomGenerator random;

    RecsysChains(RandomGenerator random) {
        this.random = random;
    }

    /** One chain of envelopes, in event-time order. */
    List<Map<String, Object>> next(Instant now) {
        List<Map<String, Object>> chain = new ArrayList<>();
        String requestId = UUID.randomUUID().toString();
        int userNumber = random.nextInt(5_000);
        String userId = Ids.sha256Hex("user-" + userNumber);
        String sessionId = Ids.sha256Hex("session-" + userNumber + "-" + (now.getEpochSecond() / 1800));
        String experiment = "exp-homepage-ranker-" + (1 + random.nextInt(3));
        String bucket = random.nextBoolean() ? "control" : "treatment";
        String surface = SURFACES[random.nextInt(SURFACES.length)];
        String device = DEVICES[random.nextInt(DEVICES.length)];
        int k = 5 + random.nextInt(16);
        Instant t = Anomalies.eventTime(random, now);

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("request_id", requestId);
        request.put("user_id", userId);
        request.put("session_id", sessionId);
        request.put("timestamp_ms", t.toEpochMilli());
        request.put("experiment_id", experiment);
        request.put("bucket", bucket);
        request.put("k", k);
        request.put("surface", surface);
        request.put("filters", Map.of("category", random.nextBoolean() ? "books" : "electronics"));
        request.put("region", REGIONS[random.nextInt(REGIONS.length)]);
        request.put("locale", LOCALES[random.nextInt(LOCALES.length)]);
        request.put("device_type", device);
        if (Anomalies.invalid(random)) {
            request.put("user_id", "user-" + userNumber);
        }
        chain.add(envelope("request", t, request));

        if (random.nextDouble() < 0.05) {
            Map<String, Object> error = new LinkedHashMap<>();
            Instant te = t.plusMillis(20 + random.nextInt(500));
            error.put("timestamp_ms", te.toEpochMilli());
            error.put("component", COMPONENTS[random.nextInt(COMPONENTS.length)]);
            error.put("severity", random.nextDouble() < 0.1 ? "critical" : "error");
            error.put("error_code", ERROR_CODES[random.nextInt(ERROR_CODES.length)]);
            error.put("message", "ranking failed for request " + requestId);
            error.put("request_id", requestId);
            error.put("user_id", userId);
            chain.add(envelope("error", te, error));
            return chain;
        }

        int latency = 15 + random.nextInt(250);
        Instant tr = t.plusMillis(latency);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int position = 1; position <= k; position++) {
            items.add(Map.of("canonical_id", "item-" + random.nextInt(20_000), "position", position,
                    "score", Math.round((1.0 - position * 0.03 - random.nextDouble() * 0.01) * 1000) / 1000.0));
        }
        Map<String, Object> ranking = new LinkedHashMap<>();
        ranking.put("request_id", requestId);
        ranking.put("user_id", userId);
        ranking.put("timestamp_ms", tr.toEpochMilli());
        ranking.put("experiment_id", experiment);
        ranking.put("bucket", bucket);
        ranking.put("algorithm", ALGORITHMS[random.nextInt(ALGORITHMS.length)]);
        ranking.put("alpha", Math.round(random.nextDouble() * 100) / 100.0);
        ranking.put("latency_ms", latency);
        ranking.put("coverage", Math.round((0.6 + random.nextDouble() * 0.4) * 1000) / 1000.0);
        ranking.put("k", k);
        ranking.put("items", items);
        chain.add(envelope("ranking", tr, ranking));

        int visible = Math.min(k, 3 + random.nextInt(3));
        Instant ti = tr.plusMillis(200 + random.nextInt(800));
        Map<String, Object> clicked = null;
        for (int i = 0; i < visible; i++) {
            Map<String, Object> item = items.get(i);
            Map<String, Object> impression = new LinkedHashMap<>();
            impression.put("request_id", requestId);
            impression.put("user_id", userId);
            impression.put("session_id", sessionId);
            impression.put("timestamp_ms", ti.toEpochMilli());
            impression.put("canonical_id", item.get("canonical_id"));
            impression.put("position", item.get("position"));
            impression.put("visible_ms", 300 + random.nextInt(8_000));
            impression.put("surface", surface);
            impression.put("device_type", device);
            chain.add(envelope("impression", ti, impression));
            if (clicked == null && random.nextDouble() < 0.08) {
                clicked = item;
            }
        }
        if (clicked != null) {
            Instant tc = ti.plusMillis(500 + random.nextInt(10_000));
            Map<String, Object> click = new LinkedHashMap<>();
            click.put("request_id", requestId);
            click.put("user_id", userId);
            click.put("session_id", sessionId);
            click.put("timestamp_ms", tc.toEpochMilli());
            click.put("canonical_id", clicked.get("canonical_id"));
            click.put("position", clicked.get("position"));
            click.put("engagement_type", ENGAGEMENTS[random.nextInt(ENGAGEMENTS.length)]);
            click.put("dwell_ms", 1_000 + random.nextInt(120_000));
            click.put("device_type", device);
            chain.add(envelope("click", tc, click));
        }
        return chain;
    }

    private Map<String, Object> envelope(String type, Instant time, Map<String, Object> payload) {
        return Envelopes.envelope(UUID.randomUUID().toString(), "recsys-api", type, time, payload,
                "recsys-api-" + (1 + random.nextInt(3)), "recsys-api");
    }
}
