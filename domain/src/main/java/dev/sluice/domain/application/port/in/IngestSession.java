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
 *
 * <p><b>Pipelined commits.</b> {@link #commit} is {@link #prepare}, {@link #commitPrepared} and
 * {@link #publish} in a row. A caller that wants to decide the next batch while this one commits
 * calls {@link #prepare} (the input ends here), runs {@link #commitPrepared} on another thread, opens
 * the next session with {@link IngestEventsUseCase#openAfter(IngestSession)} (its dedup sees this
 * session's stored events although the index does not know them yet), and, back on this session's
 * thread once the commit returned, calls {@link #publish}. The next session can only be prepared
 * after this one is published, so commits stay in stream order. When {@link #commitPrepared} throws,
 * the caller closes this session and abandons its successor, as after any failed batch; a session
 * closed after its commit but before {@link #publish} leaves the index without its events, so the
 * caller then reloads the index as after a {@link dev.sluice.domain.model.error.CommitStateUnknownException}.
 * Only {@link #commitPrepared} may run on another thread; {@link #close} must not run during it.
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

    /**
     * Ends the session's input: no more {@link #add}. The predecessor, if any, must be published.
     *
     * @return the positions {@link #commitPrepared} will commit
     */
    StreamPositions prepare();

    /**
     * Writes the dead letters and commits the lake append with the prepared positions. May run on
     * another thread than the session's (nothing else may touch the session meanwhile). Throws as
     * {@link #commit} does; the session is then failed.
     */
    void commitPrepared();

    /** On the session's thread, after {@link #commitPrepared}: the seen-event index remembers the stored events. */
    void publish();

    /** Abandons the session unless it was committed. Idempotent. */
    @Override
    void close();
}
