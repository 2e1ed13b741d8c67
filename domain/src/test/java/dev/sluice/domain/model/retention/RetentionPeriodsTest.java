package dev.sluice.domain.model.retention;

import dev.sluice.domain.model.error.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPeriodsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void hasTheSeed001Defaults() {
        RetentionPolicy policy = RetentionPeriods.SEED_001;

        assertThat(policy.retentionOf(DataClass.RAW)).isEqualTo(Duration.ofDays(90));
        assertThat(policy.retentionOf(DataClass.AGGREGATE)).isEqualTo(Duration.ofDays(400));
        assertThat(policy.retentionOf(DataClass.ERROR)).isEqualTo(Duration.ofDays(30));
        assertThat(policy.retentionOf(DataClass.CRITICAL_ERROR)).isEqualTo(Duration.ofDays(90));
        assertThat(policy.retentionOf(DataClass.DEAD_LETTER)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aRecordExactlyOnePeriodOldIsKeptAndOneMillisecondOlderExpires() {
        RetentionPolicy policy = RetentionPeriods.SEED_001;

        assertThat(policy.decide(DataClass.ERROR, NOW.minus(Duration.ofDays(30)), NOW)).isEqualTo(RetentionDecision.KEEP);
        assertThat(policy.decide(DataClass.ERROR, NOW.minus(Duration.ofDays(30)).minusMillis(1), NOW))
                .isEqualTo(RetentionDecision.EXPIRE);
        assertThat(policy.decide(DataClass.CRITICAL_ERROR, NOW.minus(Duration.ofDays(31)), NOW))
                .isEqualTo(RetentionDecision.KEEP);
    }

    @Test
    void theCutoffIsThePeriodBeforeTheGivenInstant() {
        assertThat(RetentionPeriods.SEED_001.cutoff(DataClass.AGGREGATE, NOW)).isEqualTo(NOW.minus(Duration.ofDays(400)));
    }

    @Test
    void periodsAreConfigurable() {
        RetentionPeriods policy = RetentionPeriods.withOverrides(Map.of(DataClass.RAW, Duration.ofDays(30)));

        assertThat(policy.retentionOf(DataClass.RAW)).isEqualTo(Duration.ofDays(30));
        assertThat(policy.retentionOf(DataClass.AGGREGATE)).isEqualTo(Duration.ofDays(400));
        assertThat(policy.decide(DataClass.RAW, NOW.minus(Duration.ofDays(45)), NOW)).isEqualTo(RetentionDecision.EXPIRE);
    }

    @Test
    void aNonPositivePeriodIsRefused() {
        assertThatThrownBy(() -> RetentionPeriods.withOverrides(Map.of(DataClass.RAW, Duration.ZERO)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RAW");
    }

    @Test
    void criticalErrorsCannotBeKeptShorterThanErrors() {
        assertThatThrownBy(() -> RetentionPeriods.withOverrides(Map.of(DataClass.CRITICAL_ERROR, Duration.ofDays(7))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PT168H");
    }

    @Test
    void everyDataClassMustHaveAPeriod() {
        assertThatThrownBy(() -> new RetentionPeriods(Map.of(DataClass.RAW, Duration.ofDays(1))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not configured");
    }
}
