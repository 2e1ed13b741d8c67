package dev.sluice.domain.model.schema;

import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What a schema describes: a source and, optionally, one event type of it. The subject's name is
 * {@code source.event_type}, or {@code source} when one schema covers every event type of the
 * source. Sources have no dots; event types may ({@code connector.data.raw}).
 */
public record Subject(String source, String eventType) {

    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,127}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");

    public Subject {
        requireNonNull(source, "source is null");
        if (!SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("Invalid source '" + source
                    + "': use 1 to 128 letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (eventType != null && !EVENT_TYPE.matcher(eventType).matches()) {
            throw new IllegalArgumentException("Invalid event type '" + eventType
                    + "': use 1 to 128 letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
    }

    /** A subject covering every event type of {@code source}. */
    public static Subject ofSource(String source) {
        return new Subject(source, null);
    }

    public static Subject of(String source, String eventType) {
        return new Subject(source, eventType);
    }

    /** Parses {@code source} or {@code source.event_type}. */
    public static Subject parse(String name) {
        requireNonNull(name, "subject name is null");
        int dot = name.indexOf('.');
        return dot < 0 ? ofSource(name) : new Subject(name.substring(0, dot), name.substring(dot + 1));
    }

    public Optional<String> eventTypeOptional() {
        return Optional.ofNullable(eventType);
    }

    public String name() {
        return eventType == null ? source : source + "." + eventType;
    }

    @Override
    public String toString() {
        return name();
    }
}
