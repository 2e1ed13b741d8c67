package dev.sluice.domain.application.service.profiling.text;

import java.io.Closeable;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Streams the rows of a CSV input with named columns. Opening reads the first record and up to
 * {@link CsvOptions#sampleRows()} more to decide whether there is a header; those are replayed, so
 * memory stays bounded by the sample. A row whose cell count differs from the column count is
 * malformed (RFC 4180: every record has the same number of fields). Not thread-safe.
 *
 * <p>Header names are trimmed; '.', '[', ']', '{' and '}' become '_' (they separate field paths),
 * an empty name becomes {@code column_N}, and a repeated name gets a suffix {@code _2}, {@code _3}.
 */
public final class CsvTableReader implements Closeable {

    private final CsvReader reader;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final List<String> columns;
    private final boolean header;
    private boolean finished;
    private long index;

    private record Raw(long line, List<String> cells) {
    }

    private CsvTableReader(CsvReader reader, CsvOptions options) {
        this.reader = reader;
        Raw first = null;
        List<List<String>> sample = new ArrayList<>();
        while (pending.size() <= options.sampleRows() && !finished) {
            Object next = read();
            if (next == null) {
                break;
            }
            pending.add(next);
            if (next instanceof Raw raw) {
                if (first == null) {
                    first = raw;
                } else {
                    sample.add(raw.cells());
                }
            }
        }
        header = first != null && switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case DETECT -> CsvHeaderDetector.isHeader(first.cells(), sample);
        };
        if (header) {
            pending.remove(first);
            columns = names(first.cells());
        } else {
            List<String> generated = new ArrayList<>();
            for (int i = 1; first != null && i <= first.cells().size(); i++) {
                generated.add("column_" + i);
            }
            columns = List.copyOf(generated);
        }
    }

    public static CsvTableReader open(Reader in, CsvOptions options) {
        requireNonNull(options, "options is null");
        return new CsvTableReader(new CsvReader(in, options.delimiter(), options.maxColumns(), options.maxCellChars()), options);
    }

    /** Rows of UTF-8 bytes; malformed UTF-8 ends the input with a {@link CsvRecord.Malformed}. */
    public static CsvTableReader open(InputStream in, CsvOptions options) {
        return open(JsonReader.utf8(in), options);
    }

    /** The column names: the header's, or {@code column_1 ... column_N} after the first record's width. */
    public List<String> columns() {
        return columns;
    }

    /** Whether the first record was taken as a header. */
    public boolean hasHeader() {
        return header;
    }

    /** The next data record, or {@code null} at the end of the input. */
    public CsvRecord next() {
        Object next = pending.isEmpty() ? read() : pending.poll();
        if (next == null) {
            return null;
        }
        long i = index++;
        if (next instanceof TextSyntaxException e) {
            return new CsvRecord.Malformed(i, e.line(), e.column(), e.problem());
        }
        Raw raw = (Raw) next;
        if (raw.cells().size() != columns.size()) {
            return new CsvRecord.Malformed(i, raw.line(), 1, "record has " + raw.cells().size() + " cells but there are "
                    + columns.size() + " columns " + (header ? "in the header" : "in the first record"));
        }
        return new CsvRecord.Row(i, raw.line(), raw.cells());
    }

    /** A Raw record, a TextSyntaxException, or null at the end. */
    private Object read() {
        if (finished) {
            return null;
        }
        try {
            List<String> cells = reader.next();
            if (cells == null) {
                finished = true;
                return null;
            }
            return new Raw(reader.recordLine(), cells);
        } catch (TextSyntaxException e) {
            if (!e.recoverable()) {
                finished = true;
            }
            return e;
        }
    }

    private static List<String> names(List<String> cells) {
        List<String> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String raw = cells.get(i) == null ? "" : cells.get(i).trim();
            String name = raw.isEmpty() ? "column_" + (i + 1) : raw.replaceAll("[.\\[\\]{}]", "_");
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) {
                unique = name + "_" + n;
            }
            out.add(unique);
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        reader.close();
    }
}
