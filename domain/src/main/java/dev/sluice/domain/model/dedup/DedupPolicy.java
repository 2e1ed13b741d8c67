package dev.sluice.domain.model.dedup;

import java.util.Optional;

/**
 * Decides whether an event is new, a duplicate or a conflicting duplicate, given the earlier copy
 * with the same key that is still within the window, if any.
 */
@FunctionalInterface
public interface DedupPolicy {

    DedupDecision decide(SeenEvent candidate, Optional<SeenEvent> earlier);

    /**
     * First wins (seed 000 and 003): the first stored copy stays; an identical later copy is a
     * duplicate; a later copy with different content is a conflicting duplicate, never silently
     * dropped.
     */
    static DedupPolicy firstWins() {
        return (candidate, earlier) -> {
            if (earlier.isEmpty()) {
                return DedupDecision.FIRST_SEEN;
            }
            if (!earlier.get().key().equals(candidate.key())) {
                throw new IllegalArgumentException("earlier copy has key " + earlier.get().key()
                        + " but the candidate has key " + candidate.key());
            }
            return earlier.get().fingerprint().equals(candidate.fingerprint())
                    ? DedupDecision.DUPLICATE
                    : DedupDecision.CONFLICTING_DUPLICATE;
        };
    }
}
