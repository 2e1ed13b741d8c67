package dev.sluice.domain.model.profile;

import dev.sluice.domain.model.schema.FieldType;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Everything profiling learned about one field path, in a form that merges without loss: counts
 * add, shapes unite, sketches merge. Its size does not depend on how many values were seen.
 *
 * <p>Paths follow {@link dev.sluice.domain.model.schema.Field}: {@code device.os} for a member of an
 * object, {@code items[]} for the elements of an array and {@code items[].id} for their members.
 *
 * @param path the field path
 * @param shapes the shapes of the non-null values seen
 * @param textual true when every value came from text (a CSV cell), which widens conflicts to STRING
 * @param present how many times the member was present (null included); for an element path, the number of elements
 * @param nulls how many of those were null
 * @param objects how many of those were objects: the members of this path are required only when present in all of them
 * @param numericCount how many values were numbers
 * @param numericMean the mean of the numbers, {@code NaN} when there were none (or when the sum overflowed)
 * @param minLength the shortest string form seen (strings and CSV cells), -1 when none
 * @param maxLength the longest string form seen, -1 when none
 * @param distinct a sketch of the distinct non-null scalar values
 */
public record PathProfile(
        String path,
        Set<ObservedType> shapes,
        boolean textual,
        long present,
        long nulls,
        long objects,
        long numericCount,
        double numericMean,
        int minLength,
        int maxLength,
        DistinctSketch distinct) {

    public PathProfile {
        requireNonNull(path, "path is null");
        if (path.isBlank()) {
            throw new IllegalArgumentException("path is blank");
        }
        requireNonNull(shapes, "shapes of " + path + " is null");
        shapes = shapes.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(ObservedType.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(shapes));
        requireNonNull(distinct, "distinct of " + path + " is null");
        if (present < 0 || nulls < 0 || nulls > present) {
            throw new IllegalArgumentException("path " + path + ": need 0 <= nulls (" + nulls + ") <= present (" + present + ")");
        }
        if (objects < 0 || objects > present - nulls) {
            throw new IllegalArgumentException("path " + path + ": objects (" + objects + ") must be 0 to the "
                    + (present - nulls) + " non-null values");
        }
        if (numericCount < 0 || numericCount > present - nulls) {
            throw new IllegalArgumentException("path " + path + ": numericCount (" + numericCount + ") must be 0 to the "
                    + (present - nulls) + " non-null values");
        }
        if (numericCount == 0 && !Double.isNaN(numericMean)) {
            throw new IllegalArgumentException("path " + path + ": the mean of no numbers is NaN, got " + numericMean);
        }
        if ((minLength == -1) != (maxLength == -1) || minLength < -1 || minLength > maxLength) {
            throw new IllegalArgumentException("path " + path + ": need -1 = minLength = maxLength or 0 <= minLength ("
                    + minLength + ") <= maxLength (" + maxLength + ")");
        }
    }

    /** The type these shapes give under {@link TypeLattice#resolve(Set, boolean)}. */
    public FieldType type() {
        return TypeLattice.resolve(shapes, textual);
    }

    /** True for the path of an array's elements ({@code items[]}). */
    public boolean isElement() {
        return path.endsWith("[]");
    }

    /** The path of the parent: the container of an element, the object of a member, "" at the top. */
    public String parentPath() {
        return parentOf(path);
    }

    /** The parent path of {@code path}: "" for a top-level member. */
    public static String parentOf(String path) {
        if (path.endsWith("[]")) {
            return path.substring(0, path.length() - 2);
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    public FieldStats toStats() {
        return new FieldStats(path, present, nulls, distinct.estimate(), minLength, maxLength, numericMean);
    }

    /** The profile of both inputs together. Both must describe the same path. */
    public PathProfile merge(PathProfile other) {
        requireNonNull(other, "other is null");
        if (!other.path.equals(path)) {
            throw new IllegalArgumentException("cannot merge the profile of " + other.path + " into " + path);
        }
        EnumSet<ObservedType> union = EnumSet.noneOf(ObservedType.class);
        union.addAll(shapes);
        union.addAll(other.shapes);
        long count = numericCount + other.numericCount;
        double mean = count == 0 ? Double.NaN
                : numericCount == 0 ? other.numericMean
                : other.numericCount == 0 ? numericMean
                : numericMean + (other.numericMean - numericMean) * ((double) other.numericCount / count);
        int min = minLength == -1 ? other.minLength : other.minLength == -1 ? minLength : Math.min(minLength, other.minLength);
        return new PathProfile(path, union, textual && other.textual, present + other.present, nulls + other.nulls,
                objects + other.objects, count, mean, min, Math.max(maxLength, other.maxLength),
                distinct.union(other.distinct));
    }
}
