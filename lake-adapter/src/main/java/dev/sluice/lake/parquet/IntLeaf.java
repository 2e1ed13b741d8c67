package dev.sluice.lake.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/** An INT32 leaf: int, date (days); statistics compare signed. */
final class IntLeaf extends FixedLeaf {

    private int min;
    private int max;
    private boolean any;

    IntLeaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body) {
        super(descriptor, optional, settings, body, 4);
    }

    @Override
    void writeTop(ColumnarRow row, int position) {
        int kind = row.kind(position);
        switch (kind) {
            case ColumnarRow.NULL -> topNull();
            case ColumnarRow.INT -> add(row.bits(position), 0);
            case ColumnarRow.OBJECT -> write(row.object(position), 0, 0);
            default -> throw new IllegalArgumentException(unexpected(kind));
        }
    }

    @Override
    long bitsOf(Object value) {
        return ((Number) value).intValue();
    }

    @Override
    void observe(long bits) {
        int v = (int) bits;
        if (!any) {
            min = v;
            max = v;
            any = true;
        } else if (v < min) {
            min = v;
        } else if (v > max) {
            max = v;
        }
    }

    @Override
    Statistics<?> pageStatistics() {
        Statistics<?> s = Statistics.createStats(type);
        if (any) {
            s.updateStats(min);
            s.updateStats(max);
        }
        s.incrementNumNulls(pageNulls);
        return s;
    }

    @Override
    void resetPage() {
        super.resetPage();
        any = false;
    }
}
