package dev.sluice.ingestion.pipeline;


/**
 * The seen events of one stream partition, packed: per slot 96 bits of the 128-bit key (the high
 * {@code long} and the top half of the low one), the 64-bit content fingerprint (a long) and the
 * ingest time (an int of milliseconds after a per-table base), 24 bytes, side by side in one
 * {@code long[]} (three words per slot, no object per entry): a probe or an insert touches one cache
 * line, mostly, rather than one per field (ADR-096).
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
    /** Words per slot: the key's high long; its low long's top 32 bits over the relative time; the fingerprint. */
    private static final int WORDS = 3;

    private final long horizonMillis;
    private long[] slots;
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
        slots = new long[Math.multiplyExact(newCapacity, WORDS)];
        long empty = packed(0, EMPTY);
        for (int i = 1; i < slots.length; i += WORDS) {
            slots[i] = empty;
        }
        size = 0;
    }

    private static long packed(int low32, int time) {
        return (long) low32 << 32 | (time & 0xFFFFFFFFL);
    }

    private static int timeOf(long word) {
        return (int) word;
    }

    private static int lowOf(long word) {
        return (int) (word >>> 32);
    }

    /** Slot of the unexpired entry of key ({@code hi}, {@code lo}), or -1. */
    int find(long hi, long lo) {
        if (watermark == Long.MIN_VALUE) {
            return -1;
        }
        int slot = findAny(hi, lo);
        return slot < 0 || expired(timeOf(slots[slot * WORDS + 1])) ? -1 : slot;
    }

    long fingerprintAt(int slot) {
        return slots[slot * WORDS + 2];
    }

    long ingestMillisAt(int slot) {
        return base + timeOf(slots[slot * WORDS + 1]);
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
            int at = existing * WORDS;
            if (!expired(timeOf(slots[at + 1]))) {
                return false;
            }
            slots[at + 1] = packed(low32(lo), (int) (ingestMillis - base));
            slots[at + 2] = fingerprint;
            return true;
        }
        if (size + 1 > (long) (capacity * MAX_LOAD)) {
            rebuild(-1);
        }
        insertNew(hi, low32(lo), fingerprint, (int) (ingestMillis - base));
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

    /** Bytes held by the slot array. */
    long memoryBytes() {
        return (long) capacity * BYTES_PER_SLOT;
    }

    long watermarkMillis() {
        return watermark;
    }

    private int findAny(long hi, long lo) {
        long[] s = slots;
        int low = low32(lo);
        int slot = home(hi);
        int distance = 0;
        while (true) {
            int at = slot * WORDS;
            long word = s[at + 1];
            if (timeOf(word) == EMPTY) {
                return -1;
            }
            long slotHi = s[at];
            if (slotHi == hi && lowOf(word) == low) {
                return slot;
            }
            if (probeDistance(slot, home(slotHi)) < distance) {
                return -1;
            }
            slot = next(slot);
            distance++;
        }
    }

    private void insertNew(long hi, int low, long fingerprint, int time) {
        long[] s = slots;
        int slot = home(hi);
        int distance = 0;
        while (true) {
            int at = slot * WORDS;
            long word = s[at + 1];
            if (timeOf(word) == EMPTY) {
                s[at] = hi;
                s[at + 1] = packed(low, time);
                s[at + 2] = fingerprint;
                size++;
                return;
            }
            long slotHi = s[at];
            int slotDistance = probeDistance(slot, home(slotHi));
            if (slotDistance < distance) {
                long slotFp = s[at + 2];
                s[at] = hi;
                s[at + 1] = packed(low, time);
                s[at + 2] = fingerprint;
                hi = slotHi;
                low = lowOf(word);
                time = timeOf(word);
                fingerprint = slotFp;
                distance = slotDistance;
            }
            slot = next(slot);
            distance++;
        }
    }

    /** Rebuilds without expired entries, at {@code newCapacity}, or sized for the live entries when negative. */
    private void rebuild(int newCapacity) {
        long oldest = watermark - horizonMillis;
        long[] old = slots;
        long oldBase = base;
        int live = 0;
        for (int at = 0; at < old.length; at += WORDS) {
            int t = timeOf(old[at + 1]);
            if (t != EMPTY && oldBase + t >= oldest) {
                live++;
            }
        }
        int target = newCapacity > 0 ? newCapacity
                : Math.max(MIN_CAPACITY, (int) Math.min(1L << 30, (long) ((live + 1) / TARGET_LOAD) + 1));
        base = Math.max(oldBase, oldest);
        allocate(target);
        for (int at = 0; at < old.length; at += WORDS) {
            long word = old[at + 1];
            int t = timeOf(word);
            if (t != EMPTY && oldBase + t >= oldest) {
                insertNew(old[at], lowOf(word), old[at + 2], (int) (oldBase + t - base));
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
