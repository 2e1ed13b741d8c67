package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.profile.ObservedType;
import dev.sluice.domain.model.profile.TypeLattice;
import dev.sluice.domain.model.schema.FieldType;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Decides whether the first record of a CSV input is a header, from that record and a sample of the
 * records after it. Headers are names, so:
 * <ol>
 *   <li>A first record with an empty cell, a cell that reads as a number, boolean, date,
 *       timestamp or uuid, or two equal cells (ignoring case) is data.</li>
 *   <li>Otherwise, if some column of the sample has a type other than STRING (say every cell is a
 *       number) the first record breaks that type the way a header does: it is a header.</li>
 *   <li>Otherwise every column is text, and the evidence is weak: the first record is a header when
 *       every cell looks like an identifier (a letter or '_' first, then letters, digits, spaces,
 *       '_', '-' or '.', at most 64 characters) and none of them appears again in its column.</li>
 * </ol>
 * A file of names only ({@code Alice,Paris / Bob,London}) is thus taken to have a header; when the
 * caller knows better, {@link CsvHeaderMode#PRESENT} or {@link CsvHeaderMode#ABSENT} forces it.
 */
public final class CsvHeaderDetector {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_ .\\-]{0,63}");

    private CsvHeaderDetector() {
    }

    /** True when {@code first} looks like a header for the records of {@code sample}. */
    public static boolean isHeader(List<String> first, List<List<String>> sample) {
        requireNonNull(first, "first is null");
        requireNonNull(sample, "sample is null");
        Set<String> seen = new HashSet<>();
        for (String cell : first) {
            if (cell == null || cell.isBlank() || ObservedType.ofText(cell) != ObservedType.STRING
                    || !seen.add(cell.trim().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        for (int column = 0; column < first.size(); column++) {
            if (typeOfColumn(sample, column) != FieldType.STRING) {
                return true;
            }
        }
        for (int column = 0; column < first.size(); column++) {
            String name = first.get(column);
            if (!IDENTIFIER.matcher(name.trim()).matches()) {
                return false;
            }
            for (List<String> row : sample) {
                if (column < row.size() && name.equals(row.get(column))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The type of a column's non-empty sample cells, STRING when they are all empty. */
    private static FieldType typeOfColumn(List<List<String>> sample, int column) {
        EnumSet<ObservedType> shapes = EnumSet.noneOf(ObservedType.class);
        for (List<String> row : sample) {
            String cell = column < row.size() ? row.get(column) : null;
            if (cell != null && !cell.isEmpty()) {
                shapes.add(ObservedType.ofText(cell));
            }
        }
        return TypeLattice.resolve(shapes, true);
    }
}
