package dev.sluice.lake.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/**
 * An INT64 leaf (long, timestamp in µs, time) or an INT32 one (int, date in days). An int's bits are
 * carried sign-extended, so both compare signed as longs; statistics compare signed, as Parquet
 * orders these types.
 */
final class IntegralLeaf extends FixedLeaf {

    private final boolean int32;
    private long min;
    private long max;
    private boolean any;

    IntegralLeaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body,
                 boolean int32) {
        super(descriptor, optional, settings, body, int32 ? 4 : 8);
        this.int32 = int32;
    }

    @Override
    void writeTop(ColumnarRow row, int position) {
        int kind = row.kind(position);
        switch (kind) {
            case ColumnarRow.NULL -> topNull();
            case ColumnarRow.INT -> add(row.bits(position), 0);
            case ColumnarRow.LONG -> {
                if (int32) {
                    throw new IllegalArgumentException(unexpected(kind));
                }
                add(row.bits(position), 0);
            }
            case ColumnarRow.OBJECT -> write(row.object(position), 0, 0);
            default -> throw new IllegalArgumentException(unexpected(kind));
        }
    }

    @Override
    long bitsOf(Object value) {
        Number n = (Number) value;
        return int32 ? n.intValue() : n.longValue();
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
            if (int32) {
                s.updateStats((int) min);
                s.updateStats((int) max);
            } else {
                s.updateStats(min);
                s.updateStats(max);
            }
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
