package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Subject;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A hand-written fake {@link SchemaCatalog}: versions registered in memory, visible at once.
 * Thread-safe.
 */
public final class InMemorySchemaCatalog implements SchemaCatalog {

    private final Map<String, NavigableMap<Integer, CompiledSchema>> bySubject = new ConcurrentHashMap<>();
    private final Map<Long, CompiledSchema> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /**
     * Registers {@code schema}. A schema with id 0 (unregistered) gets the next free id; the stored
     * copy is returned.
     */
    public synchronized CompiledSchema register(CompiledSchema schema) {
        requireNonNull(schema, "schema is null");
        CompiledSchema stored = schema.id() == 0
                ? new CompiledSchema(nextId.getAndIncrement(), schema.schema(), schema.predicates())
                : schema;
        if (byId.containsKey(stored.id())) {
            throw new IllegalArgumentException("Schema id " + stored.id() + " is already registered for "
                    + byId.get(stored.id()).subject());
        }
        nextId.updateAndGet(n -> Math.max(n, stored.id() + 1));
        NavigableMap<Integer, CompiledSchema> versions =
                bySubject.computeIfAbsent(stored.subject().name(), k -> new TreeMap<>());
        if (versions.containsKey(stored.version())) {
            throw new IllegalArgumentException("Schema " + stored.subject() + " version " + stored.version()
                    + " is already registered");
        }
        versions.put(stored.version(), stored);
        byId.put(stored.id(), stored);
        return stored;
    }

    @Override
    public Optional<CompiledSchema> resolve(String source, String eventType) {
        requireNonNull(source, "source is null");
        requireNonNull(eventType, "eventType is null");
        Optional<CompiledSchema> specific = latest(source + "." + eventType);
        return specific.isPresent() ? specific : latest(source);
    }

    @Override
    public Optional<CompiledSchema> find(Subject subject, int version) {
        requireNonNull(subject, "subject is null");
        NavigableMap<Integer, CompiledSchema> versions = bySubject.get(subject.name());
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    @Override
    public Optional<CompiledSchema> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    private synchronized Optional<CompiledSchema> latest(String subjectName) {
        NavigableMap<Integer, CompiledSchema> versions = bySubject.get(subjectName);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }
}
