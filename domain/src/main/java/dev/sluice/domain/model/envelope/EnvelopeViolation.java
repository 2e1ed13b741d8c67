package dev.sluice.domain.model.envelope;

import static java.util.Objects.requireNonNull;

/**
 * One reason an item cannot be mapped to envelope v1.
 *
 * @param field the envelope field at fault ({@code event_id}, {@code metadata.env}), or {@code $} for the whole item
 * @param problem what is wrong, with the value involved
 */
public record EnvelopeViolation(String field, String problem) {

    public EnvelopeViolation {
        requireNonNull(field, "field is null");
        requireNonNull(problem, "problem is null");
    }

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
