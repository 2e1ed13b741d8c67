package dev.sluice.lake;

import dev.sluice.domain.model.ingest.StoredEvent;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One batch's row work (row mapping, Parquet encoding, compression) on a dedicated thread, so that
 * it runs on the second core while the calling thread decodes and validates the next records.
 * Events are handed over in chunks through a bounded queue: one hand-off per chunk, not per event,
 * and at most {@code capacity} full chunks wait (the caller blocks beyond, which bounds memory).
 *
 * <p>Lifecycle (one calling thread, as for {@link dev.sluice.domain.application.port.out.PendingAppend}):
 * <ol>
 *   <li>{@link #submit} adds an event to the current chunk and hands a full chunk over; the thread
 *       starts with the first chunk.</li>
 *   <li>{@link #finish} hands over the rest, waits until the thread has written every event and has
 *       ended, and rethrows its failure. After it returns, everything the sink did happened-before.</li>
 *   <li>{@link #abandon} drops what still waits, lets the thread end after its current chunk, and
 *       waits for it. Idempotent.</li>
 * </ol>
 * A failure of the sink stops the writing: later chunks are dropped, and the failure (the same
 * exception) is rethrown by the next {@link #submit} and by {@link #finish}.
 */
final class BatchWriterThread {

    /** Events per hand-over; with {@link #DEFAULT_CAPACITY}, at most 4,096 events wait per thread (ADR-084). */
    static final int DEFAULT_CHUNK = 256;
    static final int DEFAULT_CAPACITY = 16;

    private record Chunk(StoredEvent[] events, int size) {
    }

    private static final Chunk END = new Chunk(new StoredEvent[0], 0);

    private final String name;
    private final Consumer<StoredEvent> sink;
    private final int chunkSize;
    private final BlockingQueue<Chunk> queue;
    private StoredEvent[] current;
    private int size;
    private Thread thread;
    private boolean ended;
    private volatile Throwable failure;
    private volatile boolean abandoned;
    /** The thread's CPU time, set when it ends. */
    private volatile long cpuNanos;

    BatchWriterThread(String name, Consumer<StoredEvent> sink) {
        this(name, sink, DEFAULT_CHUNK, DEFAULT_CAPACITY);
    }

    BatchWriterThread(String name, Consumer<StoredEvent> sink, int chunkSize, int capacity) {
        this.name = requireNonNull(name, "name is null");
        this.sink = requireNonNull(sink, "sink is null");
        if (chunkSize < 1 || capacity < 1) {
            throw new IllegalArgumentException("chunkSize and capacity must be 1 or more, got " + chunkSize
                    + " and " + capacity);
        }
        this.chunkSize = chunkSize;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // + 1: room for END after a clear
    }

    /** Queues {@code event}; throws the writer thread's failure, if it failed. */
    void submit(StoredEvent event) {
        rethrowFailure();
        if (ended) {
            throw new IllegalStateException("Writer thread " + name + " has ended");
        }
        if (current == null) {
            current = new StoredEvent[chunkSize];
        }
        current[size++] = event;
        if (size == chunkSize) {
            handOver();
        }
    }

    /** Writes everything queued, ends the thread and rethrows its failure. Idempotent. */
    void finish() {
        if (!ended) {
            if (size > 0) {
                handOver();
            }
            ended = true;
            if (thread != null) {
                put(END);
                joinUninterruptibly();
            }
        }
        rethrowFailure();
    }

    /** Drops what waits and ends the thread after its current chunk, without writing the rest. Idempotent. */
    void abandon() {
        abandoned = true;
        current = null;
        size = 0;
        ended = true;
        if (thread != null && thread.isAlive()) {
            queue.clear();
            queue.offer(END); // never full after the clear: the calling thread is the only producer
            joinUninterruptibly();
        }
    }

    /** The CPU time the thread used, once it has ended (after {@link #finish}); 0 if it never ran. */
    long cpuNanos() {
        return cpuNanos;
    }

    /** True while the thread runs (for tests). */
    boolean running() {
        return thread != null && thread.isAlive();
    }

    private void handOver() {
        if (thread == null) {
            thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
            thread.start();
        }
        put(new Chunk(current, size));
        current = null;
        size = 0;
    }

    private void put(Chunk chunk) {
        try {
            queue.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new IllegalStateException("Interrupted while handing events to writer thread " + name, e);
        }
    }

    private void joinUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the thread ends after its current chunk: wait for it, it owns the files
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws the writer thread's failure, if it failed. */
    void rethrowFailure() {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        switch (f) {
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> throw new IllegalStateException("Writer thread " + name + " failed: " + f, f);
        }
    }

    private void run() {
        try {
            loop();
        } finally {
            cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private void loop() {
        while (true) {
            Chunk chunk;
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                return; // nobody interrupts this thread but the JVM's shutdown
            }
            if (chunk == END) {
                return;
            }
            if (failure != null || abandoned) {
                continue;
            }
            try {
                StoredEvent[] events = chunk.events();
                for (int i = 0, n = chunk.size(); i < n && !abandoned; i++) {
                    sink.accept(events[i]);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
