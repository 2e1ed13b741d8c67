package dev.sluice.ingestion.pipeline;

import java.util.Arrays;

/**
 * The seen events of one stream partition, packed: per slot 96 bits of the 128-bit key (the high
 * {@code long} and the top half of the low one), the 64-bit content fingerprint (a long) and the
 * ingest time (an int of milliseconds after a per-table base), 24 bytes, in flat primitive arrays
 * (no object per entry).
 *
 * <p>Why 96 key bits are enough: an entry is only ever used to call a copy a DUPLICATE (dropped)
 * when both its key and its fingerprint match, and the fingerprint covers the source and the
 * event id as well as the content; two different events must therefore collide on 96 key bits
 * and 64 fingerprint bits at once. A key-only collision (about 10<sup>-13</sup> for 10<sup>8</sup>
 * ids held in one partition) makes a CONFLICTING_DUPLICATE dead letter, which is kept and can be
 * replayed, never a loss.
 *
 * <p>Open addressing with Robin Hood linear probing, so that a lookup of an absent key stops as
 * soon as it meets a slot whose entry is closer to its home than the probe is. The capacity is any
 * integer (not a power of two): the home slot is {@code (hi >>> 32) * capacity >>> 32}, the keys
 * being SHA-256 bits and so uniform. The table is rebuilt, dropping expired entries, when it is
 * {@value #MAX_LOAD} full; the new capacity holds the live entries at {@value #TARGET_LOAD}. So a
 * slot-array costs 24 / load bytes per held entry: 26.1 at the maximum load, 30 just after a
 * rebuild, within issue 5's budget of 32 bytes per event id.
 *
 * <p>Expiry is in stream time: the watermark is the greatest ingest time remembered; an entry
 * whose ingest time is before {@code watermark - horizon} is expired, never returned, and dropped
 * at the next rebuild. Ingest times are stored relative to {@link #base}, which is moved forward
 * (with a rebuild) before any live entry could leave the int range; this needs a horizon below
 * about 24 days.
 *
 * <p>Not thread-safe: the owning index synchronises per partition.
 */
final class PackedSeenEventTable {

    static final double MAX_LOAD = 0.92;
    static final double TARGET_LOAD = 0.80;
    static final int BYTES_PER_SLOT = 24;
    private static final int MIN_CAPACITY = 64;
    private static final int EMPTY = -1;
    /** A relative time must stay below this; a margin keeps the arithmetic away from overflow. */
    private static final long MAX_RELATIVE = Integer.MAX_VALUE - 1L;

    private final long horizonMillis;
    private long[] highs;
    /** The top 32 bits of each key's low {@code long}. */
    private int[] lows;
    private long[] fingerprints;
    private int[] times;
    private int capacity;
    private int size;
    private long base;
    private long watermark = Long.MIN_VALUE;
    private long rebuilds;

    PackedSeenEventTable(long horizonMillis, int expectedEntries) {
        if (horizonMillis < 0 || horizonMillis >= MAX_RELATIVE / 2) {
            throw new IllegalArgumentException("the horizon must be between 0 and " + MAX_RELATIVE / 2
                    + " ms for the packed table, got " + horizonMillis);
        }
        this.horizonMillis = horizonMillis;
        allocate(Math.max(MIN_CAPACITY, (int) Math.min(1L << 30, (long) (expectedEntries / TARGET_LOAD) + 1)));
    }

    private void allocate(int newCapacity) {
        capacity = newCapacity;
        highs = new long[newCapacity];
        lows = new int[newCapacity];
        fingerprints = new long[newCapacity];
        times = new int[newCapacity];
        Arrays.fill(times, EMPTY);
        size = 0;
    }

    /** Slot of the unexpired entry of key ({@code hi}, {@code lo}), or -1. */
    int find(long hi, long lo) {
        if (watermark == Long.MIN_VALUE) {
            return -1;
        }
        int slot = home(hi);
        int distance = 0;
        while (true) {
            int t = times[slot];
            if (t == EMPTY) {
                return -1;
            }
            long slotHi = highs[slot];
            if (slotHi == hi && lows[slot] == low32(lo)) {
                return expired(t) ? -1 : slot;
            }
            if (probeDistance(slot, home(slotHi)) < distance) {
                return -1;
            }
            slot = next(slot);
            distance++;
        }
    }

    long fingerprintAt(int slot) {
        return fingerprints[slot];
    }

    long ingestMillisAt(int slot) {
        return base + times[slot];
    }

    /** Raises the watermark to {@code ingestMillis} if it is later; call for a whole batch before {@link #put}. */
    void advanceWatermark(long ingestMillis) {
        if (ingestMillis > watermark) {
            if (watermark == Long.MIN_VALUE) {
                base = ingestMillis - horizonMillis;
            }
            watermark = ingestMillis;
            if (watermark - base > MAX_RELATIVE) {
                rebuild(capacity);
            }
        }
    }

    /**
     * Remembers an entry unless its key is held and unexpired (the first copy wins) or the entry is
     * itself expired. Returns true when it was added.
     */
    boolean put(long hi, long lo, long fingerprint, long ingestMillis) {
        advanceWatermark(ingestMillis);
        if (ingestMillis < watermark - horizonMillis) {
            return false;
        }
        int existing = findAny(hi, lo);
        if (existing >= 0) {
            if (!expired(times[existing])) {
                return false;
            }
            fingerprints[existing] = fingerprint;
            times[existing] = (int) (ingestMillis - base);
            return true;
        }
        if (size + 1 > (long) (capacity * MAX_LOAD)) {
            rebuild(-1);
        }
        insertNew(hi, lo, fingerprint, (int) (ingestMillis - base));
        return true;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    long rebuilds() {
        return rebuilds;
    }

    /** Bytes held by the slot arrays. */
    long memoryBytes() {
        return (long) capacity * BYTES_PER_SLOT;
    }

    long watermarkMillis() {
        return watermark;
    }

    private int findAny(long hi, long lo) {
        int slot = home(hi);
        int distance = 0;
        while (true) {
            if (times[slot] == EMPTY) {
                return -1;
            }
            long slotHi = highs[slot];
            if (slotHi == hi && lows[slot] == low32(lo)) {
                return slot;
            }
            if (probeDistance(slot, home(slotHi)) < distance) {
                return -1;
            }
            slot = next(slot);
            distance++;
        }
    }

    private void insertNew(long hi, long lo, long fingerprint, int time) {
        int slot = home(hi);
        int distance = 0;
        while (true) {
            int t = times[slot];
            if (t == EMPTY) {
                highs[slot] = hi;
                lows[slot] = low32(lo);
                fingerprints[slot] = fingerprint;
                times[slot] = time;
                size++;
                return;
            }
            long slotHi = highs[slot];
            int slotDistance = probeDistance(slot, home(slotHi));
            if (slotDistance < distance) {
                long slotLo = (long) lows[slot] << 32;
                long slotFp = fingerprints[slot];
                highs[slot] = hi;
                lows[slot] = low32(lo);
                fingerprints[slot] = fingerprint;
                times[slot] = time;
                hi = slotHi;
                lo = slotLo;
                fingerprint = slotFp;
                time = t;
                distance = slotDistance;
            }
            slot = next(slot);
            distance++;
        }
    }

    /** Rebuilds without expired entries, at {@code newCapacity}, or sized for the live entries when negative. */
    private void rebuild(int newCapacity) {
        long oldest = watermark - horizonMillis;
        long[] oldHighs = highs;
        int[] oldLows = lows;
        long[] oldFingerprints = fingerprints;
        int[] oldTimes = times;
        long oldBase = base;
        int live = 0;
        for (int t : oldTimes) {
            if (t != EMPTY && oldBase + t >= oldest) {
                live++;
            }
        }
        int target = newCapacity > 0 ? newCapacity
                : Math.max(MIN_CAPACITY, (int) Math.min(1L << 30, (long) ((live + 1) / TARGET_LOAD) + 1));
        base = Math.max(oldBase, oldest);
        allocate(target);
        for (int slot = 0; slot < oldTimes.length; slot++) {
            int t = oldTimes[slot];
            if (t != EMPTY && oldBase + t >= oldest) {
                insertNew(oldHighs[slot], (long) oldLows[slot] << 32, oldFingerprints[slot], (int) (oldBase + t - base));
            }
        }
        rebuilds++;
    }

    private boolean expired(int relativeTime) {
        return base + relativeTime < watermark - horizonMillis;
    }

    /** The part of the key's low {@code long} that is kept: its top 32 bits. */
    private static int low32(long lo) {
        return (int) (lo >>> 32);
    }

    private int home(long hi) {
        return (int) (((hi >>> 32) * capacity) >>> 32);
    }

    private int next(int slot) {
        return slot + 1 == capacity ? 0 : slot + 1;
    }

    private int probeDistance(int slot, int home) {
        return slot >= home ? slot - home : slot + capacity - home;
    }
}
