package dev.sluice.registry;

import dev.sluice.domain.application.port.out.RuleCompiler;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;
import dev.sluice.domain.model.schema.Subject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link SchemaCatalog} the ingestion hot path uses: every answer, including "no schema", is
 * cached in memory, so a lookup is two hash-map reads and never touches the database. Entries of a
 * subject are dropped when a change to it is announced on {@code registry.schemas.changed} or made
 * locally; the whole cache is dropped when the change feed is interrupted. A load that overlaps an
 * invalidation is answered but not cached (a global generation counter guards it), so a stale value
 * can never outlive the event that invalidated it.
 */
final class CachingSchemaCatalog implements SchemaCatalog {

    /** Where misses are answered from: the registry's store. */
    interface Loader {
        Optional<StoredVersion> latest(String subject);

        Optional<StoredVersion> version(String subject, int version);

        Optional<StoredVersion> byId(long id);
    }

    private static final String NO_EVENT_TYPE = "";

    private final Loader loader;
    private final RuleCompiler rules;
    private final AtomicLong generation = new AtomicLong();
    /** source → event type ("" for none) → resolved schema. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Optional<CompiledSchema>>> resolved = new ConcurrentHashMap<>();
    /** subject name → version → schema. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, Optional<CompiledSchema>>> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Optional<CompiledSchema>> ids = new ConcurrentHashMap<>();
    private final AtomicLong loads = new AtomicLong();

    CachingSchemaCatalog(Loader loader, RuleCompiler rules) {
        this.loader = loader;
        this.rules = rules;
    }

    @Override
    public Optional<CompiledSchema> resolve(String source, String eventType) {
        String type = eventType == null ? NO_EVENT_TYPE : eventType;
        ConcurrentHashMap<String, Optional<CompiledSchema>> bySource = resolved.get(source);
        if (bySource != null) {
            Optional<CompiledSchema> hit = bySource.get(type);
            if (hit != null) {
                return hit;
            }
        }
        long g = generation.get();
        Optional<CompiledSchema> found = Optional.empty();
        if (!type.isEmpty()) {
            found = loader.latest(source + "." + type).map(this::compile);
        }
        if (found.isEmpty()) {
            found = loader.latest(source).map(this::compile);
        }
        loads.incrementAndGet();
        if (generation.get() == g) {
            resolved.computeIfAbsent(source, s -> new ConcurrentHashMap<>()).putIfAbsent(type, found);
        }
        return found;
    }

    @Override
    public Optional<CompiledSchema> find(Subject subject, int version) {
        String name = subject.name();
        ConcurrentHashMap<Integer, Optional<CompiledSchema>> bySubject = versions.get(name);
        if (bySubject != null) {
            Optional<CompiledSchema> hit = bySubject.get(version);
            if (hit != null) {
                return hit;
            }
        }
        long g = generation.get();
        Optional<CompiledSchema> found = loader.version(name, version).map(this::compile);
        loads.incrementAndGet();
        if (generation.get() == g) {
            versions.computeIfAbsent(name, s -> new ConcurrentHashMap<>()).putIfAbsent(version, found);
        }
        return found;
    }

    @Override
    public Optional<CompiledSchema> byId(long id) {
        Optional<CompiledSchema> hit = ids.get(id);
        if (hit != null) {
            return hit;
        }
        long g = generation.get();
        Optional<CompiledSchema> found = loader.byId(id).map(this::compile);
        loads.incrementAndGet();
        if (generation.get() == g) {
            ids.putIfAbsent(id, found);
        }
        return found;
    }

    /** Drops every entry a change to {@code subjectName} can affect. */
    void invalidate(String subjectName) {
        generation.incrementAndGet();
        Subject subject = Subject.parse(subjectName);
        resolved.remove(subject.source());
        versions.remove(subjectName);
        ids.values().removeIf(o -> o.isEmpty() || o.get().subject().name().equals(subjectName));
    }

    /** Drops everything, for when change events may have been missed. */
    void invalidateAll() {
        generation.incrementAndGet();
        resolved.clear();
        versions.clear();
        ids.clear();
    }

    /** How many lookups went to the loader: a miss or a load after an invalidation. */
    long loads() {
        return loads.get();
    }

    private CompiledSchema compile(StoredVersion v) {
        Map<String, RulePredicate> predicates = new LinkedHashMap<>();
        for (Rule r : v.model().rules()) {
            predicates.put(r.id(), rules.compile(r, v.model()));
        }
        return new CompiledSchema(v.id(), v.model(), predicates);
    }
}
