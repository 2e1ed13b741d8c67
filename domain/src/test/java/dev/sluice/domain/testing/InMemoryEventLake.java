package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.application.port.out.PendingAppend;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.error.CommitStateUnknownException;
import dev.sluice.domain.model.ingest.KafkaCoordinates;
import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.TopicPartition;
import dev.sluice.domain.model.ingest.WriterEpoch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A hand-written fake {@link EventLake}: an atomic in-memory "table" with committed positions.
 * It refuses commits whose positions do not advance (a fenced writer, a batch committed twice) and can be told to fail the next
 * commit, cleanly or in an unknown state (the commit then happens, like a timeout after success).
 * Thread-safe.
 */
public final class InMemoryEventLake implements EventLake {

    /** How the next commit fails. */
    public enum Failure { NONE, FAILED, STATE_UNKNOWN_AFTER_COMMIT }

    private final List<StoredEvent> committed = new ArrayList<>();
    private final Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    private final Map<TopicPartition, WriterEpoch> claimed = new LinkedHashMap<>();
    private int commits;
    private Failure nextFailure = Failure.NONE;

    /**
     * Records the claim and returns the committed positions of {@code partitions}. The fake has one
     * writer: it does not fence a writer of a smaller epoch (the Iceberg adapter's own tests cover
     * fencing between writers).
     */
    @Override
    public synchronized StreamPositions claim(WriterEpoch writer, Set<TopicPartition> partitions) {
        requireNonNull(writer, "writer is null");
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            claimed.put(tp, writer);
            Long next = positions.get(tp);
            if (next != null) {
                out.put(tp, next);
            }
        }
        return new StreamPositions(out);
    }

    @Override
    public synchronized void release(Set<TopicPartition> partitions) {
        partitions.forEach(claimed::remove);
    }

    /** The partitions claimed and not released, with their writers. */
    public synchronized Map<TopicPartition, WriterEpoch> claimed() {
        return Map.copyOf(claimed);
    }

    @Override
    public PendingAppend begin() {
        return new Pending();
    }

    /** Makes the next {@link PendingAppend#complete(StreamPositions)} fail as given. */
    public synchronized void failNextCommit(Failure failure) {
        this.nextFailure = requireNonNull(failure, "failure is null");
    }

    public synchronized List<StoredEvent> committedEvents() {
        return List.copyOf(committed);
    }

    public synchronized StreamPositions committedPositions() {
        return new StreamPositions(positions);
    }

    public synchronized int commits() {
        return commits;
    }

    private synchronized void commit(StreamPositions batchPositions, List<StoredEvent> events) {
        Failure failure = nextFailure;
        nextFailure = Failure.NONE;
        if (failure == Failure.FAILED) {
            throw new CommitFailedException("injected commit failure of " + events.size() + " events", null);
        }
        batchPositions.nextOffsets().forEach((tp, next) -> {
            Long current = positions.get(tp);
            if (current != null && next <= current) {
                throw new CommitFailedException("position of " + tp + " does not advance: committed " + current
                        + ", batch ends at " + next + "; a stale writer or a batch committed already", null);
            }
        });
        committed.addAll(events);
        positions.putAll(batchPositions.nextOffsets());
        commits++;
        if (failure == Failure.STATE_UNKNOWN_AFTER_COMMIT) {
            throw new CommitStateUnknownException("injected timeout after a successful commit", null);
        }
    }

    private final class Pending implements PendingAppend {
        private final List<StoredEvent> written = new ArrayList<>();
        private boolean completed;
        private boolean closed;

        @Override
        public void write(StoredEvent event) {
            requireNonNull(event, "event is null");
            if (completed || closed) {
                throw new IllegalStateException("cannot write to a batch that is " + (completed ? "completed" : "closed"));
            }
            written.add(event);
        }

        @Override
        public void complete(StreamPositions batchPositions) {
            requireNonNull(batchPositions, "batchPositions is null");
            if (completed || closed) {
                throw new IllegalStateException("cannot complete a batch that is " + (completed ? "completed" : "closed"));
            }
            for (StoredEvent event : written) {
                if (event.channel() instanceof KafkaCoordinates k
                        && !batchPositions.nextOffsets().containsKey(k.topicPartition())) {
                    throw new IllegalArgumentException("Event " + event.envelope().eventId() + " at " + k.describe()
                            + " is outside the batch's positions " + batchPositions.nextOffsets());
                }
            }
            completed = true;
            commit(batchPositions, List.copyOf(written));
        }

        @Override
        public void close() {
            closed = true;
            written.clear();
        }
    }
}
