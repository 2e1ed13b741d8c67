package dev.sluice.lake.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/** A BOOLEAN leaf: always plain, one bit per value, least significant bit first. */
final class BooleanLeaf extends Leaf {

    private long[] bits = new long[4];
    private int count;
    private boolean anyTrue;
    private boolean anyFalse;

    BooleanLeaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body) {
        super(descriptor, optional, settings.withoutDictionary(), body);
    }

    @Override
    void writeTop(ColumnarRow row, int position) {
        int kind = row.kind(position);
        switch (kind) {
            case ColumnarRow.NULL -> topNull();
            case ColumnarRow.BOOLEAN -> add(row.bits(position) != 0, 0);
            case ColumnarRow.OBJECT -> write(row.object(position), 0, 0);
            default -> throw new IllegalArgumentException("Column " + name + " holds booleans, not " + ColumnarRow.kindName(kind));
        }
    }

    @Override
    void write(Object value, int repetition, int definition) {
        add((Boolean) value, repetition);
    }

    void add(boolean value, int repetition) {
        level(repetition, maxDefinition);
        int word = count >>> 6;
        if (word == bits.length) {
            bits = java.util.Arrays.copyOf(bits, word * 2);
        }
        if (value) {
            bits[word] |= 1L << (count & 63);
            anyTrue = true;
        } else {
            bits[word] &= ~(1L << (count & 63));
            anyFalse = true;
        }
        count++;
        if ((count & 7) == 1) {
            pageValueBytes++;
        }
    }

    @Override
    void writeValues(ByteSink out) {
        int bytes = (count + 7) >>> 3;
        out.reserve(bytes);
        for (int b = 0; b < bytes; b++) {
            out.put((byte) (bits[b >>> 3] >>> ((b & 7) * 8)));
        }
    }

    @Override
    Statistics<?> pageStatistics() {
        Statistics<?> s = Statistics.createStats(type);
        if (anyFalse) {
            s.updateStats(false);
        }
        if (anyTrue) {
            s.updateStats(true);
        }
        s.incrementNumNulls(pageNulls);
        return s;
    }

    @Override
    void resetPage() {
        count = 0;
        anyTrue = false;
        anyFalse = false;
    }

    @Override
    void convertPageToPlain() {
        // never dictionary-encoded
    }

    @Override
    long plainBytesOfPage() {
        return (count + 7L) >>> 3;
    }

    @Override
    BytesInput dictionary() {
        throw new IllegalStateException("A boolean column has no dictionary");
    }

    @Override
    int dictionarySize() {
        return 0;
    }

    @Override
    long dictionaryBytes() {
        return 0;
    }

    @Override
    void resetDictionary() {
        // no dictionary
    }
}
