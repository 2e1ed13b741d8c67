package dev.sluice.domain.model.ingest;

import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;
import dev.sluice.domain.model.envelope.EventEnvelope;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.schema.Subject;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An accepted event as the lake stores it. It carries no original bytes: the payload is the
 * pseudonymised one, and PII must not reach the events tables in clear.
 *
 * @param envelope the envelope, payload pseudonymised; its ingest timestamp is the channel's
 * @param subject the subject whose schema validated the event, or, when {@code schemaVersion} is 0,
 *     the subject it would have ({@code source.event_type}), for profiling
 * @param schemaVersion the version that validated the payload, or 0 when the payload is unvalidated (discover mode)
 * @param schemaId the registry's global id of that version, or 0
 * @param lateness the event's lateness class (TOO_LATE or FUTURE only when stored by a replay override)
 * @param piiKeyId the key the PII values were pseudonymised with, or {@code null} when none was replaced
 * @param key the dedup key
 * @param fingerprint the content fingerprint, computed before pseudonymisation; the lake stores it so
 *     that the seen-event index can be rebuilt from the lake
 * @param channel where the event came from
 */
public record StoredEvent(
        EventEnvelope envelope,
        Subject subject,
        int schemaVersion,
        long schemaId,
        Lateness lateness,
        String piiKeyId,
        EventKey key,
        ContentFingerprint fingerprint,
        ChannelCoordinates channel) {

    public StoredEvent {
        requireNonNull(envelope, "envelope is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(lateness, "lateness is null");
        requireNonNull(key, "key is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(channel, "channel is null");
        if (schemaVersion < 0 || schemaId < 0) {
            throw new IllegalArgumentException("schema version and id of event " + envelope.eventId()
                    + " must not be negative: version " + schemaVersion + ", id " + schemaId);
        }
        if (!subject.source().equals(envelope.source())) {
            throw new IllegalArgumentException("subject " + subject + " is not of the event's source " + envelope.source());
        }
    }

    /** True when a registered schema validated the payload. */
    public boolean validated() {
        return schemaVersion > 0;
    }

    public Optional<String> piiKeyIdOptional() {
        return Optional.ofNullable(piiKeyId);
    }

    /** What the seen-event index remembers of this event. */
    public SeenEvent seen() {
        return new SeenEvent(key, fingerprint, envelope.ingestTimestamp());
    }
}
