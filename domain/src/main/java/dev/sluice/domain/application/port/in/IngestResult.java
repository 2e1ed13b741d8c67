package dev.sluice.domain.application.port.in;

import dev.sluice.domain.model.ingest.DeadLetterReason;
import dev.sluice.domain.model.lateness.Lateness;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The outcomes of a batch: one per input item, in input order, so that
 * {@code stored + duplicates + dead letters == inputs}.
 *
 * @param outcomes the outcome of each input item, by index
 */
public record IngestResult(List<IngestOutcome> outcomes) {

    public IngestResult {
        outcomes = List.copyOf(requireNonNull(outcomes, "outcomes is null"));
    }

    public int size() {
        return outcomes.size();
    }

    public IngestOutcome get(int index) {
        return outcomes.get(index);
    }

    public long storedCount() {
        return outcomes.stream().filter(IngestOutcome.Stored.class::isInstance).count();
    }

    public long duplicateCount() {
        return outcomes.stream().filter(IngestOutcome.Duplicate.class::isInstance).count();
    }

    public long deadLetterCount() {
        return outcomes.stream().filter(IngestOutcome.DeadLettered.class::isInstance).count();
    }

    /** Dead letters per reason; reasons without dead letters are absent. */
    public Map<DeadLetterReason, Long> deadLettersByReason() {
        Map<DeadLetterReason, Long> counts = new EnumMap<>(DeadLetterReason.class);
        for (IngestOutcome o : outcomes) {
            if (o instanceof IngestOutcome.DeadLettered d) {
                counts.merge(d.reason(), 1L, Long::sum);
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    /** Stored events per lateness class; classes without events are absent. */
    public Map<Lateness, Long> storedByLateness() {
        Map<Lateness, Long> counts = new EnumMap<>(Lateness.class);
        for (IngestOutcome o : outcomes) {
            if (o instanceof IngestOutcome.Stored s) {
                counts.merge(s.lateness(), 1L, Long::sum);
            }
        }
        return Collections.unmodifiableMap(counts);
    }
}
