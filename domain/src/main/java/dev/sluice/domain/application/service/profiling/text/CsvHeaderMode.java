package dev.sluice.domain.application.service.profiling.text;

/** Whether the first record of a CSV input names the columns. */
public enum CsvHeaderMode {
    /** Decide from the data, see {@link CsvHeaderDetector}. */
    DETECT,
    /** The first record is a header. */
    PRESENT,
    /** There is no header; columns are named {@code column_1}, {@code column_2}, ... */
    ABSENT
}
