package dev.sluice.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DemoGeneratorsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void acmeSessionsStartFirstAndKeepTheirCustomerDeviceAndTitle() {
        AcmeSessions sessions = new AcmeSessions(new SplittableRandom(7));
        Map<String, Map<String, Object>> firstOfSession = new HashMap<>();

        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> event = sessions.next(NOW);
            Map<String, Object> first = firstOfSession.putIfAbsent((String) event.get("session_id"), event);
            if (first == null) {
                assertThat(event.get("event_type")).isEqualTo("start");
            } else {
                assertThat(event.get("customer_id")).isEqualTo(first.get("customer_id"));
                assertThat(event.get("device_id")).isEqualTo(first.get("device_id"));
                assertThat(event.get("title_id")).isEqualTo(first.get("title_id"));
            }
            assertThat((String) event.get("event_id")).matches("EVENT_[0-9A-Za-z]{8}");
        }
    }

    @Test
    void allButTheDeliberatelyBrokenShareFollowSeed002sRules() {
        AcmeSessions sessions = new AcmeSessions(new SplittableRandom(11));
        int broken = 0;
        int total = 10_000;
        for (int i = 0; i < total; i++) {
            if (!followsRules(sessions.next(NOW))) {
                broken++;
            }
        }
        // Anomalies.INVALID is 1 %: a quarter of those break a rule checked here, the rest another constraint.
        assertThat(broken).isLessThan(total * 2 / 100);
    }

    private static boolean followsRules(Map<String, Object> e) {
        int watch = (Integer) e.get("watch_duration_seconds");
        int bufferingEvents = (Integer) e.get("buffering_events");
        int bufferingSeconds = (Integer) e.get("buffering_duration_seconds");
        double bandwidth = (Double) e.get("bandwidth_mbps");
        double completion = (Double) e.get("completion_percentage");
        return (!"start".equals(e.get("event_type")) || watch == 0)
                && (bufferingEvents != 0 || bufferingSeconds == 0)
                && (!"4K".equals(e.get("quality")) || bandwidth >= 15.0)
                && bufferingSeconds <= watch
                && completion >= 0 && completion <= 100
                && List.of("mobile", "web", "tv", "tablet").contains(e.get("device_type"))
                && ((String) e.get("ip_address")).matches("(\\d{1,3}\\.){3}\\d{1,3}") && !((String) e.get("ip_address")).startsWith("999");
    }

    @Test
    @SuppressWarnings("unchecked")
    void recommendationChainsShareOneUuidV4RequestIdAndAHashedUserId() {
        RecsysChains chains = new RecsysChains(new SplittableRandom(3));
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            List<Map<String, Object>> chain = chains.next(NOW);
            assertThat(chain.getFirst().get("event_type")).isEqualTo("request");
            assertThat(chain).extracting(e -> e.get("event_type")).isSubsetOf("request", "ranking", "impression", "click", "error");
            String requestId = (String) ((Map<String, Object>) chain.getFirst().get("payload")).get("request_id");
            assertThat(UUID.fromString(requestId).version()).isEqualTo(4);
            for (Map<String, Object> event : chain) {
                Map<String, Object> payload = (Map<String, Object>) event.get("payload");
                assertThat(payload.get("request_id")).isEqualTo(requestId);
                assertThat(event.get("source")).isEqualTo("recsys-api");
                assertThat(event).containsKeys("event_id", "event_timestamp", "metadata");
            }
            all.addAll(chain);
        }
        long hashed = all.stream().map(e -> (String) ((Map<String, Object>) e.get("payload")).get("user_id"))
                .filter(id -> id != null && id.matches("[0-9a-f]{64}")).count();
        assertThat(hashed).isGreaterThan(all.size() * 95L / 100);
    }
}
