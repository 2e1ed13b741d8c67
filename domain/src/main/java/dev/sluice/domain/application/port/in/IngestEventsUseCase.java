package dev.sluice.domain.application.port.in;

import static java.util.Objects.requireNonNull;

/**
 * Ingests a batch of incoming items: every item ends stored, counted as a duplicate, or kept as a
 * dead letter with a reason. Nothing is lost.
 *
 * <p>Per item, in order: map to envelope v1 (INVALID_ENVELOPE) → resolve the schema by
 * {@code source.event_type}, then {@code source} (unknown: store unvalidated, or UNKNOWN_SUBJECT
 * per source) → validate structure, then rules (SCHEMA_VIOLATION, RULE_VIOLATION) → pseudonymise
 * PII → classify lateness (TOO_LATE, FUTURE_TIMESTAMP) → dedup by source and event_id, against
 * earlier batches and earlier in this batch (duplicate, CONFLICTING_DUPLICATE) → write.
 *
 * <p>Per batch (a session, fed chunk by chunk, or one {@link #ingest} call, which is a session of
 * one chunk):
 * <ol>
 *   <li>Every item is decided as its chunk is added; stored events are written to the lake's
 *       pending append at once, invisible to readers.</li>
 *   <li>On commit, dead letters are written to the dead-letter sink (idempotent by channel
 *       coordinates).</li>
 *   <li>Then the stored events are committed to the lake atomically with the stream positions
 *       after the batch.</li>
 *   <li>Only then does the seen-event index remember the stored events.</li>
 *   <li>The results hold one outcome per input, in input order.</li>
 * </ol>
 * If a port fails, the call throws an {@link dev.sluice.domain.model.error.InfrastructureException}
 * and the caller retries the whole batch from the committed positions: the retry classifies every
 * item as the first attempt did, the dead-letter sink keeps dead letters single, and the lake never
 * holds an event twice. After a {@link dev.sluice.domain.model.error.CommitStateUnknownException}
 * the commit may have happened without the seen-event index learning of it: the caller treats the
 * batch's partitions as newly assigned (re-read the committed positions, reload the index) before
 * it goes on. The outcome is a function of the items and of the committed lake, never of
 * the wall clock nor of how the batch was cut into chunks, so a replay gives the live run's result.
 */
public interface IngestEventsUseCase {

    /** Opens a batch that is fed chunk by chunk; see {@link IngestSession}. */
    IngestSession open();

    /**
     * Opens the batch after {@code predecessor}, a session of this use case that is prepared and
     * maybe not yet committed or published: dedup also checks the events the predecessor stored.
     * See {@link IngestSession} (pipelined commits).
     */
    IngestSession openAfter(IngestSession predecessor);

    /** Ingests {@code command} as one batch: open, add every item as one chunk, commit. */
    default IngestResult ingest(IngestEventsCommand command) {
        requireNonNull(command, "command is null");
        try (IngestSession session = open()) {
            IngestResult result = session.add(command.events());
            session.commit();
            return result;
        }
    }
}
