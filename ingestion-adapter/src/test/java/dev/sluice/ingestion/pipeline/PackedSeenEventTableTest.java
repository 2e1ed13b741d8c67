package dev.sluice.ingestion.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packed table against a plain map of the same entries: random keys (clustered homes, so Robin
 * Hood displaces entries), time moving on so that entries expire and rebuilds drop them, repeated
 * keys (the first copy wins until it expires). Every find, fingerprint and ingest time must agree.
 */
class PackedSeenEventTableTest {

    private record Entry(long fingerprint, long ingestMillis) {
    }

    @Test
    void agreesWithAPlainMapThroughGrowthExpiryAndRebuilds() {
        long horizon = 10_000;
        PackedSeenEventTable table = new PackedSeenEventTable(horizon, 16);
        Map<List<Long>, Entry> model = new HashMap<>();
        Random random = new Random(9);
        List<long[]> keys = new ArrayList<>();
        long now = 1_700_000_000_000L;
        for (int i = 0; i < 200_000; i++) {
            now += random.nextInt(3);
            long hi;
            long lo;
            if (!keys.isEmpty() && random.nextInt(5) == 0) {
                long[] k = keys.get(random.nextInt(keys.size()));
                hi = k[0];
                lo = k[1];
            } else {
                // Few distinct top bits: many keys share a home slot.
                hi = (long) random.nextInt(1 << 12) << 52 | random.nextLong() >>> 12;
                lo = random.nextLong() & 0xFFFFFFFF00000000L;
                keys.add(new long[]{hi, lo});
            }
            long fingerprint = random.nextLong();
            long watermark = now;
            Entry held = model.get(List.of(hi, lo));
            boolean live = held != null && held.ingestMillis() >= watermark - horizon;
            boolean added = table.put(hi, lo, fingerprint, now);
            assertThat(added).as("put %d", i).isEqualTo(!live);
            if (!live) {
                model.put(List.of(hi, lo), new Entry(fingerprint, now));
            }
            if (i % 997 == 0) {
                for (long[] k : keys) {
                    Entry e = model.get(List.of(k[0], k[1]));
                    int slot = table.find(k[0], k[1]);
                    boolean expected = e != null && e.ingestMillis() >= watermark - horizon;
                    assertThat(slot >= 0).as("find after %d puts", i).isEqualTo(expected);
                    if (expected) {
                        assertThat(table.fingerprintAt(slot)).isEqualTo(e.fingerprint());
                        assertThat(table.ingestMillisAt(slot)).isEqualTo(e.ingestMillis());
                    }
                }
            }
        }
        assertThat(table.rebuilds()).as("the table grew and dropped expired entries").isGreaterThan(3);
        assertThat(table.memoryBytes()).isEqualTo((long) table.capacity() * PackedSeenEventTable.BYTES_PER_SLOT);
        assertThat((double) table.memoryBytes() / table.size()).as("bytes per held entry").isLessThan(32.0);
    }
}
