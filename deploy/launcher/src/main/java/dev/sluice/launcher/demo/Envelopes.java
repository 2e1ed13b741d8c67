package dev.sluice.launcher.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Envelope v1 (seed 000), and generic events from two of the seed's example sources:
 * {@code payment-service} (logs, metrics, audits and errors of a payment API) and
 * {@code iot-gateway-west} (sensor readings forwarded by a gateway).
 */
final class Envelopes {
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "BRL", "JPY"};
    private static final String[] PAYMENT_STATUS = {"authorized", "captured", "declined", "refunded"};
    private static final String[] SENSORS = {"temp", "humidity", "pressure", "co2"};

    private final RandomGenerator random;

    Envelopes(RandomGenerator random) {
        this.random = random;
    }

    static Map<String, Object> envelope(String eventId, String source, String type, Instant time, Map<String, Object> payload,
            String host, String service) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", eventId);
        e.put("source", source);
        e.put("event_type", type);
        e.put("event_timestamp", time.toString());
        e.put("payload", payload);
        e.put("metadata", Map.of("host", host, "env", "demo", "service", service));
        return e;
    }

    Map<String, Object> payment(Instant now) {
        double roll = random.nextDouble();
        String type = roll < 0.55 ? "log" : roll < 0.8 ? "metric" : roll < 0.95 ? "audit" : "error";
        Map<String, Object> payload = new LinkedHashMap<>();
        switch (type) {
            case "log" -> {
                payload.put("level", "INFO");
                payload.put("message", "payment " + PAYMENT_STATUS[random.nextInt(PAYMENT_STATUS.length)]);
                payload.put("amount_cents", 100 + random.nextInt(50_000));
                payload.put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)]);
            }
            case "metric" -> {
                payload.put("name", "http.server.latency_ms");
                payload.put("value", Math.round(random.nextGaussian(120, 40) * 10) / 10.0);
                payload.put("route", random.nextBoolean() ? "/v1/payments" : "/v1/refunds");
            }
            case "audit" -> {
                payload.put("actor", "svc-checkout");
                payload.put("action", random.nextBoolean() ? "payment.capture" : "payment.refund");
                payload.put("payment_id", "pay_" + UUID.randomUUID().toString().substring(0, 12));
            }
            default -> {
                payload.put("error_code", random.nextBoolean() ? "PSP_TIMEOUT" : "CARD_DECLINED");
                payload.put("message", "upstream payment processor error");
                payload.put("retryable", random.nextBoolean());
            }
        }
        Map<String, Object> e = envelope(UUID.randomUUID().toString(), "payment-service", type, Anomalies.eventTime(random, now), payload,
                "payment-" + (1 + random.nextInt(4)), "payments-api");
        if (Anomalies.invalid(random)) {
            // A producer that forgot the envelope's metadata: the envelope itself is always validated.
            e.remove("metadata");
        }
        return e;
    }

    Map<String, Object> iot(Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        String sensor = SENSORS[random.nextInt(SENSORS.length)];
        payload.put("device", "sensor-west-" + random.nextInt(64));
        payload.put("sensor", sensor);
        payload.put("value", switch (sensor) {
            case "temp" -> Math.round(random.nextGaussian(21, 3) * 10) / 10.0;
            case "humidity" -> Math.round(random.nextGaussian(45, 8) * 10) / 10.0;
            case "pressure" -> Math.round(random.nextGaussian(1013, 5) * 10) / 10.0;
            default -> (double) Math.round(random.nextGaussian(600, 120));
        });
        payload.put("battery_pct", 20 + random.nextInt(80));
        String type = random.nextDouble() < 0.9 ? "metric" : "log";
        Map<String, Object> e = envelope(UUID.randomUUID().toString(), "iot-gateway-west", type, Anomalies.eventTime(random, now), payload,
                "gw-west-" + (1 + random.nextInt(2)), "iot-gateway");
        if (Anomalies.invalid(random)) {
            e.put("event_timestamp", "yesterday at noon");
        }
        return e;
    }
}
