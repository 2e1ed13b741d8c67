package dev.sluice.lake.parquet;

import org.apache.iceberg.DoubleFieldMetrics;
import org.apache.iceberg.FieldMetrics;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/**
 * A DOUBLE leaf. Page statistics go through Parquet's own {@code DoubleStatistics} value by value,
 * so NaN and signed zeros are treated exactly as parquet-java treats them; Iceberg's NaN count and
 * bounds come from its {@link DoubleFieldMetrics}, as Iceberg's own Parquet writer produces them.
 */
final class DoubleLeaf extends FixedLeaf {

    private final int fieldId;
    private DoubleFieldMetrics.Builder metrics;
    private Statistics<?> page;

    DoubleLeaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body,
               int fieldId) {
        super(descriptor, optional, settings, body, 8);
        this.fieldId = fieldId;
        this.metrics = new DoubleFieldMetrics.Builder(fieldId);
        this.page = Statistics.createStats(type);
    }

    @Override
    void writeTop(ColumnarRow row, int position) {
        int kind = row.kind(position);
        switch (kind) {
            case ColumnarRow.NULL -> topNull();
            case ColumnarRow.DOUBLE -> addDouble(Double.longBitsToDouble(row.bits(position)), 0);
            case ColumnarRow.OBJECT -> write(row.object(position), 0, 0);
            default -> throw new IllegalArgumentException(unexpected(kind));
        }
    }

    private void addDouble(double v, int repetition) {
        metrics.addValue(v);
        add(Double.doubleToRawLongBits(v), repetition);
    }

    @Override
    long bitsOf(Object value) {
        double v = ((Number) value).doubleValue();
        metrics.addValue(v);
        return Double.doubleToRawLongBits(v);
    }

    @Override
    void observe(long bits) {
        page.updateStats(Double.longBitsToDouble(bits));
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

    /** Iceberg's metrics of every value written to this file. */
    FieldMetrics<?> fieldMetrics() {
        return fieldMetrics(metrics.build());
    }

    int fieldId() {
        return fieldId;
    }
}
