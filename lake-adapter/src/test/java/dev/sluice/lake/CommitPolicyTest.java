package dev.sluice.lake;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitPolicyTest {

    @Test
    void defaultsAre200000EventsOr5Seconds() {
        assertThat(CommitPolicy.DEFAULT.maxEvents()).isEqualTo(200_000);
        assertThat(CommitPolicy.DEFAULT.maxInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aBatchIsDueAtTheCountOrTheAgeWhicheverComesFirst() {
        CommitPolicy policy = new CommitPolicy(1000, Duration.ofSeconds(5));

        assertThat(policy.due(999, Duration.ofSeconds(4))).isFalse();
        assertThat(policy.due(1000, Duration.ofMillis(10))).isTrue();
        assertThat(policy.due(1, Duration.ofSeconds(5))).isTrue();
        assertThat(policy.due(0, Duration.ofMinutes(1))).isFalse();
        assertThat(policy.remaining(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.remaining(Duration.ofSeconds(9))).isEqualTo(Duration.ZERO);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new CommitPolicy(0, Duration.ofSeconds(1))).hasMessageContaining("maxEvents");
        assertThatThrownBy(() -> new CommitPolicy(1, Duration.ZERO)).hasMessageContaining("maxInterval");
    }
}
