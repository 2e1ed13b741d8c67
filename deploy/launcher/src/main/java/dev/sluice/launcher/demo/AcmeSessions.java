package dev.sluice.launcher.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * ACME video sessions (seed 002): each session is a consistent chain start, (pause, resume)*, then
 * stop or complete, with the same customer, device, title and network throughout. The values
 * follow the seed's rules: a start or resume has no watch time, buffering time needs buffering
 * events and fits in the watch time, 4K needs 15 Mbps, completion is position over title length.
 */
final class AcmeSessions {
    private static final String[] DEVICE_TYPES = {"mobile", "web", "tv", "tablet"};
    private static final String[][] OS = {{"iOS", "Android"}, {"Windows", "macOS", "Linux"}, {"tvOS", "Tizen", "webOS"}, {"iPadOS", "Android"}};
    private static final String[][] PLACES = {
            {"United States", "California", "Los Angeles"}, {"United States", "New York", "New York"},
            {"United States", "Texas", "Austin"}, {"Canada", "Ontario", "Toronto"}, {"United Kingdom", null, "London"},
            {"Germany", "Bavaria", "Munich"}, {"Brazil", "São Paulo", "São Paulo"}, {"Japan", "Tokyo", "Tokyo"}};
    private static final String[] ISPS = {"Comcast", "Verizon", "AT&T", "Rogers", "BT", "Deutsche Telekom", "Vivo", "NTT"};
    private static final String[] CONNECTIONS = {"wifi", "mobile", "fiber", "cable", "dsl", "satellite"};
    private static final int CUSTOMERS = 300;
    private static final int CONCURRENT_SESSIONS = 40;

    private record Customer(String customerId, String deviceId, String deviceType, String os, String appVersion,
            String ip, String isp, String connection, String[] place) {}

    private static final class Session {
        final Customer customer;
        final String sessionId;
        final String titleId;
        final int titleSeconds;
        final String quality;
        final double bandwidth;
        int position;
        int watchedSinceStart;
        boolean paused;

        Session(Customer customer, String sessionId, String titleId, int titleSeconds, String quality, double bandwidth, int position) {
            this.customer = customer;
            this.sessionId = sessionId;
            this.titleId = titleId;
            this.titleSeconds = titleSeconds;
            this.quality = quality;
            this.bandwidth = bandwidth;
            this.position = position;
        }
    }

    private final RandomGenerator random;
    private final List<Customer> customers = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();

    AcmeSessions(RandomGenerator random) {
        this.random = random;
        for (int i = 0; i < CUSTOMERS; i++) {
            int type = random.nextInt(DEVICE_TYPES.length);
            customers.add(new Customer(Ids.acme("CUST", random), Ids.acme("DEVICE", random), DEVICE_TYPES[type],
                    OS[type][random.nextInt(OS[type].length)],
                    (4 + random.nextInt(3)) + "." + random.nextInt(10) + "." + random.nextInt(20),
                    "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)),
                    ISPS[random.nextInt(ISPS.length)], CONNECTIONS[random.nextInt(CONNECTIONS.length)],
                    PLACES[random.nextInt(PLACES.length)]));
        }
    }

    /** The next event of some session, as the flat seed-002 record. */
    Map<String, Object> next(Instant now) {
        if (sessions.size() < CONCURRENT_SESSIONS && (sessions.isEmpty() || random.nextDouble() < 0.25)) {
            return start(now);
        }
        Session session = sessions.get(random.nextInt(sessions.size()));
        if (session.paused) {
            session.paused = false;
            session.watchedSinceStart = 0;
            return event(session, "resume", now, 0, 0, 0);
        }
        int watched = 30 + random.nextInt(570);
        session.position = Math.min(session.titleSeconds, session.position + watched);
        session.watchedSinceStart += watched;
        int bufferingEvents = random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(4);
        int bufferingSeconds = bufferingEvents == 0 ? 0 : Math.min(session.watchedSinceStart, bufferingEvents * (1 + random.nextInt(8)));
        int errors = random.nextDouble() < 0.9 ? 0 : 1 + random.nextInt(2);
        String type;
        if (session.position >= session.titleSeconds * 0.92) {
            type = "complete";
            session.position = session.titleSeconds - random.nextInt(Math.max(1, (int) (session.titleSeconds * 0.05)));
        } else if (random.nextDouble() < 0.7) {
            type = "pause";
        } else {
            type = "stop";
        }
        Map<String, Object> event = event(session, type, now, session.watchedSinceStart, bufferingEvents, bufferingSeconds);
        event.put("error_count", errors);
        if ("pause".equals(type)) {
            session.paused = true;
        } else {
            sessions.remove(session);
        }
        return event;
    }

    private Map<String, Object> start(Instant now) {
        Customer customer = customers.get(random.nextInt(customers.size()));
        double bandwidth = Math.round((2 + random.nextDouble() * 198) * 10) / 10.0;
        String quality = bandwidth >= 15 && random.nextDouble() < 0.35 ? "4K" : bandwidth >= 5 ? "HD" : "SD";
        int titleSeconds = (20 + random.nextInt(160)) * 60;
        int position = random.nextDouble() < 0.2 ? random.nextInt(titleSeconds / 2) : 0;
        Session session = new Session(customer, Ids.acme("SESSION", random), Ids.acme("TITLE", random), titleSeconds, quality, bandwidth, position);
        sessions.add(session);
        return event(session, "start", now, 0, 0, 0);
    }

    private Map<String, Object> event(Session s, String type, Instant now, int watch, int bufferingEvents, int bufferingSeconds) {
        Customer c = s.customer;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", Ids.acme("EVENT", random));
        e.put("customer_id", c.customerId());
        e.put("title_id", s.titleId);
        e.put("session_id", s.sessionId);
        e.put("event_type", type);
        e.put("event_timestamp", Anomalies.eventTime(random, now).toString());
        e.put("watch_duration_seconds", watch);
        e.put("position_seconds", s.position);
        e.put("completion_percentage", Math.min(100.0, Math.round(s.position * 1000.0 / s.titleSeconds) / 10.0));
        e.put("device_type", c.deviceType());
        e.put("device_id", c.deviceId());
        e.put("device_os", c.os());
        e.put("app_version", c.appVersion());
        e.put("quality", s.quality);
        e.put("bandwidth_mbps", s.bandwidth);
        e.put("buffering_events", bufferingEvents);
        e.put("buffering_duration_seconds", bufferingSeconds);
        e.put("error_count", 0);
        e.put("ip_address", c.ip());
        e.put("country", c.place()[0]);
        if (c.place()[1] != null) {
            e.put("state", c.place()[1]);
        }
        e.put("city", c.place()[2]);
        e.put("isp", c.isp());
        e.put("connection_type", c.connection());
        if (Anomalies.invalid(random)) {
            breakRule(e);
        }
        return e;
    }

    /** One of seed 002's rules broken, as buggy clients do. */
    private void breakRule(Map<String, Object> e) {
        switch (random.nextInt(4)) {
            case 0 -> {
                e.put("quality", "4K");
                e.put("bandwidth_mbps", 4.5);
            }
            case 1 -> e.put("completion_percentage", 130.0);
            case 2 -> e.put("device_type", "smartwatch");
            default -> e.put("ip_address", "999.1.2.3");
        }
    }
}
