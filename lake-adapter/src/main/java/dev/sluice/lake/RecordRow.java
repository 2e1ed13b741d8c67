package dev.sluice.lake;

import dev.sluice.lake.parquet.RowTarget;
import org.apache.avro.util.Utf8;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link RowTarget} over one reused Iceberg {@link GenericRecord} of internal values, for Iceberg's
 * own Parquet writer ({@link InternalRowWriterFactory}), which encodes a record as soon as it is
 * written. Byte slices are copied (a {@link Utf8} for a string column, a {@link ByteBuffer} for a
 * binary one), so a record handed out by {@link #copy()} stays valid.
 */
final class RecordRow implements RowTarget {

    private final GenericRecord record;
    private final boolean[] binary;

    RecordRow(Schema schema) {
        this.record = GenericRecord.create(schema);
        List<Types.NestedField> columns = schema.columns();
        this.binary = new boolean[columns.size()];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = columns.get(i).type().typeId() == Type.TypeID.BINARY;
        }
    }

    /** Sets every column to null. */
    void clear() {
        for (int i = 0; i < binary.length; i++) {
            record.set(i, null);
        }
    }

    /** The record itself, reused by the next row. */
    Record record() {
        return record;
    }

    /** A record of this row's values that the next row does not change. */
    Record copy() {
        return record.copy();
    }

    @Override
    public void setNull(int position) {
        record.set(position, null);
    }

    @Override
    public void setString(int position, CharSequence value) {
        record.set(position, value);
    }

    @Override
    public void setBytes(int position, byte[] bytes, int offset, int length) {
        byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
        record.set(position, binary[position] ? ByteBuffer.wrap(copy) : new Utf8(copy));
    }

    @Override
    public void setInt(int position, int value) {
        record.set(position, value);
    }

    @Override
    public void setLong(int position, long value) {
        record.set(position, value);
    }

    @Override
    public void setFloat(int position, float value) {
        record.set(position, value);
    }

    @Override
    public void setDouble(int position, double value) {
        record.set(position, value);
    }

    @Override
    public void setBoolean(int position, boolean value) {
        record.set(position, value);
    }

    @Override
    public void setObject(int position, Object value) {
        record.set(position, value);
    }
}
