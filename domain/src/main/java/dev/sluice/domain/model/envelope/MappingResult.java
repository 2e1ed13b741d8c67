package dev.sluice.domain.model.envelope;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** The outcome of mapping an item to envelope v1: an envelope, or every violation found. */
public sealed interface MappingResult permits MappingResult.Mapped, MappingResult.Rejected {

    /** The item is a valid envelope. */
    record Mapped(EventEnvelope envelope) implements MappingResult {
        public Mapped {
            requireNonNull(envelope, "envelope is null");
        }
    }

    /**
     * The item is not a valid envelope.
     *
     * @param violations every problem found, at least one
     * @param eventId the event id if one could be read, else {@code null} (for the dead letter)
     * @param source the source if one could be read, else {@code null}
     */
    record Rejected(List<EnvelopeViolation> violations, String eventId, String source) implements MappingResult {
        public Rejected {
            violations = List.copyOf(requireNonNull(violations, "violations is null"));
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a rejected item has at least one violation");
            }
        }

        /** The violations as one line, for a dead letter's detail. */
        public String detail() {
            return violations.stream().map(EnvelopeViolation::toString).collect(Collectors.joining("; "));
        }
    }
}
