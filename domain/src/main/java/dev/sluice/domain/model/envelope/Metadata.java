package dev.sluice.domain.model.envelope;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The envelope's infrastructure context (seed 000): {@code host}, {@code env} and {@code service}
 * are required; other keys are allowed so that producers need not bump the schema for them.
 *
 * @param host the physical or logical host that emitted the event
 * @param env the deployment environment (prod, staging, dev, ...)
 * @param service the owning service or pipeline
 * @param extra every other metadata key, as text
 */
public record Metadata(String host, String env, String service, Map<String, String> extra) {

    public static final java.util.Set<String> REQUIRED_KEYS = java.util.Set.of("host", "env", "service");

    public Metadata {
        host = requireText(host, "host");
        env = requireText(env, "env");
        service = requireText(service, "service");
        requireNonNull(extra, "extra is null");
        extra = extra.isEmpty() ? Map.of() : copyOf(extra);
    }

    private static Map<String, String> copyOf(Map<String, String> extra) {
        if (extra.size() == 1) {
            // The common case of a mapped source (one extra field, app_version say): one small immutable map.
            Map.Entry<String, String> e = extra.entrySet().iterator().next();
            checkExtra(e.getKey(), e.getValue());
            return Map.of(e.getKey(), e.getValue());
        }
        Map<String, String> copy = new LinkedHashMap<>(Math.max(4, (int) (extra.size() / 0.75f) + 1));
        extra.forEach((k, v) -> copy.put(checkExtra(k, v), v));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** {@code key}, after checking that it is not a required key and that neither it nor its value is null. */
    private static String checkExtra(String key, String value) {
        requireNonNull(key, "metadata key is null");
        if (REQUIRED_KEYS.contains(key)) {
            throw new IllegalArgumentException("metadata." + key + " is a required key, not an extra one");
        }
        if (value == null) {
            throw new NullPointerException("metadata." + key + " is null");
        }
        return key;
    }

    public static Metadata of(String host, String env, String service) {
        return new Metadata(host, env, service, Map.of());
    }

    /** All keys, required first, as one map (the lake stores metadata as a map). */
    public Map<String, String> asMap() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("host", host);
        all.put("env", env);
        all.put("service", service);
        all.putAll(extra);
        return all;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("metadata." + name + " is required and must not be blank");
        }
        return value;
    }
}
