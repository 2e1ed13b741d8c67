package dev.sluice.domain.application.service.profiling.text;

import static java.util.Objects.requireNonNull;

/**
 * How to read a CSV input.
 *
 * @param delimiter the cell separator, not a quote, CR or LF
 * @param header whether the first record is a header
 * @param sampleRows how many records after the first {@link CsvHeaderDetector} looks at, 1 or more
 * @param maxColumns the most cells a record may have
 * @param maxCellChars the longest a cell may be
 */
public record CsvOptions(char delimiter, CsvHeaderMode header, int sampleRows, int maxColumns, int maxCellChars) {

    /** Comma-separated, header detected from 20 rows, at most 10,000 columns of 1 Mi characters. */
    public static final CsvOptions DEFAULTS = new CsvOptions(',', CsvHeaderMode.DETECT, 20, 10_000, 1 << 20);

    public CsvOptions {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break, got U+"
                    + String.format("%04X", (int) delimiter));
        }
        requireNonNull(header, "header is null");
        if (sampleRows < 1) {
            throw new IllegalArgumentException("sampleRows must be at least 1, got " + sampleRows);
        }
        if (maxColumns < 1) {
            throw new IllegalArgumentException("maxColumns must be at least 1, got " + maxColumns);
        }
        if (maxCellChars < 1) {
            throw new IllegalArgumentException("maxCellChars must be at least 1, got " + maxCellChars);
        }
    }

    public CsvOptions withHeader(CsvHeaderMode mode) {
        return new CsvOptions(delimiter, mode, sampleRows, maxColumns, maxCellChars);
    }

    public CsvOptions withDelimiter(char newDelimiter) {
        return new CsvOptions(newDelimiter, header, sampleRows, maxColumns, maxCellChars);
    }
}
