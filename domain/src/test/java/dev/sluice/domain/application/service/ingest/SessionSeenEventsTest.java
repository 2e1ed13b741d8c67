package dev.sluice.domain.application.service.ingest;

import dev.sluice.domain.model.dedup.ContentFingerprint;
import dev.sluice.domain.model.dedup.EventKey;
import dev.sluice.domain.model.dedup.SeenEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionSeenEventsTest {

    private static SeenEvent entry(long high, long low, long fingerprint, Instant ingestTime) {
        return new SeenEvent(new EventKey(high, low), new ContentFingerprint(fingerprint), ingestTime);
    }

    @Test
    void findsWhatWasAddedAndNothingElse() {
        SessionSeenEvents seen = new SessionSeenEvents();
        SeenEvent first = entry(1, 2, 3, Instant.parse("2026-12-05T10:00:00.123456789Z"));

        seen.add(first);

        assertThat(seen.get(new EventKey(1, 2))).isEqualTo(first);
        assertThat(seen.get(new EventKey(1, 3))).isNull();
        assertThat(seen.get(new EventKey(2, 2))).isNull();
        assertThat(seen.size()).isEqualTo(1);
    }

    @Test
    void keepsManyEntriesExactlyAndInTheOrderTheyWereAdded() {
        // Enough entries to grow many times; every third key shares its slot bits with another
        // (the same low 32 bits of high), so probing is exercised too.
        SessionSeenEvents seen = new SessionSeenEvents();
        Random random = new Random(42);
        List<SeenEvent> added = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            long high = i % 3 == 0 ? ((long) i << 32) | 7 : random.nextLong();
            SeenEvent e = entry(high, random.nextLong(), random.nextLong(),
                    Instant.ofEpochSecond(1_764_000_000L + i, i % 1_000_000_000));
            seen.add(e);
            added.add(e);
        }

        assertThat(seen.toList()).containsExactlyElementsOf(added);
        for (SeenEvent e : added) {
            assertThat(seen.get(e.key())).isEqualTo(e);
        }
        assertThat(seen.get(new EventKey(7, 0))).isNull();
    }

    @Test
    void refusesAKeyTwice() {
        SessionSeenEvents seen = new SessionSeenEvents();
        seen.add(entry(1, 2, 3, Instant.EPOCH));

        assertThatThrownBy(() -> seen.add(entry(1, 2, 4, Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThat(seen.get(new EventKey(1, 2)).fingerprint().value()).isEqualTo(3);
    }

    @Test
    void theListIsUnmodifiable() {
        SessionSeenEvents seen = new SessionSeenEvents();
        seen.add(entry(1, 2, 3, Instant.EPOCH));

        assertThatThrownBy(() -> seen.toList().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
