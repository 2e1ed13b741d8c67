package dev.sluice.domain.testing;

import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.model.ingest.ChannelCoordinates;
import dev.sluice.domain.model.ingest.DeadLetter;
import dev.sluice.domain.model.ingest.DeadLetterReason;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A hand-written fake {@link DeadLetterSink}: idempotent by channel coordinates, in memory. Thread-safe. */
public final class InMemoryDeadLetterSink implements DeadLetterSink {

    private final Map<ChannelCoordinates, DeadLetter> stored = new LinkedHashMap<>();
    private int writeCalls;

    @Override
    public synchronized void write(List<DeadLetter> deadLetters) {
        requireNonNull(deadLetters, "deadLetters is null");
        writeCalls++;
        for (DeadLetter letter : deadLetters) {
            stored.putIfAbsent(requireNonNull(letter, "dead letter is null").channel(), letter);
        }
    }

    /** Every dead letter kept, in the order first written. */
    public synchronized List<DeadLetter> all() {
        return List.copyOf(new ArrayList<>(stored.values()));
    }

    public synchronized Map<DeadLetterReason, Long> countsByReason() {
        Map<DeadLetterReason, Long> counts = new EnumMap<>(DeadLetterReason.class);
        stored.values().forEach(d -> counts.merge(d.reason(), 1L, Long::sum));
        return counts;
    }

    public synchronized int writeCalls() {
        return writeCalls;
    }
}
