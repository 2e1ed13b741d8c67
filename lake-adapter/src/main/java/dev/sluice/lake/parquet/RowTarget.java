package dev.sluice.lake.parquet;

/**
 * A row being filled, by the top-level position of each column in the table schema. Values are
 * Iceberg's internal values: a timestamp is a long of microseconds, a date an int of days; a nested
 * value goes through {@link #setObject} as a {@link org.apache.iceberg.StructLike}, a
 * {@link java.util.List} or a {@link java.util.Map} of internal values, a binary as a
 * {@link java.nio.ByteBuffer}. A column left unset is null.
 */
public interface RowTarget {

    void setNull(int position);

    /** Text (null for a null). */
    void setString(int position, CharSequence value);

    /**
     * UTF-8 text (or binary) held in {@code bytes[offset, offset + length)}. The array is read when the
     * row is written, not before, and may be reused once it is.
     */
    void setBytes(int position, byte[] bytes, int offset, int length);

    void setInt(int position, int value);

    void setLong(int position, long value);

    void setFloat(int position, float value);

    void setDouble(int position, double value);

    void setBoolean(int position, boolean value);

    /** A nested or binary internal value, or any boxed primitive (null for a null). */
    void setObject(int position, Object value);
}
