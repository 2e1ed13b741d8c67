package dev.sluice.lake;

import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.lateness.Lateness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class BatchWriterThreadTest {

    private static final String NAME = "batch-writer-thread-test";
    private static final Instant TIME = Instant.parse("2025-08-11T14:30:45.123Z");

    private static List<StoredEvent> events(int n) {
        List<StoredEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(LakeFixtures.acme(String.format("EVENT_%08x", i), "start", TIME, TIME, 0, i, Lateness.ON_TIME));
        }
        return out;
    }

    private static long liveThreadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }

    @Test
    void everyEventIsWrittenInOrderOnTheWriterThreadBeforeFinishReturns() {
        List<StoredEvent> input = events(2_500);
        List<StoredEvent> written = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        BatchWriterThread writer = new BatchWriterThread(NAME, e -> {
            written.add(e);
            if (threads.isEmpty()) {
                threads.add(Thread.currentThread().getName());
            }
        }, 1024, 2);

        input.forEach(writer::submit);
        writer.finish();

        assertThat(written).containsExactlyElementsOf(input);
        assertThat(threads).containsExactly(NAME);
        assertThat(writer.running()).isFalse();
    }

    @Test
    void aFailureOfTheSinkSurfacesAtFinishAsTheSameException() {
        IllegalStateException failure = new IllegalStateException("cannot write row 3");
        AtomicInteger seen = new AtomicInteger();
        BatchWriterThread writer = new BatchWriterThread(NAME, e -> {
            if (seen.incrementAndGet() == 3) {
                throw failure;
            }
        }, 4, 2);

        try {
            events(10).forEach(writer::submit);
        } catch (IllegalStateException surfacedEarly) {
            // The thread may fail before the last hand-over: a later submit rethrows it then.
            assertThat(surfacedEarly).isSameAs(failure);
        }

        assertThatThrownBy(writer::finish).isSameAs(failure);
        assertThat(seen.get()).isEqualTo(3); // nothing written after the failure
        assertThatThrownBy(writer::finish).isSameAs(failure);
        assertThat(writer.running()).isFalse();
    }

    @Test
    void aFailureOfTheSinkSurfacesAtALaterSubmit() {
        IllegalArgumentException failure = new IllegalArgumentException("bad row");
        BatchWriterThread writer = new BatchWriterThread(NAME, e -> {
            throw failure;
        }, 8, 2);
        StoredEvent event = events(1).getFirst();
        for (int i = 0; i < 8; i++) {
            writer.submit(event); // the eighth hands the first chunk over
        }

        await().untilAsserted(() -> assertThatThrownBy(() -> writer.submit(event)).isSameAs(failure));

        writer.abandon();
        assertThat(writer.running()).isFalse();
    }

    @Test
    void noThreadStartsForAnEmptyBatchAndNoneOutlivesFinishOrAbandon() {
        long before = liveThreadsNamed(NAME);
        BatchWriterThread empty = new BatchWriterThread(NAME, e -> { }, 16, 2);
        empty.finish();
        assertThat(empty.running()).isFalse();

        List<StoredEvent> input = events(100);
        for (int batch = 0; batch < 200; batch++) {
            AtomicInteger written = new AtomicInteger();
            BatchWriterThread writer = new BatchWriterThread(NAME, e -> written.incrementAndGet(), 16, 2);
            input.forEach(writer::submit);
            if (batch % 2 == 0) {
                writer.finish();
                assertThat(written.get()).isEqualTo(100);
            } else {
                writer.abandon();
            }
            assertThat(writer.running()).isFalse();
        }

        assertThat(liveThreadsNamed(NAME)).isEqualTo(before);
    }

    @Test
    void submitAfterFinishIsRefused() {
        BatchWriterThread writer = new BatchWriterThread(NAME, e -> { }, 16, 2);
        writer.finish();

        assertThatThrownBy(() -> writer.submit(events(1).getFirst()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has ended");
    }
}
