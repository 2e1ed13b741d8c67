package dev.sluice.lake.parquet;

import org.apache.parquet.bytes.BytesInput;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array written in Parquet's little-endian order. Not thread-safe. {@link #view()}
 * hands the bytes to Parquet without a copy: the page store compresses (and so copies) a page
 * before {@code writePage} returns, so the sink may be cleared and reused right after.
 */
final class ByteSink {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int size;

    ByteSink(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    /** Makes room for {@code more} bytes after the current end. */
    void reserve(int more) {
        int needed = size + more;
        if (needed > bytes.length) {
            if (needed < 0) {
                throw new IllegalStateException("A Parquet buffer cannot grow beyond 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L)));
        }
    }

    void put(byte b) {
        reserve(1);
        bytes[size++] = b;
    }

    void put(byte[] source, int offset, int length) {
        reserve(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void putIntLE(int value) {
        reserve(4);
        INT.set(bytes, size, value);
        size += 4;
    }

    void putLongLE(long value) {
        reserve(8);
        LONG.set(bytes, size, value);
        size += 8;
    }

    /** Overwrites the 4 bytes at {@code at} (a length prefix reserved earlier). */
    void setIntLE(int at, int value) {
        INT.set(bytes, at, value);
    }

    /** An unsigned LEB128 varint, as Parquet's RLE run headers use. */
    void putVarint(int value) {
        reserve(5);
        while ((value & ~0x7F) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** Moves the end to {@code newSize} (≤ capacity reserved before); for writers that fill the array in place. */
    void setSize(int newSize) {
        this.size = newSize;
    }

    /** The bytes written so far, without a copy; valid until the sink is written again. */
    BytesInput view() {
        return BytesInput.from(bytes, 0, size);
    }
}
