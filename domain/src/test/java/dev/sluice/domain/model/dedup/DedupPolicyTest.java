package dev.sluice.domain.model.dedup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DedupPolicyTest {

    private static final Instant T = Instant.parse("2025-08-11T14:31:00Z");
    private final DedupPolicy policy = DedupPolicy.firstWins();
    private final EventKey key = EventKey.of("acme", "EVENT_a1b2c3d4");

    @Test
    void anEventNotSeenBeforeIsFirstSeen() {
        assertThat(policy.decide(new SeenEvent(key, new ContentFingerprint(1), T), Optional.empty()))
                .isEqualTo(DedupDecision.FIRST_SEEN);
    }

    @Test
    void aLaterCopyWithIdenticalContentIsADuplicate() {
        SeenEvent first = new SeenEvent(key, new ContentFingerprint(1), T);

        assertThat(policy.decide(new SeenEvent(key, new ContentFingerprint(1), T.plusSeconds(60)), Optional.of(first)))
                .isEqualTo(DedupDecision.DUPLICATE);
    }

    @Test
    void aLaterCopyWithDifferentContentIsAConflictingDuplicate() {
        SeenEvent first = new SeenEvent(key, new ContentFingerprint(1), T);

        assertThat(policy.decide(new SeenEvent(key, new ContentFingerprint(2), T.plusSeconds(60)), Optional.of(first)))
                .isEqualTo(DedupDecision.CONFLICTING_DUPLICATE);
    }

    @Test
    void anEarlierEntryOfAnotherKeyIsABug() {
        SeenEvent other = new SeenEvent(EventKey.of("acme", "EVENT_other"), new ContentFingerprint(1), T);

        assertThatThrownBy(() -> policy.decide(new SeenEvent(key, new ContentFingerprint(1), T), Optional.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key.toHex());
    }
}
