package dev.sluice.domain.model.envelope;

import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Maps a parsed item to an {@link EventEnvelope} by its {@link EnvelopeMapping}, reporting every
 * violation at once (which field, what is wrong) rather than the first. Stateless and thread-safe.
 */
public final class EnvelopeMapper {

    static final String ROOT = "$";
    private static final Set<String> V1_MEMBERS = Set.of("event_id", "source", "event_type", "event_timestamp",
            "timestamp", "ingest_timestamp", "payload", "metadata", "event_version", "correlation_id", "org_id");
    private static final Set<String> SOURCE_OBJECT_MEMBERS = Set.of("service", "instance");

    /** Maps {@code item}, received at {@code ingestTime}, with {@code mapping}. */
    public MappingResult map(PayloadValue item, EnvelopeMapping mapping, Instant ingestTime) {
        requireNonNull(item, "item is null");
        requireNonNull(mapping, "mapping is null");
        requireNonNull(ingestTime, "ingestTime is null");
        if (!(item instanceof ObjectValue object)) {
            return new MappingResult.Rejected(
                    List.of(new EnvelopeViolation(ROOT, "an event must be a JSON object, got " + item.kind())), null, null);
        }
        return switch (mapping) {
            case EnvelopeV1Mapping v1 -> mapV1(object, v1, ingestTime);
            case SourceMapping sm -> mapSource(object, sm, ingestTime);
        };
    }

    private MappingResult mapV1(ObjectValue doc, EnvelopeV1Mapping mapping, Instant ingestTime) {
        List<EnvelopeViolation> violations = new ArrayList<>();
        for (String name : doc.members().keySet()) {
            if (!V1_MEMBERS.contains(name)) {
                violations.add(new EnvelopeViolation(name, "is not a member of envelope v1"));
            }
        }
        String eventId = requiredText(doc, "event_id", violations);
        if (eventId != null) {
            eventId = checked(eventId, EventEnvelope.eventIdProblem(eventId), "event_id", violations);
        }

        Map<String, String> fromSource = new LinkedHashMap<>();
        String source = null;
        PayloadValue sourceValue = doc.getOrNull("source");
        switch (sourceValue) {
            case null -> violations.add(new EnvelopeViolation("source", "is missing"));
            case StringValue s -> source = s.value();
            case ObjectValue o -> source = sourceObject(o, fromSource, violations);
            default -> violations.add(new EnvelopeViolation("source",
                    "must be a string or an object {service, instance}, got " + sourceValue.kind()));
        }
        if (source != null) {
            source = checked(source, EventEnvelope.sourceProblem(source), "source", violations);
        }

        String eventType = requiredText(doc, "event_type", violations);
        if (eventType != null) {
            eventType = checked(eventType, EventEnvelope.eventTypeProblem(eventType), "event_type", violations);
        }

        Instant eventTime = null;
        PayloadValue ts = doc.getOrNull("event_timestamp");
        PayloadValue ts003 = doc.getOrNull("timestamp");
        if (ts != null && ts003 != null) {
            violations.add(new EnvelopeViolation("event_timestamp",
                    "is given twice, as event_timestamp and as seed 003's timestamp; send one"));
        } else if (ts == null && ts003 == null) {
            violations.add(new EnvelopeViolation("event_timestamp", "is missing"));
        } else {
            eventTime = timestamp(ts != null ? ts : ts003, ts != null ? "event_timestamp" : "timestamp", violations);
        }

        ObjectValue payload = null;
        PayloadValue p = doc.getOrNull("payload");
        if (p == null) {
            violations.add(new EnvelopeViolation("payload", "is missing"));
        } else if (p instanceof ObjectValue o) {
            payload = o;
        } else {
            violations.add(new EnvelopeViolation("payload", "must be an object, got " + p.kind()));
        }

        Map<String, String> metadata = new LinkedHashMap<>(mapping.metadataDefaults());
        metadata.putAll(fromSource);
        PayloadValue m = doc.getOrNull("metadata");
        if (m instanceof ObjectValue mo) {
            mo.members().forEach((key, value) -> {
                String text = metadataText(key, value, violations);
                if (text != null) {
                    metadata.put(key, text);
                }
            });
        } else if (m != null) {
            violations.add(new EnvelopeViolation("metadata", "must be an object, got " + m.kind()));
        }
        Metadata meta = metadata(metadata, violations);

        String eventVersion = optionalText(doc, "event_version", violations);
        String correlationId = optionalText(doc, "correlation_id", violations);
        String orgId = optionalText(doc, "org_id", violations);

        if (!violations.isEmpty()) {
            return new MappingResult.Rejected(violations, eventId, source);
        }
        return new MappingResult.Mapped(new EventEnvelope(eventId, source, eventType, eventTime, ingestTime, payload,
                meta, eventVersion, correlationId, orgId));
    }

    private static String sourceObject(ObjectValue o, Map<String, String> fromSource, List<EnvelopeViolation> violations) {
        for (String name : o.members().keySet()) {
            if (!SOURCE_OBJECT_MEMBERS.contains(name)) {
                violations.add(new EnvelopeViolation("source." + name, "is not a member of a source object {service, instance}"));
            }
        }
        String service = null;
        PayloadValue s = o.getOrNull("service");
        if (s == null) {
            violations.add(new EnvelopeViolation("source.service", "is missing"));
        } else if (s instanceof StringValue sv && !sv.value().isBlank()) {
            service = sv.value();
            fromSource.put("service", service);
        } else {
            violations.add(new EnvelopeViolation("source.service", "must be a non-blank string, got " + describe(s)));
        }
        PayloadValue i = o.getOrNull("instance");
        if (i instanceof StringValue iv && !iv.value().isBlank()) {
            fromSource.put("host", iv.value());
        } else if (i != null && !(i instanceof NullValue)) {
            violations.add(new EnvelopeViolation("source.instance", "must be a non-blank string, got " + describe(i)));
        }
        return service;
    }

    private MappingResult mapSource(ObjectValue record, SourceMapping mapping, Instant ingestTime) {
        List<EnvelopeViolation> violations = new ArrayList<>();
        String source = resolve(record, mapping.source(), "source", true, violations);
        if (source != null) {
            source = checked(source, EventEnvelope.sourceProblem(source), "source", violations);
        }
        String eventId = resolve(record, mapping.eventId(), "event_id", true, violations);
        if (eventId != null) {
            eventId = checked(eventId, EventEnvelope.eventIdProblem(eventId), "event_id", violations);
        }
        String eventType = resolve(record, mapping.eventType(), "event_type", true, violations);
        if (eventType != null) {
            eventType = checked(eventType, EventEnvelope.eventTypeProblem(eventType), "event_type", violations);
        }
        Instant eventTime = null;
        PayloadValue time = lookup(record, mapping.eventTime().path());
        if (time == null || time instanceof NullValue) {
            violations.add(new EnvelopeViolation("event_timestamp", "field '" + mapping.eventTime().path() + "' is missing"));
        } else {
            eventTime = timestamp(time, "event_timestamp", violations);
        }
        // Required keys into locals and the rest straight into the extra map: one map per event, not three.
        String host = null;
        String env = null;
        String service = null;
        String firstKey = null;
        String firstText = null;
        Map<String, String> extra = null;
        for (Map.Entry<String, ValueRef> e : mapping.metadata().entrySet()) {
            String key = e.getKey();
            switch (key) {
                case "host" -> host = resolve(record, e.getValue(), "metadata.host", true, violations);
                case "env" -> env = resolve(record, e.getValue(), "metadata.env", true, violations);
                case "service" -> service = resolve(record, e.getValue(), "metadata.service", true, violations);
                default -> {
                    String text = resolve(record, e.getValue(), metadataField(key), false, violations);
                    if (text == null) {
                        break;
                    }
                    // One extra key (the common case) needs no map of its own until Metadata makes one.
                    if (firstKey == null) {
                        firstKey = key;
                        firstText = text;
                    } else {
                        if (extra == null) {
                            extra = new LinkedHashMap<>();
                            extra.put(firstKey, firstText);
                        }
                        extra.put(key, text);
                    }
                }
            }
        }
        Map<String, String> extras = extra != null ? extra : firstKey != null ? Map.of(firstKey, firstText) : Map.of();
        Metadata meta = metadata(host, env, service, extras, violations);
        String eventVersion = mapping.eventVersion() == null ? null
                : resolve(record, mapping.eventVersion(), "event_version", false, violations);
        String correlationId = mapping.correlationId() == null ? null
                : resolve(record, mapping.correlationId(), "correlation_id", false, violations);
        String orgId = mapping.orgId() == null ? null : resolve(record, mapping.orgId(), "org_id", false, violations);

        if (!violations.isEmpty()) {
            return new MappingResult.Rejected(violations, eventId, source);
        }
        return new MappingResult.Mapped(new EventEnvelope(eventId, source, eventType, eventTime, ingestTime, record,
                meta, eventVersion, correlationId, orgId));
    }

    /** The text a reference points at, or null (with a violation when it is required or malformed). */
    /** "metadata." + key, made once per configured key (keys come from configuration, not from events). */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> METADATA_FIELDS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String metadataField(String key) {
        String field = METADATA_FIELDS.get(key);
        return field != null ? field : METADATA_FIELDS.computeIfAbsent(key, k -> "metadata." + k);
    }

    private static String resolve(ObjectValue record, ValueRef ref, String field, boolean required,
                                  List<EnvelopeViolation> violations) {
        return switch (ref) {
            case ValueRef.Constant c -> c.value();
            case ValueRef.FromField f -> {
                PayloadValue value = lookup(record, f.path());
                if (value == null || value instanceof NullValue) {
                    if (required) {
                        violations.add(new EnvelopeViolation(field, "field '" + f.path() + "' is missing"));
                    }
                    yield null;
                }
                String text = scalarText(value);
                if (text == null || text.isBlank()) {
                    violations.add(new EnvelopeViolation(field, "field '" + f.path()
                            + "' must be a non-blank string or an integral number, got " + describe(value)));
                    yield null;
                }
                yield text;
            }
        };
    }

    /** The value at a dotted path, or null when any step is absent or not an object. */
    static PayloadValue lookup(ObjectValue record, String path) {
        PayloadValue direct = record.getOrNull(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        PayloadValue current = record;
        for (String step : path.split("\\.")) {
            if (!(current instanceof ObjectValue o)) {
                return null;
            }
            current = o.getOrNull(step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static String requiredText(ObjectValue doc, String name, List<EnvelopeViolation> violations) {
        PayloadValue value = doc.getOrNull(name);
        if (value == null) {
            violations.add(new EnvelopeViolation(name, "is missing"));
            return null;
        }
        if (value instanceof StringValue s) {
            return s.value();
        }
        violations.add(new EnvelopeViolation(name, "must be a string, got " + describe(value)));
        return null;
    }

    private static String optionalText(ObjectValue doc, String name, List<EnvelopeViolation> violations) {
        PayloadValue value = doc.getOrNull(name);
        if (value == null || value instanceof NullValue) {
            return null;
        }
        String text = scalarText(value);
        if (text == null || text.isBlank()) {
            violations.add(new EnvelopeViolation(name, "must be a non-blank string or an integral number, got "
                    + describe(value)));
            return null;
        }
        return text;
    }

    private static String metadataText(String key, PayloadValue value, List<EnvelopeViolation> violations) {
        return switch (value) {
            case StringValue s -> s.value();
            case NumberValue n -> n.fitsLong() ? Long.toString(n.asLong()) : n.asBigDecimal().toPlainString();
            case BooleanValue b -> Boolean.toString(b.value());
            case NullValue ignored -> null;
            default -> {
                violations.add(new EnvelopeViolation("metadata." + key,
                        "must be a string, number or boolean, got " + value.kind()));
                yield null;
            }
        };
    }

    /** As {@link #metadata(Map, List)} for values already split into the required three and the rest. */
    private static Metadata metadata(String host, String env, String service, Map<String, String> extra,
                                     List<EnvelopeViolation> violations) {
        boolean complete = required("host", host, violations);
        complete &= required("env", env, violations);
        complete &= required("service", service, violations);
        return complete ? new Metadata(host, env, service, extra) : null;
    }

    private static boolean required(String key, String value, List<EnvelopeViolation> violations) {
        if (value == null) {
            violations.add(new EnvelopeViolation("metadata." + key, "is missing"));
            return false;
        }
        if (value.isBlank()) {
            violations.add(new EnvelopeViolation("metadata." + key, "is blank"));
            return false;
        }
        return true;
    }

    private static Metadata metadata(Map<String, String> values, List<EnvelopeViolation> violations) {
        boolean complete = true;
        for (String key : List.of("host", "env", "service")) {
            String v = values.get(key);
            if (v == null) {
                violations.add(new EnvelopeViolation("metadata." + key, "is missing"));
                complete = false;
            } else if (v.isBlank()) {
                violations.add(new EnvelopeViolation("metadata." + key, "is blank"));
                complete = false;
            }
        }
        if (!complete) {
            return null;
        }
        Map<String, String> extra = new LinkedHashMap<>(values);
        Metadata.REQUIRED_KEYS.forEach(extra::remove);
        return new Metadata(values.get("host"), values.get("env"), values.get("service"), extra);
    }

    private static Instant timestamp(PayloadValue value, String field, List<EnvelopeViolation> violations) {
        var parsed = Timestamps.parse(value);
        if (parsed.isEmpty()) {
            violations.add(new EnvelopeViolation(field, "must be ISO-8601 with an offset or epoch milliseconds"
                    + " (from 2001-09-09 to 9999-12-31), got " + describe(value)));
            return null;
        }
        return parsed.get();
    }

    private static String checked(String value, java.util.Optional<String> problem, String field,
                                  List<EnvelopeViolation> violations) {
        if (problem.isPresent()) {
            String message = problem.get();
            String prefix = field + " ";
            violations.add(new EnvelopeViolation(field, message.startsWith(prefix) ? message.substring(prefix.length()) : message));
            return null;
        }
        return value;
    }

    private static String scalarText(PayloadValue value) {
        return switch (value) {
            case StringValue s -> s.value();
            case NumberValue n when n.fitsLong() -> Long.toString(n.asLong());
            default -> null;
        };
    }

    private static String describe(PayloadValue value) {
        return switch (value) {
            case StringValue s -> "'" + (s.value().length() <= 64 ? s.value() : s.value().substring(0, 61) + "...") + "'";
            case NumberValue n -> n.value().toString();
            case BooleanValue b -> Boolean.toString(b.value());
            case NullValue ignored -> "null";
            default -> value.kind().toString();
        };
    }
}
