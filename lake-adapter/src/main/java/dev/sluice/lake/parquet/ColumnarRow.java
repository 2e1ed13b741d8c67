package dev.sluice.lake.parquet;

import org.apache.iceberg.StructLike;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The row {@link ColumnarFileWriter} writes: each top-level column's value held unboxed (a kind, the
 * bits of a primitive, or a reference), so that filling it allocates nothing. It is also the
 * {@link StructLike} a partition key reads its source columns from (boxing only those values).
 * Reused: {@link #clear()} before each row. Not thread-safe.
 */
public final class ColumnarRow implements RowTarget, StructLike {

    static final byte NULL = 0;
    static final byte TEXT = 1;
    static final byte BYTES = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte FLOAT = 5;
    static final byte DOUBLE = 6;
    static final byte BOOLEAN = 7;
    static final byte OBJECT = 8;

    private final byte[] kinds;
    private final long[] bits;
    private final Object[] refs;
    private final int[] lengths;

    public ColumnarRow(int columns) {
        this.kinds = new byte[columns];
        this.bits = new long[columns];
        this.refs = new Object[columns];
        this.lengths = new int[columns];
    }

    /** Sets every column to null, and drops the references of the last row. */
    public void clear() {
        Arrays.fill(kinds, NULL);
        Arrays.fill(refs, null);
    }

    @Override
    public int size() {
        return kinds.length;
    }

    @Override
    public void setNull(int position) {
        kinds[position] = NULL;
        refs[position] = null;
    }

    @Override
    public void setString(int position, CharSequence value) {
        if (value == null) {
            setNull(position);
        } else {
            kinds[position] = TEXT;
            refs[position] = value;
        }
    }

    @Override
    public void setBytes(int position, byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        kinds[position] = BYTES;
        refs[position] = bytes;
        bits[position] = offset;
        lengths[position] = length;
    }

    @Override
    public void setInt(int position, int value) {
        kinds[position] = INT;
        bits[position] = value;
    }

    @Override
    public void setLong(int position, long value) {
        kinds[position] = LONG;
        bits[position] = value;
    }

    @Override
    public void setFloat(int position, float value) {
        kinds[position] = FLOAT;
        bits[position] = Float.floatToRawIntBits(value);
    }

    @Override
    public void setDouble(int position, double value) {
        kinds[position] = DOUBLE;
        bits[position] = Double.doubleToRawLongBits(value);
    }

    @Override
    public void setBoolean(int position, boolean value) {
        kinds[position] = BOOLEAN;
        bits[position] = value ? 1 : 0;
    }

    @Override
    public void setObject(int position, Object value) {
        switch (value) {
            case null -> setNull(position);
            case CharSequence s -> setString(position, s);
            case Integer i -> setInt(position, i);
            case Long l -> setLong(position, l);
            case Float f -> setFloat(position, f);
            case Double d -> setDouble(position, d);
            case Boolean b -> setBoolean(position, b);
            default -> {
                kinds[position] = OBJECT;
                refs[position] = value;
            }
        }
    }

    int kind(int position) {
        return kinds[position];
    }

    long bits(int position) {
        return bits[position];
    }

    CharSequence text(int position) {
        return (CharSequence) refs[position];
    }

    byte[] bytes(int position) {
        return (byte[]) refs[position];
    }

    int bytesOffset(int position) {
        return (int) bits[position];
    }

    int bytesLength(int position) {
        return lengths[position];
    }

    /** The value as an internal Java object (boxed for primitives; a String for a byte slice); null for a null. */
    Object object(int position) {
        return switch (kinds[position]) {
            case NULL -> null;
            case TEXT, OBJECT -> refs[position];
            case BYTES -> new String((byte[]) refs[position], (int) bits[position], lengths[position], StandardCharsets.UTF_8);
            case INT -> (int) bits[position];
            case LONG -> bits[position];
            case FLOAT -> Float.intBitsToFloat((int) bits[position]);
            case DOUBLE -> Double.longBitsToDouble(bits[position]);
            case BOOLEAN -> bits[position] != 0;
            default -> throw new IllegalStateException("unknown kind " + kinds[position]);
        };
    }

    @Override
    public <T> T get(int position, Class<T> javaClass) {
        return javaClass.cast(object(position));
    }

    @Override
    public <T> void set(int position, T value) {
        setObject(position, value);
    }

    static String kindName(int kind) {
        return switch (kind) {
            case NULL -> "null";
            case TEXT -> "text";
            case BYTES -> "bytes";
            case INT -> "an int";
            case LONG -> "a long";
            case FLOAT -> "a float";
            case DOUBLE -> "a double";
            case BOOLEAN -> "a boolean";
            default -> "an object";
        };
    }
}
