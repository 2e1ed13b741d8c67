package dev.sluice.domain.model.ingest;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Decides, per source, what happens to events of subjects without a schema. */
@FunctionalInterface
public interface UnknownSubjectPolicy {

    UnknownSubjectMode modeFor(String source);

    /** {@link UnknownSubjectMode#DISCOVER} for every source: the default. */
    static UnknownSubjectPolicy discoverAll() {
        return source -> UnknownSubjectMode.DISCOVER;
    }

    /** {@code perSource} where configured, else {@code fallback}. */
    static UnknownSubjectPolicy perSource(Map<String, UnknownSubjectMode> perSource, UnknownSubjectMode fallback) {
        Map<String, UnknownSubjectMode> copy = Map.copyOf(requireNonNull(perSource, "perSource is null"));
        requireNonNull(fallback, "fallback is null");
        return source -> copy.getOrDefault(source, fallback);
    }
}
