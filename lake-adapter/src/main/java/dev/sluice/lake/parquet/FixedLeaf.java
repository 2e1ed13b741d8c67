package dev.sluice.lake.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A fixed-width leaf (INT32, INT64, FLOAT, DOUBLE): values are carried as their bits in a
 * {@code long} (an int's or a float's bits in the low 32), the dictionary is keyed by those bits
 * (so {@code 0.0} and {@code -0.0} stay apart, as the values do), and plain pages are the values
 * little-endian. The subclasses convert values and keep the page's statistics.
 */
abstract class FixedLeaf extends Leaf {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int width;
    private long[] entries = new long[16];
    private int entryCount;
    /** Open addressing: id + 1, 0 when empty; at most half full. */
    private int[] table = new int[32];
    private int[] ids = new int[64];
    private long[] values = new long[64];
    private int count;

    FixedLeaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body, int width) {
        super(descriptor, optional, settings, body);
        this.width = width;
    }

    /** Statistics of one non-null value of the page. */
    abstract void observe(long bits);

    /** The bits of a non-null internal value (a {@link Number}). */
    abstract long bitsOf(Object value);

    @Override
    final void write(Object value, int repetition, int definition) {
        add(bitsOf(value), repetition);
    }

    final void add(long bits, int repetition) {
        level(repetition, maxDefinition);
        if (settings.statistics()) {
            observe(bits);
        }
        if (dictionaryMode) {
            int id = find(bits);
            if (id < 0) {
                if ((long) (entryCount + 1) * width > settings.dictionaryMaxBytes()) {
                    fallBackToPlain();
                    appendPlain(bits);
                    return;
                }
                id = insert(bits);
            }
            ids = grow(ids, count);
            ids[count++] = id;
            pageValueBytes += 1;
        } else {
            appendPlain(bits);
        }
    }

    private void appendPlain(long bits) {
        values = grow(values, count);
        values[count++] = bits;
        pageValueBytes += width;
    }

    private static int hash(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private int find(long bits) {
        int mask = table.length - 1;
        for (int slot = hash(bits) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            if (entries[entry - 1] == bits) {
                return entry - 1;
            }
        }
    }

    private int insert(long bits) {
        int id = entryCount;
        if (id == entries.length) {
            entries = Arrays.copyOf(entries, id * 2);
        }
        entries[id] = bits;
        entryCount = id + 1;
        if (entryCount * 2 > table.length) {
            table = new int[table.length * 2];
            for (int k = 0; k < entryCount; k++) {
                place(k);
            }
        } else {
            place(id);
        }
        return id;
    }

    private void place(int id) {
        int mask = table.length - 1;
        int slot = hash(entries[id]) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = id + 1;
    }

    @Override
    final void writeValues(ByteSink out) {
        if (dictionaryMode) {
            ids(ids, count, entryCount, out);
        } else {
            plain(values, count, out);
        }
    }

    private void plain(long[] source, int n, ByteSink out) {
        out.reserve(n * width);
        byte[] a = out.array();
        int p = out.size();
        if (width == 8) {
            for (int k = 0; k < n; k++, p += 8) {
                LONG.set(a, p, source[k]);
            }
        } else {
            for (int k = 0; k < n; k++, p += 4) {
                INT.set(a, p, (int) source[k]);
            }
        }
        out.setSize(p);
    }

    @Override
    void resetPage() {
        count = 0;
    }

    @Override
    final void convertPageToPlain() {
        values = count <= values.length ? values : new long[count];
        for (int k = 0; k < count; k++) {
            values[k] = entries[ids[k]];
        }
        pageValueBytes = (long) count * width;
    }

    @Override
    final long plainBytesOfPage() {
        return (long) count * width;
    }

    @Override
    final BytesInput dictionary() {
        ByteSink out = new ByteSink(entryCount * width);
        plain(entries, entryCount, out);
        return out.view();
    }

    @Override
    final int dictionarySize() {
        return entryCount;
    }

    @Override
    final long dictionaryBytes() {
        return (long) entryCount * width;
    }

    @Override
    final void resetDictionary() {
        entryCount = 0;
        Arrays.fill(table, 0);
    }

    final String unexpected(int kind) {
        return "Column " + name + " holds " + type.getPrimitiveTypeName() + ", not " + ColumnarRow.kindName(kind);
    }
}
