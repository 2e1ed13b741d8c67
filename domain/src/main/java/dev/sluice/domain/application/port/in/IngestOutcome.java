package dev.sluice.domain.application.port.in;

import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.lateness.Lateness;
import dev.sluice.domain.model.schema.Subject;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What became of one incoming item. Exactly one per item. */
public sealed interface IngestOutcome permits IngestOutcome.Stored, IngestOutcome.Duplicate, IngestOutcome.DeadLettered {

    /**
     * The event is in the lake.
     *
     * @param eventId the event id
     * @param source the source
     * @param lateness its lateness class
     * @param subject the subject of the schema that validated it, or its would-be subject when unvalidated
     * @param schemaVersion the validating version, or 0 when the payload is unvalidated (discover mode)
     * @param piiKeyId the key PII was pseudonymised with, or {@code null} when none was
     */
    record Stored(String eventId, String source, Lateness lateness, Subject subject, int schemaVersion,
                  String piiKeyId) implements IngestOutcome {
        public Stored {
            requireNonNull(eventId, "eventId is null");
            requireNonNull(source, "source is null");
            requireNonNull(lateness, "lateness is null");
            requireNonNull(subject, "subject is null");
            if (schemaVersion < 0) {
                throw new IllegalArgumentException("schemaVersion is negative: " + schemaVersion);
            }
        }

        public boolean validated() {
            return schemaVersion > 0;
        }

        public Optional<String> piiKeyIdOptional() {
            return Optional.ofNullable(piiKeyId);
        }
    }

    /**
     * An identical copy was stored before (in an earlier batch, or earlier in this one); nothing
     * was written. Counted, not kept.
     *
     * @param eventId the event id
     * @param source the source
     * @param firstIngestedAt the ingest time of the stored copy
     */
    record Duplicate(String eventId, String source, Instant firstIngestedAt) implements IngestOutcome {
        public Duplicate {
            requireNonNull(eventId, "eventId is null");
            requireNonNull(source, "source is null");
            requireNonNull(firstIngestedAt, "firstIngestedAt is null");
        }
    }

    /**
     * The item is kept as a dead letter.
     *
     * @param reason why
     * @param detail what exactly is wrong
     * @param eventId the event id if it could be read, else {@code null}
     */
    record DeadLettered(DeadLetterReason reason, String detail, String eventId) implements IngestOutcome {
        public DeadLettered {
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
        }

        public Optional<String> eventIdOptional() {
            return Optional.ofNullable(eventId);
        }
    }
}
