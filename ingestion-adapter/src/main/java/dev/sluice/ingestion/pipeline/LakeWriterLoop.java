package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.application.port.in.IncomingEvent;
import dev.sluice.domain.application.port.in.IngestEventsUseCase;
import dev.sluice.domain.application.port.in.IngestResult;
import dev.sluice.domain.application.port.in.IngestSession;
import dev.sluice.domain.application.port.out.EventLake;
import dev.sluice.domain.model.error.CommitFailedException;
import dev.sluice.domain.model.error.CommitStateUnknownException;
import dev.sluice.domain.model.error.InfrastructureException;
import dev.sluice.domain.model.ingest.StreamPositions;
import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.ingestion.kafka.RecordDecoder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The pipeline's consumer loop: one thread, one {@link Consumer}, the lake owning the offsets.
 * <ol>
 *   <li>On every assignment: claim the partitions in the lake (epoch = group generation), seek
 *       to the lake's committed next offsets (the beginning when none), rebuild their seen-event
 *       index from the lake. The group's committed offsets are never read.</li>
 *   <li>Open an {@link IngestSession} at the first record of a batch. After each poll, decode its
 *       records (parse with limits, truncated header → OVERSIZED, topic → envelope mapping) and add
 *       them to the session as one chunk: the use case decides them and writes the stored events
 *       to the lake's pending append at once, so no decoded item outlives its poll.</li>
 *   <li>When the session holds {@code maxBatchEvents} items, or its first item is
 *       {@code maxBatchInterval} old, or it holds {@code caughtUpBatchEvents} items and the consumer
 *       has read to the end of every partition it owns (the end of a backlog: waiting longer would
 *       only delay its visibility), prepare it and commit it on the committer thread: dead letters,
 *       then one atomic lake commit of the events and the positions after every item added.
 *       Meanwhile this thread polls and decides the next batch, in a session opened after the one
 *       committing, whose dedup sees its stored events. Once the commit returned, this thread lets
 *       the index learn the stored events (publish). A batch is prepared only after the one before
 *       it is published, so commits stay in stream order and at most one runs.</li>
 *   <li>Only then commit the same positions to the group (informational, for lag tools).</li>
 *   <li>On revocation or loss, first wait for the commit in flight (publish it, or note its failure),
 *       then abandon (close) the open session (nothing of it is committed; the lake fences a stale
 *       writer too), release the partitions and drop their index.</li>
 *   <li>On a failed chunk or commit ({@link CommitFailedException}) or any infrastructure failure:
 *       wait for the commit in flight, abandon the session (and a failed committed one's successor),
 *       back off, claim again, seek to the lake's positions and retry from there. On
 *       {@link CommitStateUnknownException}: the same, and reload the index of every partition,
 *       because the commit may have happened without the index learning of it.</li>
 * </ol>
 * Every item of a batch therefore ends in exactly one place, once, whatever fails where.
 */
final class LakeWriterLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(LakeWriterLoop.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** Plain settings of the loop. */
    record Settings(List<String> topics, String writerId, int maxBatchEvents, Duration maxBatchInterval,
                    int caughtUpBatchEvents, Duration pollTimeout, Duration retryBackoff) {
        Settings {
            topics = List.copyOf(topics);
            requireNonNull(writerId, "writerId is null");
            if (maxBatchEvents < 1) {
                throw new IllegalArgumentException("maxBatchEvents must be positive, got " + maxBatchEvents);
            }
            if (caughtUpBatchEvents < 0) {
                throw new IllegalArgumentException("caughtUpBatchEvents must be 0 (off) or positive, got "
                        + caughtUpBatchEvents);
            }
        }
    }

    /** Why a batch was closed; the tag of {@code sluice_pipeline_batches_closed_total{trigger}}. */
    enum Trigger {
        SIZE("size"), AGE("age"), CAUGHT_UP("caught_up");

        final String tag;

        Trigger(String tag) {
            this.tag = tag;
        }
    }

    enum State { STARTING, RUNNING, RETRYING, STOPPED, FAILED }

    /** A prepared batch and its commit, which returns the commit's duration in nanoseconds. */
    private record InFlight(IngestSession session, PipelineMetrics.BatchTally tally, StreamPositions positions,
                            long items, Future<Long> took) {
    }

    private final Settings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder decoder;
    private final IngestEventsUseCase useCase;
    /** The lake the use case writes to: it owns the stream positions ({@link EventLake#claim}). */
    private final EventLake lake;
    private final PartitionedSeenEventIndex index;
    private final SeenEventHistory history;
    private final PipelineMetrics metrics;

    /** The batch being ingested, null between batches. */
    private IngestSession session;
    /** The prepared batch whose commit runs on the committer thread, null when none. */
    private InFlight inFlight;
    private final ExecutorService committer;
    private PipelineMetrics.BatchTally tally;
    private long batchStartedNanos;
    private boolean resyncNeeded;
    private boolean reloadIndex;
    private long backoffMillis;
    private volatile boolean running = true;
    /** Partition 0 of the first topic by name: its owner leads the lake's maintenance ({@link MaintenanceLeadership}). */
    private final TopicPartition leaderPartition;
    private volatile boolean leadsMaintenance;
    private volatile State state = State.STARTING;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong itemsCommitted = new AtomicLong();

    LakeWriterLoop(Settings settings, Consumer<byte[], byte[]> consumer, RecordDecoder decoder,
                   IngestEventsUseCase useCase, EventLake lake, PartitionedSeenEventIndex index,
                   SeenEventHistory history, PipelineMetrics metrics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.useCase = requireNonNull(useCase, "useCase is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.index = requireNonNull(index, "index is null");
        this.history = requireNonNull(history, "history is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.leaderPartition = new TopicPartition(settings.topics().stream().sorted().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the pipeline has no topic")), 0);
        this.committer = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("sluice-lake-committer")
                .factory());
    }

    State state() {
        return state;
    }

    long batches() {
        return batches.get();
    }

    long itemsCommitted() {
        return itemsCommitted.get();
    }

    /** Whether this loop's consumer owns {@link #leaderPartition()}, so that this instance leads maintenance. */
    boolean leadsMaintenance() {
        return leadsMaintenance;
    }

    TopicPartition leaderPartition() {
        return leaderPartition;
    }

    /** Asks the loop to stop after the current step; the in-flight batch is abandoned, never half-committed. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(settings.topics(), new Rebalance());
            while (running) {
                try {
                    step();
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (CommitStateUnknownException e) {
                    recover("commit_state_unknown", e, true);
                } catch (CommitFailedException e) {
                    recover("commit_failed", e, false);
                } catch (InfrastructureException e) {
                    recover("infrastructure", e, e.errorCode().name().equals("SEEN_EVENT_INDEX_UNAVAILABLE"));
                } catch (KafkaException e) {
                    recover("kafka", e, false);
                } catch (RuntimeException e) {
                    // An adapter let an unwrapped failure through (a JDBC or S3 client error): treat it as
                    // infrastructure of unknown outcome, never as a reason to stop consuming.
                    recover("unexpected", e, true);
                }
            }
            state = State.STOPPED;
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            LOG.error("The lake writer loop failed and stopped", e);
            throw e;
        } finally {
            leadsMaintenance = false;
            settleInFlight();
            abandon();
            committer.shutdown();
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("Closing the consumer failed", e);
            }
        }
    }

    private void step() {
        if (resyncNeeded) {
            resync(consumer.assignment());
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
        if (inFlight != null && inFlight.took().isDone()) {
            finishInFlight(); // publish the committed batch (or throw its failure) before deciding more
        }
        if (!records.isEmpty()) {
            // The rebalance callbacks ran inside poll: a session still open here holds only records of
            // partitions this consumer still owns.
            List<IncomingEvent> chunk = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                chunk.add(decoder.decode(r));
            }
            if (session == null) {
                batchStartedNanos = System.nanoTime();
                tally = metrics.newBatch();
                session = inFlight == null ? useCase.open() : useCase.openAfter(inFlight.session());
            }
            IngestResult decided = session.add(chunk);
            tally.add(chunk, decided);
        }
        if (session != null) {
            Trigger trigger = session.items() >= settings.maxBatchEvents() ? Trigger.SIZE
                    : System.nanoTime() - batchStartedNanos >= settings.maxBatchInterval().toNanos() ? Trigger.AGE
                    : caughtUp() ? Trigger.CAUGHT_UP : null;
            if (trigger != null) {
                flush(trigger);
            }
        }
    }

    /**
     * True when the open session holds at least {@code caughtUpBatchEvents} items and the consumer has
     * read every partition it owns to the end its last fetch reported (lag 0, known for each). Mid-backlog
     * the lag is positive; a trickle stays below the threshold and waits for {@code maxBatchInterval}, so
     * this never turns a slow stream into a commit per poll.
     */
    private boolean caughtUp() {
        int min = settings.caughtUpBatchEvents();
        if (min == 0 || session.items() < min) {
            return false;
        }
        Set<TopicPartition> owned = consumer.assignment();
        if (owned.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : owned) {
            java.util.OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Prepares the open session and starts its commit, once the batch before it is committed and published. */
    private void flush(Trigger trigger) {
        metrics.batchClosed(trigger);
        finishInFlight(); // usually long done; throws its failure (the open session is then abandoned)
        StreamPositions after = session.prepare();
        IngestSession prepared = session;
        InFlight next = new InFlight(prepared, tally, after, prepared.items(), committer.submit(() -> {
            long started = System.nanoTime();
            prepared.commitPrepared();
            return System.nanoTime() - started;
        }));
        session = null;
        tally = null;
        inFlight = next;
    }

    /**
     * Waits for the commit in flight, if any; publishes it and records it, or closes it and rethrows its
     * failure (a {@link RuntimeException} or {@link Error}, as the commit threw it).
     */
    private void finishInFlight() {
        InFlight f = inFlight;
        if (f == null) {
            return;
        }
        long took;
        try {
            took = awaitUninterruptibly(f.took());
        } catch (ExecutionException e) {
            inFlight = null;
            LOG.warn("The commit of the batch of {} items failed: {}", f.items(), e.getCause().toString());
            try {
                f.session().close(); // its append was closed by the failed commit; the files it must keep stay
            } catch (RuntimeException again) {
                LOG.warn("Closing the failed batch of {} items failed: {}", f.items(), again.toString());
            }
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException("The lake commit failed: " + e.getCause(), e.getCause());
            }
        }
        inFlight = null;
        f.session().publish();
        batches.incrementAndGet();
        itemsCommitted.addAndGet(f.items());
        metrics.recordBatch(f.tally(), took);
        backoffMillis = 0;
        state = State.RUNNING;
        commitGroupOffsets(f.positions());
        LOG.debug("Batch of {} items committed in {} ms", f.items(), took / 1_000_000);
    }

    /**
     * {@link #finishInFlight()} for the paths that give up anyway (revocation, recovery, stop): a failure
     * of the commit is logged and makes the next resync reload the index, never thrown.
     */
    private void settleInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            finishInFlight();
        } catch (RuntimeException | Error e) {
            metrics.recordFailure("commit_in_flight");
            LOG.warn("The batch committing in the background failed: {}; re-reading the lake's positions", e.toString());
            resyncNeeded = true;
            reloadIndex = true; // its outcome may be unknown, and a successor's decisions are void
        }
    }

    private static long awaitUninterruptibly(Future<Long> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the commit owns the batch's files: wait for it
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void commitGroupOffsets(StreamPositions after) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        after.nextOffsets().forEach((tp, next) -> offsets.put(new TopicPartition(tp.topic(), tp.partition()),
                new OffsetAndMetadata(next)));
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
        } catch (KafkaException e) {
            // Informational only: the lake holds the positions that count.
            LOG.info("Committing the group offsets (for lag tools) failed after the lake commit: {}", e.toString());
        }
        recordLag(after);
    }

    /** Abandons the open session, if any: nothing of it is committed, the index is unchanged. */
    private long abandon() {
        if (session == null) {
            return 0;
        }
        long items = session.items();
        IngestSession abandoned = session;
        session = null;
        tally = null;
        try {
            abandoned.close();
        } catch (RuntimeException e) {
            // Its files may stay behind as orphans (removed by maintenance); nothing of it is visible.
            LOG.warn("Abandoning the batch of {} items failed: {}", items, e.toString());
        }
        return items;
    }

    private void recordLag(StreamPositions after) {
        try {
            Set<TopicPartition> parts = new HashSet<>();
            after.nextOffsets().keySet().forEach(tp -> parts.add(new TopicPartition(tp.topic(), tp.partition())));
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts, Duration.ofSeconds(2));
            after.nextOffsets().forEach((tp, next) -> {
                Long end = ends.get(new TopicPartition(tp.topic(), tp.partition()));
                if (end != null) {
                    metrics.recordLag(tp.topic(), tp.partition(), Math.max(0, end - next));
                }
            });
        } catch (KafkaException e) {
            LOG.debug("Cannot read end offsets for the lag: {}", e.toString());
        }
    }

    private void recover(String kind, RuntimeException e, boolean reload) {
        metrics.recordFailure(kind);
        state = State.RETRYING;
        settleInFlight(); // the lake's positions are read after it, whatever its outcome
        long abandoned = abandon();
        LOG.warn("Batch of {} items abandoned ({}): {}; re-reading the lake's positions and retrying", abandoned,
                kind, e.toString());
        resyncNeeded = true;
        reloadIndex |= reload;
        backoffMillis = backoffMillis == 0 ? settings.retryBackoff().toMillis() : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        long until = System.nanoTime() + backoffMillis * 1_000_000;
        // A bounded wait that stop() interrupts through wakeup: poll nothing while paused.
        Set<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        try {
            while (running && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000))));
            }
        } catch (WakeupException stopping) {
            if (running) {
                throw stopping;
            }
        } catch (KafkaException again) {
            // A rebalance callback failed while paused (it already asked for a resync): retry in the main loop.
            LOG.warn("While backing off: {}", again.toString());
        } finally {
            if (running) {
                consumer.resume(consumer.assignment());
            }
        }
    }

    /** Claims {@code partitions}, seeks to the lake's positions, and loads their index when needed. */
    private void resync(Collection<TopicPartition> partitions) {
        settleInFlight();
        abandon();
        if (partitions.isEmpty()) {
            resyncNeeded = false;
            return;
        }
        Set<dev.sluice.domain.model.ingest.TopicPartition> ours = domain(partitions);
        int epoch = consumer.groupMetadata().generationId();
        StreamPositions committed = lake.claim(new WriterEpoch(settings.writerId(), Math.max(0, epoch)), ours);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            var next = committed.nextOffset(new dev.sluice.domain.model.ingest.TopicPartition(tp.topic(), tp.partition()));
            if (next.isPresent()) {
                consumer.seek(tp, next.get());
            } else {
                fromStart.add(tp);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        for (dev.sluice.domain.model.ingest.TopicPartition tp : ours) {
            if (reloadIndex || !index.isReady(tp)) {
                index.load(tp, history);
            }
        }
        reloadIndex = false;
        resyncNeeded = false;
        LOG.info("Writer {} epoch {} resumed {} at the lake's positions {}", settings.writerId(), epoch, ours,
                committed.nextOffsets());
    }

    private static Set<dev.sluice.domain.model.ingest.TopicPartition> domain(Collection<TopicPartition> partitions) {
        Set<dev.sluice.domain.model.ingest.TopicPartition> out = new HashSet<>();
        for (TopicPartition tp : partitions) {
            out.add(new dev.sluice.domain.model.ingest.TopicPartition(tp.topic(), tp.partition()));
        }
        return out;
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            giveUp(partitions, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            giveUp(partitions, "lost");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // With a cooperative assignor the retained partitions keep their fetch positions, but the
            // abandoned batch held their records too: resync everything we own.
            boolean leads = consumer.assignment().contains(leaderPartition);
            if (leads != leadsMaintenance) {
                LOG.info("{} lake maintenance: partition {} is {} assigned here", leads ? "Leading" : "Not leading",
                        leaderPartition, leads ? "now" : "not");
            }
            leadsMaintenance = leads;
            try {
                resync(consumer.assignment());
            } catch (RuntimeException e) {
                LOG.warn("Resuming {} failed: {}; retrying before the next poll", partitions, e.toString());
                resyncNeeded = true;
                reloadIndex = true;
                throw e;
            }
        }

        private void giveUp(Collection<TopicPartition> partitions, String why) {
            if (partitions.isEmpty()) {
                return;
            }
            if (partitions.contains(leaderPartition) && leadsMaintenance) {
                leadsMaintenance = false;
                LOG.info("Not leading lake maintenance any more: partition {} {}", leaderPartition, why);
            }
            settleInFlight(); // its commit lands (or fails) before the partitions are released
            long abandoned = abandon();
            if (abandoned > 0) {
                LOG.info("Partitions {} {}: abandoned the batch of {} items (nothing of it was committed)",
                        partitions, why, abandoned);
            }
            resyncNeeded = true;
            Set<dev.sluice.domain.model.ingest.TopicPartition> ours = domain(partitions);
            ours.forEach(index::drop);
            try {
                lake.release(ours);
            } catch (RuntimeException e) {
                LOG.warn("Releasing {} in the lake failed: {}", ours, e.toString());
            }
        }
    }
}
