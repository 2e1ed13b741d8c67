package dev.sluice.domain.application.service.ingest;

import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The dedup entries of the events one session stored in one dedup partition, in the order they
 * were stored, until the session is published to the seen-event index.
 *
 * <p>A session holds up to a whole batch (200,000 events by default) for several seconds, long
 * enough for every young collection to copy what it holds. So the entries live in parallel
 * primitive arrays (36 bytes each, plus an index of 4 to 8 bytes), not as a map of objects (about
 * 130 bytes and five objects each). Lookups go through an open-addressing table of positions,
 * keyed by the key's first 64 bits, which are already uniformly distributed (SHA-256).
 *
 * <p>Not thread-safe: the session's own thread uses it.
 */
final class SessionSeenEvents {

    private static final int INITIAL_CAPACITY = 64;

    private long[] highs = new long[INITIAL_CAPACITY];
    private long[] lows = new long[INITIAL_CAPACITY];
    private long[] fingerprints = new long[INITIAL_CAPACITY];
    private long[] seconds = new long[INITIAL_CAPACITY];
    private int[] nanos = new int[INITIAL_CAPACITY];
    /** Position + 1 of the entry in each slot, 0 when the slot is empty; at most half full. */
    private int[] slots = new int[2 * INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The entry of {@code key}, or null. */
    SeenEvent get(EventKey key) {
        int position = find(key.high(), key.low());
        return position < 0 ? null : entry(position);
    }

    /** Adds the entry of a key that is not here yet; one probe finds its slot and refuses a key already here. */
    void add(SeenEvent entry) {
        requireNonNull(entry, "entry is null");
        long high = entry.key().high();
        long low = entry.key().low();
        if (size == highs.length) {
            grow();
        }
        int[] t = slots;
        int mask = t.length - 1;
        int slot = (int) high & mask;
        for (int e; (e = t[slot]) != 0; slot = (slot + 1) & mask) {
            if (highs[e - 1] == high && lows[e - 1] == low) {
                throw new IllegalArgumentException("key " + entry.key() + " is already in this session");
            }
        }
        int position = size++;
        highs[position] = high;
        lows[position] = low;
        fingerprints[position] = entry.fingerprint().value();
        seconds[position] = entry.ingestTime().getEpochSecond();
        nanos[position] = entry.ingestTime().getNano();
        t[slot] = position + 1;
    }

    /** Every entry, in the order they were added; unmodifiable. */
    List<SeenEvent> toList() {
        List<SeenEvent> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(entry(i));
        }
        return Collections.unmodifiableList(all);
    }

    private SeenEvent entry(int position) {
        return new SeenEvent(new EventKey(highs[position], lows[position]), new ContentFingerprint(fingerprints[position]),
                Instant.ofEpochSecond(seconds[position], nanos[position]));
    }

    private int find(long high, long low) {
        int[] t = slots;
        int mask = t.length - 1;
        for (int slot = (int) high & mask; ; slot = (slot + 1) & mask) {
            int entry = t[slot];
            if (entry == 0) {
                return -1;
            }
            if (highs[entry - 1] == high && lows[entry - 1] == low) {
                return entry - 1;
            }
        }
    }

    private void place(int position) {
        int[] t = slots;
        int mask = t.length - 1;
        int slot = (int) highs[position] & mask;
        while (t[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        t[slot] = position + 1;
    }

    private void grow() {
        int capacity = 2 * highs.length;
        highs = Arrays.copyOf(highs, capacity);
        lows = Arrays.copyOf(lows, capacity);
        fingerprints = Arrays.copyOf(fingerprints, capacity);
        seconds = Arrays.copyOf(seconds, capacity);
        nanos = Arrays.copyOf(nanos, capacity);
        slots = new int[2 * capacity];
        for (int i = 0; i < size; i++) {
            place(i);
        }
    }
}
