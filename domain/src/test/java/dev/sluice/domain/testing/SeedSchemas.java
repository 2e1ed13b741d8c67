package dev.sluice.domain.testing;

import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.PiiClass;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.SchemaStatus;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;

import java.util.List;

/**
 * The seeds' schemas written in the canonical model, as shared test data (seed 002's ACME video
 * event, seed 001's five recommendation events). Every schema is version 1, ACTIVE.
 *
 * <p>The expressions of their rules are known to {@link TestRuleCompiler}.
 */
public final class SeedSchemas {

    /**
     * Seed 002's ACME subject {@code acme-telemetry}: one schema for the whole source, covering all
     * five of its event types (start, stop, pause, resume, complete), as the registry registers it.
     */
    public static final Subject ACME_VIDEO = Subject.ofSource("acme-telemetry");

    public static final String RULE_START_HAS_NO_WATCH_TIME = "start_has_no_watch_time";
    public static final String RULE_NO_BUFFERING_NO_BUFFER_TIME = "no_buffering_events_no_buffering_time";
    public static final String RULE_4K_NEEDS_BANDWIDTH = "4k_needs_15_mbps";
    public static final String RULE_BUFFERING_WITHIN_WATCH_TIME = "buffering_within_watch_time";
    public static final String RULE_RANKING_AT_MOST_K_ITEMS = "ranking_at_most_k_items";

    static final String EXPR_START_HAS_NO_WATCH_TIME = "event_type != 'start' || watch_duration_seconds == 0";
    static final String EXPR_NO_BUFFERING_NO_BUFFER_TIME = "buffering_events != 0 || buffering_duration_seconds == 0";
    static final String EXPR_4K_NEEDS_BANDWIDTH = "quality != '4K' || bandwidth_mbps >= 15.0";
    static final String EXPR_BUFFERING_WITHIN_WATCH_TIME = "buffering_duration_seconds <= watch_duration_seconds";
    static final String EXPR_RANKING_AT_MOST_K_ITEMS = "size(items) <= k";

    /**
     * The ACME id shape. Seed 002 calls the ids "8-char-hex", but its own sample record has
     * {@code CUST_5e6f7g8h}, {@code TITLE_9i0j1k2l}, {@code SESSION_3m4n5o6p} and {@code DEVICE_7q8r9s0t},
     * which are not hex: the producers evidently emit 8 ASCII letters or digits. The schema follows
     * what the producers send, for all five ids alike (ADR "ACME id patterns").
     */
    static final String ID_SUFFIX = "[0-9A-Za-z]{8}";

    private SeedSchemas() {
    }

    /**
     * Seed 002's ACME video-streaming event: all 24 fields (23 required, {@code state} optional),
     * closed (no silent drift), BACKWARD, with the seed's four logical rules.
     *
     * <p>PII: {@code customer_id} and {@code device_id} are LOW (pseudonymous, persistent ids, like
     * seed 001's hashed user_id); {@code ip_address} is HIGH (a raw network address that locates a
     * person).
     */
    public static SchemaVersion acmeVideo() {
        List<Field> fields = List.of(
                id("event_id", "EVENT_", PiiClass.NONE, "Unique identifier of the telemetry event."),
                id("customer_id", "CUST_", PiiClass.LOW, "Customer or account; the Kafka partition key."),
                id("title_id", "TITLE_", PiiClass.NONE, "Content identifier."),
                id("session_id", "SESSION_", PiiClass.NONE, "Streaming session."),
                req("event_type", FieldType.STRING, Constraints.enumOf("start", "stop", "pause", "resume", "complete"),
                        "Type of streaming event."),
                req("event_timestamp", FieldType.TIMESTAMP, Constraints.NONE, "UTC time the event occurred."),
                req("watch_duration_seconds", FieldType.LONG, Constraints.range(0, 86_400), "Seconds watched in session."),
                req("position_seconds", FieldType.LONG, Constraints.range(0, 86_400), "Current playback position."),
                req("completion_percentage", FieldType.DOUBLE, Constraints.range(0.0, 100.0), "Share of content watched."),
                req("device_type", FieldType.STRING, Constraints.enumOf("mobile", "web", "tv", "tablet"), "Device category."),
                Field.builder("device_id", FieldType.STRING).required(true)
                        .constraints(Constraints.pattern("DEVICE_" + ID_SUFFIX)).pii(PiiClass.LOW)
                        .doc("Persistent device identifier.").build(),
                req("device_os", FieldType.STRING, Constraints.NONE.withLength(1, 64), "Operating system."),
                req("app_version", FieldType.STRING, Constraints.format(Format.SEMVER), "Application version X.Y.Z."),
                req("quality", FieldType.STRING, Constraints.enumOf("SD", "HD", "4K"), "Video quality level."),
                req("bandwidth_mbps", FieldType.DOUBLE, Constraints.range(0.0, 1000.0), "Available bandwidth in Mbps."),
                req("buffering_events", FieldType.LONG, Constraints.range(0, 1000), "Number of buffering events."),
                req("buffering_duration_seconds", FieldType.LONG, Constraints.range(0, 3600), "Total buffering time."),
                req("error_count", FieldType.LONG, Constraints.range(0, 100), "Errors encountered."),
                Field.builder("ip_address", FieldType.STRING).required(true)
                        .constraints(Constraints.format(Format.IPV4)).pii(PiiClass.HIGH)
                        .doc("Client IPv4 address.").build(),
                req("isp", FieldType.STRING, Constraints.NONE.withLength(1, 128), "Internet service provider."),
                req("connection_type", FieldType.STRING,
                        Constraints.enumOf("wifi", "mobile", "fiber", "cable", "dsl", "satellite"), "Connection type."),
                req("country", FieldType.STRING, Constraints.NONE.withLength(1, 128), "Viewer's country."),
                Field.builder("state", FieldType.STRING).constraints(Constraints.NONE.withLength(1, 128))
                        .doc("Viewer's state or province; optional.").build(),
                req("city", FieldType.STRING, Constraints.NONE.withLength(1, 128), "Viewer's city."));
        List<Rule> rules = List.of(
                Rule.cel(RULE_START_HAS_NO_WATCH_TIME, "a start event has watch_duration_seconds = 0",
                        EXPR_START_HAS_NO_WATCH_TIME),
                Rule.cel(RULE_NO_BUFFERING_NO_BUFFER_TIME,
                        "without buffering events there is no buffering time", EXPR_NO_BUFFERING_NO_BUFFER_TIME),
                Rule.cel(RULE_4K_NEEDS_BANDWIDTH, "4K quality needs at least 15 Mbps", EXPR_4K_NEEDS_BANDWIDTH),
                Rule.cel(RULE_BUFFERING_WITHIN_WATCH_TIME,
                        "buffering time cannot exceed watch time", EXPR_BUFFERING_WITHIN_WATCH_TIME));
        return new SchemaVersion(ACME_VIDEO, 1, fields, rules, true, SchemaStatus.ACTIVE, CompatibilityMode.BACKWARD,
                "ACME video telemetry (seed 002), schema 1.0.0");
    }

    /** Seed 002's sample record, member for member. */
    public static ObjectValue acmeSampleRecord() {
        return ObjectValue.builder()
                .put("event_id", "EVENT_a1b2c3d4")
                .put("customer_id", "CUST_5e6f7g8h")
                .put("title_id", "TITLE_9i0j1k2l")
                .put("session_id", "SESSION_3m4n5o6p")
                .put("event_type", "start")
                .put("event_timestamp", "2025-08-11T14:30:45.123Z")
                .put("watch_duration_seconds", 0L)
                .put("position_seconds", 0L)
                .put("completion_percentage", 0.0)
                .put("device_type", "mobile")
                .put("device_id", "DEVICE_7q8r9s0t")
                .put("device_os", "iOS")
                .put("app_version", "5.2.1")
                .put("quality", "HD")
                .put("bandwidth_mbps", 25.5)
                .put("buffering_events", 0L)
                .put("buffering_duration_seconds", 0L)
                .put("error_count", 0L)
                .put("ip_address", "192.168.1.100")
                .put("country", "United States")
                .put("state", "California")
                .put("city", "Los Angeles")
                .put("isp", "Comcast")
                .put("connection_type", "wifi")
                .build();
    }

    /** The seed 002 sample with some members replaced or added; handy for crafting invalid records. */
    public static ObjectValue acmeSampleWith(ObjectValue overrides) {
        ObjectValue.Builder b = ObjectValue.builder();
        acmeSampleRecord().members().forEach(b::put);
        overrides.members().forEach(b::put);
        return b.build();
    }

    // ---------------------------------------------------------------- seed 001: recommendations

    public static final String RECSYS = "recsys-api";

    /**
     * Seed 001's request event: a recommendation request with user context and filters.
     * Fields: request_id (UUID v4), user_id (64 hex, SHA-256, PII LOW), optional session_id (64 hex, PII
     * LOW), timestamp_ms (epoch millis), experiment_id, bucket (control, treatment), k (1 to 100),
     * surface, optional filters (a map of strings), optional region and locale (PII LOW), device_type
     * (PII LOW).
     */
    public static SchemaVersion recsysRequest() {
        return recsys("request", List.of(
                requestId(), userId(true), sessionId(false), timestampMs(), experimentId(), bucket(),
                req("k", FieldType.LONG, Constraints.range(1, 100), "How many items were requested."),
                surface(),
                Field.builder("filters", FieldType.MAP)
                        .element(Field.builder("filters{}", FieldType.STRING)
                                .constraints(Constraints.NONE.withLength(0, 256)).build())
                        .doc("Caller's filters, name to value.").build(),
                Field.builder("region", FieldType.STRING).pii(PiiClass.LOW)
                        .constraints(Constraints.NONE.withLength(1, 64)).doc("Coarse region of the user.").build(),
                Field.builder("locale", FieldType.STRING).pii(PiiClass.LOW)
                        .constraints(Constraints.pattern("[a-z]{2}(-[A-Z]{2})?")).doc("BCP 47 language tag, e.g. en-US.").build(),
                deviceType()), List.of(), "Recommendation request (seed 001).");
    }

    /**
     * Seed 001's ranking event: the response with ranked items and performance. Fields: request_id,
     * user_id, timestamp_ms, experiment_id, bucket, algorithm (enum), alpha (blend weight 0 to 1),
     * latency_ms (0 to 60000), coverage (0 to 1), k, and items: a list of {canonical_id, position
     * (1-based), score}. Its rule {@code size(items) <= k} is seed 001's "items array with correct
     * length", read as "never more items than requested".
     */
    public static SchemaVersion recsysRanking() {
        Field item = Field.builder("items[]", FieldType.STRUCT).required(true).children(List.of(
                Field.builder("items[].canonical_id", FieldType.STRING).required(true)
                        .constraints(Constraints.NONE.withLength(1, 128)).build(),
                Field.builder("items[].position", FieldType.LONG).required(true)
                        .constraints(Constraints.range(1, 1000)).build(),
                Field.builder("items[].score", FieldType.DOUBLE).build())).closed(true).build();
        return recsys("ranking", List.of(
                requestId(), userId(true), timestampMs(), experimentId(), bucket(),
                req("algorithm", FieldType.STRING, Constraints.enumOf("popularity", "collaborative", "content", "hybrid"),
                        "Algorithm that produced the ranking."),
                req("alpha", FieldType.DOUBLE, Constraints.range(0.0, 1.0), "Blend weight of the hybrid ranker."),
                req("latency_ms", FieldType.LONG, Constraints.range(0, 60_000), "Time to rank, in milliseconds."),
                req("coverage", FieldType.DOUBLE, Constraints.range(0.0, 1.0), "Share of the catalogue eligible."),
                req("k", FieldType.LONG, Constraints.range(1, 100), "How many items were requested."),
                Field.builder("items", FieldType.LIST).required(true).element(item)
                        .constraints(Constraints.NONE.withLength(0, 100)).doc("Ranked items, best first.").build()),
                List.of(Rule.cel(RULE_RANKING_AT_MOST_K_ITEMS, "a ranking has at most k items", EXPR_RANKING_AT_MOST_K_ITEMS)),
                "Recommendation ranking (seed 001).");
    }

    /**
     * Seed 001's impression event: an item shown to the user. Fields: request_id, user_id, session_id
     * (required), timestamp_ms, canonical_id, position (1-based, up to 1000), visible_ms, surface,
     * device_type.
     */
    public static SchemaVersion recsysImpression() {
        return recsys("impression", List.of(
                requestId(), userId(true), sessionId(true), timestampMs(), canonicalId(), position(),
                req("visible_ms", FieldType.LONG, Constraints.range(0, 86_400_000), "How long the item was visible."),
                surface(), deviceType()), List.of(), "Recommendation impression (seed 001).");
    }

    /**
     * Seed 001's click event: the user engaged with an item. Fields: request_id, user_id, session_id,
     * timestamp_ms, canonical_id, position, engagement_type (click, add_to_cart, purchase, share,
     * save), optional dwell_ms, device_type.
     */
    public static SchemaVersion recsysClick() {
        return recsys("click", List.of(
                requestId(), userId(true), sessionId(true), timestampMs(), canonicalId(), position(),
                req("engagement_type", FieldType.STRING,
                        Constraints.enumOf("click", "add_to_cart", "purchase", "share", "save"), "Kind of engagement."),
                Field.builder("dwell_ms", FieldType.LONG).constraints(Constraints.range(0, 86_400_000))
                        .doc("Time spent on the item after the click.").build(),
                deviceType()), List.of(), "Recommendation click (seed 001).");
    }

    /**
     * Seed 001's error event: a system error. Fields: timestamp_ms, component (enum), severity (info,
     * warning, error, critical; critical errors are retained 90 days), error_code
     * ({@code [A-Z][A-Z0-9_]{2,63}}), message (sanitised, up to 1024 characters), optional
     * request_id and optional hashed user_id (PII LOW).
     */
    public static SchemaVersion recsysError() {
        return recsys("error", List.of(
                timestampMs(),
                req("component", FieldType.STRING,
                        Constraints.enumOf("api", "candidate_generator", "ranker", "feature_store", "logger"),
                        "Component that failed."),
                req("severity", FieldType.STRING, Constraints.enumOf("info", "warning", "error", "critical"),
                        "Severity; critical errors are retained 90 days."),
                req("error_code", FieldType.STRING, Constraints.pattern("[A-Z][A-Z0-9_]{2,63}"), "Stable error code."),
                req("message", FieldType.STRING, Constraints.NONE.withLength(1, 1024), "Sanitised message, no PII."),
                Field.builder("request_id", FieldType.UUID).constraints(Constraints.format(Format.UUID_V4))
                        .doc("The request being served, when known.").build(),
                userId(false)), List.of(), "Recommendation system error (seed 001).");
    }

    private static SchemaVersion recsys(String eventType, List<Field> fields, List<Rule> rules, String doc) {
        return new SchemaVersion(Subject.of(RECSYS, eventType), 1, fields, rules, true, SchemaStatus.ACTIVE,
                CompatibilityMode.BACKWARD, doc);
    }

    private static Field requestId() {
        return Field.builder("request_id", FieldType.UUID).required(true).constraints(Constraints.format(Format.UUID_V4))
                .doc("Canonical join key: UUID v4 per request.").build();
    }

    private static Field userId(boolean required) {
        return Field.builder("user_id", FieldType.STRING).required(required).constraints(Constraints.format(Format.HEX64))
                .pii(PiiClass.LOW).doc("SHA-256 of the user id, 64 hex digits.").build();
    }

    private static Field sessionId(boolean required) {
        return Field.builder("session_id", FieldType.STRING).required(required)
                .constraints(Constraints.format(Format.HEX64)).pii(PiiClass.LOW)
                .doc("SHA-256 of the session id, 64 hex digits.").build();
    }

    private static Field timestampMs() {
        return req("timestamp_ms", FieldType.TIMESTAMP, Constraints.NONE,
                "Event time as epoch milliseconds (ISO-8601 with offset also accepted by the TIMESTAMP type).");
    }

    private static Field experimentId() {
        return req("experiment_id", FieldType.STRING, Constraints.pattern("[a-z0-9][a-z0-9_\\-]{0,63}"), "Experiment.");
    }

    private static Field bucket() {
        return req("bucket", FieldType.STRING, Constraints.enumOf("control", "treatment"), "A/B bucket.");
    }

    private static Field surface() {
        return req("surface", FieldType.STRING, Constraints.enumOf("home", "search", "detail", "cart", "email"),
                "Where the recommendations are shown.");
    }

    private static Field deviceType() {
        return Field.builder("device_type", FieldType.STRING).required(true)
                .constraints(Constraints.enumOf("mobile", "web", "tv", "tablet")).pii(PiiClass.LOW)
                .doc("Device category.").build();
    }

    private static Field canonicalId() {
        return req("canonical_id", FieldType.STRING, Constraints.NONE.withLength(1, 128), "Catalogue item id.");
    }

    private static Field position() {
        return req("position", FieldType.LONG, Constraints.range(1, 1000), "1-based slot of the item.");
    }

    private static Field id(String name, String prefix, PiiClass pii, String doc) {
        return Field.builder(name, FieldType.STRING).required(true)
                .constraints(Constraints.pattern(prefix + ID_SUFFIX)).pii(pii).doc(doc).build();
    }

    private static Field req(String name, FieldType type, Constraints constraints, String doc) {
        return Field.builder(name, type).required(true).constraints(constraints).doc(doc).build();
    }
}
