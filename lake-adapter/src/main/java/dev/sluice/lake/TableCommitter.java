package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.error.CommitStateUnknownException;
import dev.sluice.domain.model.ingest.TopicPartition;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Commits one batch's files to one table, exactly once, with fencing. Each attempt:
 * <ol>
 *   <li>refreshes the table; if a snapshot already carries this batch's commit id (an earlier
 *       attempt whose state was unknown did land), it is done;</li>
 *   <li>reads the latest marker and refuses ({@link WriterFencedException}) when a partition of the
 *       batch was committed at a greater epoch, or its offset is not the one this writer last saw;</li>
 *   <li>appends the files with the marker advanced to the batch's next offsets, and, through
 *       {@link FencedTableOperations}, re-checks right before the catalog's atomic swap that the
 *       marker is still the one the summary was computed from.</li>
 * </ol>
 * A {@code CommitFailedException} (the table moved) is retried. A
 * {@code CommitStateUnknownException} is resolved by the next attempt's step 1; files are never
 * deleted here.
 */
final class TableCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(TableCommitter.class);

    /** Raised by the precondition when the marker moved between our read and the swap: recompute. */
    static final class MarkerMoved extends RuntimeException {
        MarkerMoved(String message) {
            super(message, null, false, false);
        }
    }

    /** What a commit produced. */
    record Outcome(long snapshotId, CommitMarker marker, boolean alreadyLanded) {
    }

    private final int maxAttempts;
    private final Duration backoff;

    TableCommitter(int maxAttempts, Duration backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = requireNonNull(backoff, "backoff is null");
    }

    /**
     * @param expected per partition of the batch, the offset this writer last saw committed in this
     *                 table (empty: none); the commit is refused unless the table still holds exactly that
     * @param nextOffsets the batch's next offset per partition
     */
    Outcome commit(Table table, List<DataFile> files, Map<TopicPartition, Optional<Long>> expected,
                   Map<TopicPartition, Long> nextOffsets, Map<TopicPartition, WriterEpoch> writers, String commitId) {
        String writerId = writers.values().stream().map(WriterEpoch::writerId).distinct().sorted()
                .reduce((a, b) -> a + "," + b).orElse("none");
        TableOperations ops = ((HasTableOperations) table).operations();
        RuntimeException last = null;
        boolean unknown = false;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            TableMetadata base = ops.refresh();
            if (CommitMarker.landed(base, commitId)) {
                LOG.info("Commit {} to {} had already landed (attempt {})", commitId, table.name(), attempt);
                return new Outcome(base.currentSnapshot().snapshotId(), CommitMarker.latest(base), true);
            }
            CommitMarker prior = CommitMarker.latest(base);
            checkFence(table.name(), prior, expected, writers);
            checkAdvance(table.name(), prior, nextOffsets);
            CommitMarker next = prior;
            for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                TopicPartition tp = e.getKey();
                long offset = Math.max(e.getValue(), prior.offset(tp).orElse(0L));
                next = next.advance(Map.of(tp, offset), writers.get(tp).epoch(), writerId, commitId);
            }
            if (nextOffsets.isEmpty()) {
                next = next.advance(Map.of(), 0, writerId, commitId);
            }

            Table fenced = new BaseTable(new FencedTableOperations(ops, metadata -> {
                CommitMarker now = CommitMarker.latest(metadata);
                if (!now.equals(prior)) {
                    throw new MarkerMoved("Sluice marker of " + table.name() + " moved from commit "
                            + prior.commitId() + " to " + now.commitId() + " while committing " + commitId);
                }
            }), table.name());
            AppendFiles append = fenced.newAppend();
            files.forEach(append::appendFile);
            next.toSummary().forEach(append::set);
            try {
                append.commit();
                long snapshotId = ops.current().currentSnapshot().snapshotId();
                return new Outcome(snapshotId, next, false);
            } catch (MarkerMoved e) {
                last = e;
                LOG.info("{}; retrying (attempt {} of {})", e.getMessage(), attempt, maxAttempts);
            } catch (org.apache.iceberg.exceptions.CommitFailedException e) {
                last = e;
                LOG.warn("Commit {} to {} failed, retrying (attempt {} of {}): {}", commitId, table.name(),
                        attempt, maxAttempts, e.getMessage());
            } catch (org.apache.iceberg.exceptions.CommitStateUnknownException e) {
                last = e;
                unknown = true;
                LOG.warn("Commit {} to {} in unknown state; re-reading the table (attempt {} of {}): {}",
                        commitId, table.name(), attempt, maxAttempts, e.getMessage());
            }
            pause(attempt);
        }
        if (unknown) {
            // One last look: if it landed, it landed.
            TableMetadata base = ops.refresh();
            if (CommitMarker.landed(base, commitId)) {
                return new Outcome(base.currentSnapshot().snapshotId(), CommitMarker.latest(base), true);
            }
            throw new CommitStateUnknownException("Commit " + commitId + " to " + table.name()
                    + " may or may not have landed after " + maxAttempts + " attempts", last);
        }
        throw new CommitFailedException("Commit " + commitId + " to " + table.name() + " failed after "
                + maxAttempts + " attempts", last);
    }

    static void checkFence(String table, CommitMarker prior, Map<TopicPartition, Optional<Long>> expected,
                           Map<TopicPartition, WriterEpoch> writers) {
        for (Map.Entry<TopicPartition, Optional<Long>> e : expected.entrySet()) {
            TopicPartition tp = e.getKey();
            WriterEpoch writer = requireNonNull(writers.get(tp), () -> "no writer for " + tp);
            long theirEpoch = prior.epoch(tp);
            if (theirEpoch > writer.epoch()) {
                throw new WriterFencedException("Writer " + writer.writerId() + " at epoch " + writer.epoch()
                        + " is fenced on " + table + " " + tp + ": writer " + prior.writerId()
                        + " committed it at epoch " + theirEpoch);
            }
            Optional<Long> committed = prior.offset(tp);
            if (!committed.equals(e.getValue())) {
                throw new WriterFencedException("Writer " + writer.writerId() + " at epoch " + writer.epoch()
                        + " is fenced on " + table + " " + tp + ": expected committed offset "
                        + e.getValue().map(String::valueOf).orElse("none") + " but writer " + prior.writerId()
                        + " committed " + committed.map(String::valueOf).orElse("none")
                        + " at epoch " + theirEpoch);
            }
        }
    }

    /** A batch must move every partition forward: one that does not is a replay of committed input. */
    static void checkAdvance(String table, CommitMarker prior, Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((tp, next) -> prior.offset(tp).ifPresent(committed -> {
            if (next <= committed) {
                throw new WriterFencedException("Positions of " + tp + " do not advance in " + table + ": the batch ends at "
                        + next + " but " + committed + " is already committed by writer " + prior.writerId()
                        + "; re-read the committed positions and resume there");
            }
        }));
    }

    private void pause(int attempt) {
        long millis = Math.min(backoff.toMillis() * (1L << Math.min(attempt - 1, 6)), 10_000);
        if (millis <= 0) {
            return;
        }
        try {
            // A deliberate backoff between commit attempts, not a test wait.
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
        } catch (RuntimeException ignored) {
            // parkNanos does not throw
        }
    }
}
