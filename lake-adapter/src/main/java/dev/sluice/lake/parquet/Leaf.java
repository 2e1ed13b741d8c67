package dev.sluice.lake.parquet;

import org.apache.iceberg.FieldMetrics;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One leaf column of a Parquet file: its definition and repetition levels, its values and its
 * dictionary, buffered for the current page; pages go to the row group's {@link PageWriter}, which
 * compresses and keeps them until the row group is flushed.
 *
 * <p>Lifecycle, per row group:
 * <ol>
 *   <li>{@link #bind} to the row group's page writer.</li>
 *   <li>Per row: values and nulls (with their levels), then {@link #endRow()}, which writes the page
 *       once it holds the page row limit or its estimated size reaches the page size. Pages therefore
 *       start at row boundaries, as the page index requires.</li>
 *   <li>{@link #finishChunk()}: the last page, then the dictionary page when a page used it.</li>
 * </ol>
 * Encodings are those of parquet-java's v1 writer: levels RLE (or nothing when the maximum level is
 * 0), values PLAIN or PLAIN_DICTIONARY. A dictionary is dropped for the rest of the chunk (the
 * current page re-encoded plain) when it would outgrow the dictionary page size, or when the first
 * page shows that it does not pay: dictionary and ids not smaller than the plain values.
 */
abstract class Leaf extends Node {

    final ColumnDescriptor descriptor;
    final PrimitiveType type;
    final int maxDefinition;
    final int maxRepetition;
    final ColumnarSettings.Column settings;
    /** Shared by every leaf of one file (one thread): the page being assembled. */
    private final ByteSink body;
    private PageWriter pages;

    private byte[] definitions;
    private byte[] repetitions;
    /** Levels in the current page: values and nulls. */
    int levels;
    int pageRows;
    int pageNulls;
    /** Estimated encoded size of the page's values, kept up to date by the subclasses. */
    long pageValueBytes;
    private int[] scratch = new int[0];
    /** Entries (values and nulls) and nulls in the pages written so far, across row groups. */
    long writtenEntries;
    long writtenNulls;
    /** Pages of the current chunk written with the dictionary. */
    int dictionaryPages;
    /** True while values go into the dictionary; false once fallen back to plain (for the rest of the chunk). */
    boolean dictionaryMode;
    /** Whether the chunk's first page is still to be written (the dictionary's worth is judged on it). */
    boolean firstPage = true;

    Leaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body) {
        super(optional, String.join(".", descriptor.getPath()));
        this.descriptor = descriptor;
        this.type = descriptor.getPrimitiveType();
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        this.maxRepetition = descriptor.getMaxRepetitionLevel();
        this.settings = settings;
        this.body = body;
        this.definitions = maxDefinition > 0 ? new byte[64] : null;
        this.repetitions = maxRepetition > 0 ? new byte[64] : null;
        this.dictionaryMode = settings.dictionary();
    }

    final void bind(PageWriter pageWriter) {
        this.pages = pageWriter;
    }

    final PageWriter pages() {
        return pages;
    }

    /** Records the levels of one entry (a value or a null) of the page. */
    final void level(int repetition, int definition) {
        int n = levels;
        if (definitions != null) {
            if (n == definitions.length) {
                definitions = java.util.Arrays.copyOf(definitions, n * 2);
            }
            definitions[n] = (byte) definition;
        }
        if (repetitions != null) {
            if (n == repetitions.length) {
                repetitions = java.util.Arrays.copyOf(repetitions, n * 2);
            }
            repetitions[n] = (byte) repetition;
        }
        if (repetition == 0) {
            pageRows++;
        }
        levels = n + 1;
    }

    @Override
    final void writeNull(int repetition, int definition) {
        level(repetition, definition);
        pageNulls++;
    }

    /** A top-level null: refused for a required column. */
    final void topNull() {
        if (!optional) {
            throw new IllegalArgumentException("Column " + name + " is required, but the row has no value for it");
        }
        writeNull(0, 0);
    }

    /** Writes the page when it is full; called once per row, after the row's values. */
    final void endRow() {
        if (pageRows >= settings.pageRowLimit() || pageValueBytes + levels >= settings.pageSizeBytes()) {
            flushPage();
        }
    }

    /** Encoded bytes buffered here: the page being filled and the dictionary. */
    final long bufferedBytes() {
        return pageValueBytes + levels + dictionaryBytes();
    }

    final void flushPage() {
        if (levels == 0) {
            return;
        }
        if (dictionaryMode && firstPage && levels > pageNulls) {
            // The first page with values decides whether the dictionary pays for this chunk.
            firstPage = false;
            if (!dictionaryPays()) {
                fallBackToPlain(); // re-encodes this page's values plain
            }
        }
        ByteSink out = body;
        out.clear();
        if (maxRepetition > 0) {
            levels(repetitions, maxRepetition, out);
        }
        if (maxDefinition > 0) {
            levels(definitions, maxDefinition, out);
        }
        boolean dictionaryPage = dictionaryMode;
        writeValues(out);
        Statistics<?> statistics = settings.statistics() ? pageStatistics() : Statistics.noopStats(type);
        try {
            pages.writePage(out.view(), levels, pageRows, statistics,
                    maxRepetition > 0 ? Encoding.RLE : Encoding.BIT_PACKED,
                    maxDefinition > 0 ? Encoding.RLE : Encoding.BIT_PACKED,
                    dictionaryPage ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a page of column " + name, e);
        }
        if (dictionaryPage) {
            dictionaryPages++;
        }
        writtenEntries += levels;
        writtenNulls += pageNulls;
        levels = 0;
        pageRows = 0;
        pageNulls = 0;
        pageValueBytes = 0;
        resetPage();
    }

    private void levels(byte[] values, int max, ByteSink out) {
        int at = out.size();
        out.putIntLE(0);
        scratch = Hybrid.encode(values, levels, Hybrid.width(max), out, scratch);
        out.setIntLE(at, out.size() - at - 4);
    }

    /** The last page, then the dictionary page if any page used the dictionary; the next chunk starts afresh. */
    final void finishChunk() {
        flushPage();
        if (dictionaryPages > 0) {
            try {
                pages.writeDictionaryPage(new DictionaryPage(dictionary(), dictionarySize(), Encoding.PLAIN_DICTIONARY));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the dictionary page of column " + name, e);
            }
        }
        dictionaryPages = 0;
        dictionaryMode = settings.dictionary();
        firstPage = true;
        resetDictionary();
    }

    /** Called when the dictionary is full: the page so far is re-encoded plain, and so is the rest of the chunk. */
    final void fallBackToPlain() {
        dictionaryMode = false;
        convertPageToPlain();
        if (dictionaryPages == 0) {
            resetDictionary(); // no page refers to it
        }
    }

    /** parquet-java's test: the dictionary and its ids must be smaller than the plain values. */
    private boolean dictionaryPays() {
        long values = levels - pageNulls;
        long ids = (values * Hybrid.width(Math.max(0, dictionarySize() - 1)) + 7) / 8;
        return ids + dictionaryBytes() < plainBytesOfPage();
    }

    /**
     * Iceberg's metrics of a float or double column, as its own Parquet writer reports them: the
     * counts of every entry and null written (nulls of absent ancestors too), NaNs, and the bounds
     * of the values other than NaN. Call it once the file is closed.
     */
    final FieldMetrics<?> fieldMetrics(FieldMetrics<?> values) {
        if (values.hasBounds()) {
            return fieldMetricsWithBounds(values);
        }
        return new FieldMetrics<>(values.id(), writtenEntries, writtenNulls, values.nanValueCount());
    }

    private <T> FieldMetrics<T> fieldMetricsWithBounds(FieldMetrics<T> values) {
        return new FieldMetrics<>(values.id(), writtenEntries, writtenNulls, values.nanValueCount(),
                values.lowerBound(), values.upperBound());
    }

    /** The page's values, after its levels: plain, or the dictionary ids (bit width byte, then hybrid). */
    abstract void writeValues(ByteSink out);

    /** Statistics of the page's values and nulls. */
    abstract Statistics<?> pageStatistics();

    /** Forgets the page's values (its levels are reset by the caller). */
    abstract void resetPage();

    /** Re-encodes the page's dictionary ids as plain values. */
    abstract void convertPageToPlain();

    /** Size of the page's values if they were plain-encoded. */
    abstract long plainBytesOfPage();

    abstract BytesInput dictionary();

    abstract int dictionarySize();

    abstract long dictionaryBytes();

    abstract void resetDictionary();

    /** Writes the bit width and the hybrid-encoded ids of a dictionary page. */
    static void ids(int[] ids, int count, int dictionarySize, ByteSink out) {
        int width = Hybrid.width(Math.max(0, dictionarySize - 1));
        out.put((byte) width);
        Hybrid.encode(ids, count, width, out);
    }

    static int[] grow(int[] a, int n) {
        return n < a.length ? a : java.util.Arrays.copyOf(a, Math.max(16, a.length * 2));
    }

    static long[] grow(long[] a, int n) {
        return n < a.length ? a : java.util.Arrays.copyOf(a, Math.max(16, a.length * 2));
    }
}
