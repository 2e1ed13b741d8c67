package dev.sluice.domain.application.port.in;

import dev.sluice.domain.model.ingest.StreamPositions;

import java.util.List;

/**
 * One batch, ingested chunk by chunk: the unit of atomic commit is the session, not the chunk, so
 * a caller can hand over each poll's items as it decodes them and let them go, instead of holding
 * the whole batch. Opened by {@link IngestEventsUseCase#open()}. Not thread-safe: one session is
 * used by one thread.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>{@link #add} decides every item of a chunk (steps 1 to 7 of {@link IngestEventsUseCase}) and
 *       writes the chunk's stored events to the session's pending lake append at once. Dedup is
 *       exact across the chunks of the session (an event stored by an earlier chunk makes a later
 *       copy a duplicate or a conflicting duplicate) and, through the seen-event index, across
 *       committed sessions. The returned outcomes are provisional: nothing is visible, and the
 *       dead letters are not written, until {@link #commit}.</li>
 *   <li>{@link #commit} writes the session's dead letters, commits the stored events and the stream
 *       positions just after every item added (every item counts, whatever its outcome) to the lake
 *       atomically, and only then lets the seen-event index remember the stored events. Chunked
 *       or not, the outcomes and the committed lake are those of one batch of all the items.</li>
 *   <li>{@link #close} after a commit does nothing. Without one (a revocation, a failed chunk or
 *       commit) it abandons the session: nothing of it is visible in the lake, the seen-event index
 *       is unchanged, and the caller resumes from the lake's committed positions as after any
 *       failed batch (see {@link IngestEventsUseCase}).</li>
 * </ol>
 * After {@link #add} or {@link #commit} has thrown, the session is failed: only {@link #close} is
 * allowed.
 */
public interface IngestSession extends AutoCloseable {

    /**
     * Decides {@code chunk}, which continues the session's input in stream order, and writes its
     * stored events to the pending append.
     *
     * @return one provisional outcome per item of {@code chunk}, in its order
     */
    IngestResult add(List<IncomingEvent> chunk);

    /** Items added so far. */
    long items();

    /**
     * Writes the dead letters, commits the lake append with the positions after every item added,
     * then remembers the stored events in the seen-event index. Called at most once.
     *
     * @return the positions committed (empty when no item came from a stream with positions)
     */
    StreamPositions commit();

    /** Abandons the session unless it was committed. Idempotent. */
    @Override
    void close();
}
