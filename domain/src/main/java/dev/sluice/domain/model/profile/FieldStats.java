package dev.sluice.domain.model.profile;

import static java.util.Objects.requireNonNull;

/**
 * What profiling learned about one field path, used to infer types and to recognise renames
 * (a field whose statistics match a removed one is likely the same field under a new name).
 *
 * @param path the field path ({@code device.os}, {@code items[].id})
 * @param present how many documents had the member (null included)
 * @param nulls how many of those had JSON null (or an empty CSV cell)
 * @param distinctEstimate an estimate of the number of distinct non-null values
 * @param minLength the shortest string form seen, or -1 when nothing was seen
 * @param maxLength the longest string form seen, or -1 when nothing was seen
 * @param numericMean the mean of numeric values, or {@code Double.NaN} when none were numeric
 */
public record FieldStats(
        String path, long present, long nulls, long distinctEstimate, int minLength, int maxLength, double numericMean) {

    public FieldStats {
        requireNonNull(path, "path is null");
        if (present < 0 || nulls < 0 || nulls > present) {
            throw new IllegalArgumentException("field " + path + ": need 0 <= nulls (" + nulls + ") <= present (" + present + ")");
        }
    }

    /** The share of present values that were null, 0 when never present. */
    public double nullRate() {
        return present == 0 ? 0.0 : (double) nulls / present;
    }
}
