package dev.sluice.ingestion.parse;

/**
 * The per-item limits of the streaming parser. Plain values, so that the parser never sees a
 * Micronaut type.
 *
 * @param maxEventBytes the largest item, in bytes (1 MiB by default); larger items are OVERSIZED
 * @param maxNestingDepth the deepest nesting of objects and arrays (64 by default, the root
 *        object counting as 1); deeper items are TOO_DEEP
 */
public record ParseLimits(int maxEventBytes, int maxNestingDepth) {

    public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    public static final ParseLimits DEFAULTS = new ParseLimits(DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_NESTING_DEPTH);

    public ParseLimits {
        if (maxEventBytes < 16) {
            throw new IllegalArgumentException("max event bytes must be at least 16, got " + maxEventBytes);
        }
        if (maxNestingDepth < 1 || maxNestingDepth > 1000) {
            throw new IllegalArgumentException("max nesting depth must be 1 to 1000, got " + maxNestingDepth);
        }
    }
}
