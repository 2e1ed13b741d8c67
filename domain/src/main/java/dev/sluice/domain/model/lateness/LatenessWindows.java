package dev.sluice.domain.model.lateness;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The standard {@link LatenessPolicy}: a window per source, and a default window for the others.
 *
 * @param defaults the window of sources not listed
 * @param perSource windows by source name
 */
public record LatenessWindows(LatenessWindow defaults, Map<String, LatenessWindow> perSource) implements LatenessPolicy {

    public static final LatenessWindows DEFAULT = new LatenessWindows(LatenessWindow.DEFAULT, Map.of());

    public LatenessWindows {
        requireNonNull(defaults, "defaults is null");
        perSource = Map.copyOf(requireNonNull(perSource, "perSource is null"));
    }

    public LatenessWindow windowOf(String source) {
        return perSource.getOrDefault(requireNonNull(source, "source is null"), defaults);
    }

    @Override
    public Lateness classify(String source, Instant eventTime, Instant ingestTime) {
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(ingestTime, "ingestTime is null");
        return windowOf(source).classify(Duration.between(eventTime, ingestTime));
    }

    /**
     * How long, in ingest time, the seen-event index must remember ids so that dedup is exact for
     * every source: the longest late window plus the longest future skew. A copy arriving later
     * than that after the first is TOO_LATE anyway, so it can never be stored twice.
     */
    public Duration dedupHorizon() {
        Duration lateWindow = defaults.lateWindow();
        Duration skew = defaults.futureSkew();
        for (LatenessWindow w : perSource.values()) {
            lateWindow = max(lateWindow, w.lateWindow());
            skew = max(skew, w.futureSkew());
        }
        return lateWindow.plus(skew);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
