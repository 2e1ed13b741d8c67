package dev.sluice.lake.parquet;

import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.FloatFieldMetrics;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/** A FLOAT leaf; statistics and metrics as {@link DoubleLeaf} has them. */
final class FloatLeaf extends FixedLeaf {

    private final FloatFieldMetrics.Builder metrics;
    private Statistics<?> page;

    FloatLeaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body,
              int fieldId) {
        super(descriptor, optional, settings, body, 4);
        this.metrics = new FloatFieldMetrics.Builder(fieldId);
        this.page = Statistics.createStats(type);
    }

    @Override
    void writeTop(ColumnarRow row, int position) {
        int kind = row.kind(position);
        switch (kind) {
            case ColumnarRow.NULL -> topNull();
            case ColumnarRow.FLOAT -> {
                float v = Float.intBitsToFloat((int) row.bits(position));
                metrics.addValue(v);
                add(Float.floatToRawIntBits(v) & 0xFFFFFFFFL, 0);
            }
            case ColumnarRow.OBJECT -> write(row.object(position), 0, 0);
            default -> throw new IllegalArgumentException(unexpected(kind));
        }
    }

    @Override
    long bitsOf(Object value) {
        float v = ((Number) value).floatValue();
        metrics.addValue(v);
        return Float.floatToRawIntBits(v) & 0xFFFFFFFFL;
    }

    @Override
    void observe(long bits) {
        page.updateStats(Float.intBitsToFloat((int) bits));
    }

    @Override
    Statistics<?> pageStatistics() {
        Statistics<?> s = page;
        s.incrementNumNulls(pageNulls);
        return s;
    }

    @Override
    void resetPage() {
        super.resetPage();
        page = Statistics.createStats(type);
    }

    FieldMetrics<?> fieldMetrics() {
        return fieldMetrics(metrics.build());
    }
}
