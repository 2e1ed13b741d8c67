package dev.sluice.domain.application.port.out;

import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Subject;

import java.util.Optional;

/**
 * Where the ingestion hot path finds schemas. The registry adapter implements it with a cache that
 * is invalidated when a version changes; it never queries its database once per event.
 *
 * <p>Contract:
 * <ol>
 *   <li>{@link #resolve} looks up {@code source.event_type} first, then {@code source}, and returns
 *       the latest version that is not soft-deleted (an ACTIVE or BREAKING latest version counts,
 *       a DEPRECATED one too when nothing newer exists).</li>
 *   <li>{@link #find} and {@link #byId} return exactly the requested version, or empty.</li>
 *   <li>Every method is thread-safe and may be called millions of times per second.</li>
 *   <li>After a version is registered, lookups reflect it within the adapter's documented delay.</li>
 * </ol>
 */
public interface SchemaCatalog {

    /** The schema an event of {@code source} and {@code eventType} is validated with, if any. */
    Optional<CompiledSchema> resolve(String source, String eventType);

    /** Exactly version {@code version} of {@code subject}. */
    Optional<CompiledSchema> find(Subject subject, int version);

    /** The version with the registry's global id {@code id}. */
    Optional<CompiledSchema> byId(long id);
}
