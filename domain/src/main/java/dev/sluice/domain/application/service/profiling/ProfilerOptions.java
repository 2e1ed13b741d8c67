package dev.sluice.domain.application.service.profiling;

import dev.sluice.domain.model.profile.DistinctSketch;

/**
 * Bounds of a {@link SchemaProfiler}'s state, which depends on these and on nothing else.
 *
 * @param maxPaths the most field paths profiled; values of further paths are counted and dropped
 * @param sketchPrecision the precision of each path's distinct-count sketch ({@code 2^p} bytes per path)
 * @param maxErrorSamples how many malformed-document errors are kept with their positions
 */
public record ProfilerOptions(int maxPaths, int sketchPrecision, int maxErrorSamples) {

    /** 10,000 paths, 2 KiB sketches (about 2.3 % error), 100 error samples. */
    public static final ProfilerOptions DEFAULTS = new ProfilerOptions(10_000, DistinctSketch.DEFAULT_PRECISION, 100);

    public ProfilerOptions {
        if (maxPaths < 1) {
            throw new IllegalArgumentException("maxPaths must be at least 1, got " + maxPaths);
        }
        if (sketchPrecision < DistinctSketch.MIN_PRECISION || sketchPrecision > DistinctSketch.MAX_PRECISION) {
            throw new IllegalArgumentException("sketchPrecision must be " + DistinctSketch.MIN_PRECISION + " to "
                    + DistinctSketch.MAX_PRECISION + ", got " + sketchPrecision);
        }
        if (maxErrorSamples < 0) {
            throw new IllegalArgumentException("maxErrorSamples must not be negative, got " + maxErrorSamples);
        }
    }

    public ProfilerOptions withMaxPaths(int paths) {
        return new ProfilerOptions(paths, sketchPrecision, maxErrorSamples);
    }
}
