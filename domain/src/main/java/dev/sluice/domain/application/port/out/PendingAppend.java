package dev.sluice.domain.application.port.out;

import dev.sluice.domain.model.ingest.StoredEvent;

/**
 * One batch being appended to the lake: written first, committed atomically by {@link #complete}.
 * Like Iceberg's {@code PendingUpdate}, writing and committing are separate steps. Not thread-safe;
 * one batch is written by one thread.
 */
public interface PendingAppend extends AutoCloseable {

    /** Writes one event to the batch's data files. Nothing is visible to readers yet. */
    void write(StoredEvent event);

    /**
     * Commits every written event and the batch's stream positions in one atomic commit. When it
     * returns, all of it is visible and durable; when it throws, see the exception: 
     * {@link dev.sluice.domain.model.error.CommitFailedException} means nothing was committed,
     * {@link dev.sluice.domain.model.error.CommitStateUnknownException} means the caller must
     * re-read the committed positions. Called at most once.
     */
    void complete();

    /** Discards what was written if {@link #complete} did not succeed; a no-op after it did. Idempotent. */
    @Override
    void close();
}
