package dev.sluice.domain.model.lateness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenessWindowsTest {

    private static final Instant INGEST = Instant.parse("2025-08-13T12:00:00Z");
    private final LatenessWindows policy = LatenessWindows.DEFAULT;

    private Lateness classify(Duration delay) {
        return policy.classify("acme", INGEST.minus(delay), INGEST);
    }

    @Test
    void theDefaultsAreFifteenMinutesOnTimeFortyEightHoursLateAndFiveMinutesSkew() {
        assertThat(LatenessWindow.DEFAULT.onTimeThreshold()).isEqualTo(Duration.ofMinutes(15));
        assertThat(LatenessWindow.DEFAULT.lateWindow()).isEqualTo(Duration.ofHours(48));
        assertThat(LatenessWindow.DEFAULT.futureSkew()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anEventAtItsIngestTimeIsOnTime() {
        assertThat(classify(Duration.ZERO)).isEqualTo(Lateness.ON_TIME);
    }

    @Test
    void theOnTimeThresholdIsInclusive() {
        assertThat(classify(Duration.ofMinutes(15))).isEqualTo(Lateness.ON_TIME);
        assertThat(classify(Duration.ofMinutes(15).plusMillis(1))).isEqualTo(Lateness.LATE);
    }

    @Test
    void theLateWindowIsInclusive() {
        assertThat(classify(Duration.ofHours(48))).isEqualTo(Lateness.LATE);
        assertThat(classify(Duration.ofHours(48).plusMillis(1))).isEqualTo(Lateness.TOO_LATE);
    }

    @Test
    void theFutureSkewIsInclusive() {
        assertThat(classify(Duration.ofMinutes(-5))).isEqualTo(Lateness.ON_TIME);
        assertThat(classify(Duration.ofMinutes(-5).minusMillis(1))).isEqualTo(Lateness.FUTURE);
    }

    @Test
    void anEventOfYesterdayWithinTheThresholdIsOnTimeAcrossMidnight() {
        Instant justAfterMidnight = Instant.parse("2025-08-13T00:00:01Z");

        assertThat(policy.classify("acme", Instant.parse("2025-08-12T23:59:59Z"), justAfterMidnight))
                .isEqualTo(Lateness.ON_TIME);
    }

    @Test
    void windowsArePerSource() {
        LatenessWindows windows = new LatenessWindows(LatenessWindow.DEFAULT,
                Map.of("iot", new LatenessWindow(Duration.ofHours(1), Duration.ofDays(7), Duration.ofMinutes(1))));
        Instant threeDaysBefore = INGEST.minus(Duration.ofDays(3));

        assertThat(windows.classify("iot", threeDaysBefore, INGEST)).isEqualTo(Lateness.LATE);
        assertThat(windows.classify("acme", threeDaysBefore, INGEST)).isEqualTo(Lateness.TOO_LATE);
        assertThat(windows.classify("iot", INGEST.plus(Duration.ofMinutes(2)), INGEST)).isEqualTo(Lateness.FUTURE);
    }

    @Test
    void theDedupHorizonCoversTheLongestWindowAndSkew() {
        LatenessWindows windows = new LatenessWindows(LatenessWindow.DEFAULT,
                Map.of("iot", new LatenessWindow(Duration.ofHours(1), Duration.ofDays(7), Duration.ofMinutes(1)),
                        "edge", new LatenessWindow(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(30))));

        assertThat(LatenessWindows.DEFAULT.dedupHorizon()).isEqualTo(Duration.ofHours(48).plusMinutes(5));
        assertThat(windows.dedupHorizon()).isEqualTo(Duration.ofDays(7).plusMinutes(30));
    }

    @Test
    void aThresholdLongerThanTheWindowIsRefused() {
        assertThatThrownBy(() -> new LatenessWindow(Duration.ofHours(2), Duration.ofHours(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT2H").hasMessageContaining("PT1H");
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> new LatenessWindow(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void onlyOnTimeAndLateAreAccepted() {
        assertThat(Lateness.ON_TIME.isAccepted()).isTrue();
        assertThat(Lateness.LATE.isAccepted()).isTrue();
        assertThat(Lateness.TOO_LATE.isAccepted()).isFalse();
        assertThat(Lateness.FUTURE.isAccepted()).isFalse();
    }
}
