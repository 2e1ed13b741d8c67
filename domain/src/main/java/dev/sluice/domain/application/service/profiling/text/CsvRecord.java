package dev.sluice.domain.application.service.profiling.text;

import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** One data record of a CSV input: a row of cells, or a malformed record with where and why. */
public sealed interface CsvRecord {

    /** The 0-based index of the record among the data records (the header is not counted). */
    long index();

    /** The 1-based line where the record starts (or, when malformed, where the error is). */
    long line();

    /**
     * A well-formed row, one cell per column. An empty unquoted cell is {@code null}; a quoted empty
     * cell ({@code ""}) is the empty string.
     */
    record Row(long index, long line, List<String> cells) implements CsvRecord {
        public Row {
            requireNonNull(cells, "cells is null");
            cells = Collections.unmodifiableList(new java.util.ArrayList<>(cells)); // cells may be null
        }
    }

    /** A malformed record, skipped. */
    record Malformed(long index, long line, long column, String message) implements CsvRecord {
        public Malformed {
            requireNonNull(message, "message is null");
        }
    }
}
