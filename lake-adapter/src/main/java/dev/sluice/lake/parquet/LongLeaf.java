package dev.sluice.lake.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/** An INT64 leaf: long, timestamp (µs), time; statistics compare signed. */
final class LongLeaf extends FixedLeaf {

    private long min;
    private long max;
    private boolean any;

    LongLeaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body) {
        super(descriptor, optional, settings, body, 8);
    }

    @Override
    void writeTop(ColumnarRow row, int position) {
        int kind = row.kind(position);
        switch (kind) {
            case ColumnarRow.NULL -> topNull();
            case ColumnarRow.LONG, ColumnarRow.INT -> add(row.bits(position), 0);
            case ColumnarRow.OBJECT -> write(row.object(position), 0, 0);
            default -> throw new IllegalArgumentException(unexpected(kind));
        }
    }

    @Override
    long bitsOf(Object value) {
        return ((Number) value).longValue();
    }

    @Override
    void observe(long v) {
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
