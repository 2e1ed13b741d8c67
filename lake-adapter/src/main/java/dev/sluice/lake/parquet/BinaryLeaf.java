package dev.sluice.lake.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A BINARY leaf: strings (UTF-8) and binaries. Values arrive as text ({@link CharSequence}, encoded
 * here), as UTF-8 or binary slices, or as {@link ByteBuffer}s. The dictionary is keyed by the
 * value's bytes and holds them already PLAIN-encoded, so the dictionary page is that buffer as it
 * is. Statistics compare bytes unsigned and lexicographically, as Parquet orders UTF-8 and binary;
 * a dictionary page compares each distinct value once per page, a plain page every value.
 */
final class BinaryLeaf extends Leaf {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The dictionary, PLAIN-encoded (4-byte length, bytes) in id order. */
    private final ByteSink entries = new ByteSink(256);
    private int[] entryStart = new int[16];
    private int[] entryLength = new int[16];
    private int[] entryHash = new int[16];
    /** Last page (by {@link #pageSeq}) in which each id was written, for the page's statistics. */
    private int[] entryMark = new int[16];
    private int entryCount;
    /** Open addressing: id + 1, 0 when empty; at most half full. */
    private int[] table = new int[32];

    private int[] ids = new int[64];
    private int count;
    private long plainBytesOfPage;
    private int pageSeq = 1;
    private int minId = -1;
    private int maxId = -1;

    private final ByteSink plain = new ByteSink(256);
    private int minAt = -1;
    private int minLength;
    private int maxAt = -1;
    private int maxLength;

    /** Text encoded to UTF-8 before it is looked up or copied. */
    private final ByteSink text = new ByteSink(64);
    /**
     * The last String written in dictionary mode, its id and UTF-8 length: a column of repeated
     * values (a source, a lateness class, a metadata value) mostly gets the very same instance row
     * after row, which then needs no encoding and no lookup. Strings only: they cannot change.
     */
    private String lastText;
    private int lastId = -1;
    private int lastLength;

    BinaryLeaf(ColumnDescriptor descriptor, boolean optional, ColumnarSettings.Column settings, ByteSink body) {
        super(descriptor, optional, settings, body);
    }

    @Override
    void writeTop(ColumnarRow row, int position) {
        switch (row.kind(position)) {
            case ColumnarRow.NULL -> topNull();
            case ColumnarRow.TEXT -> addText(row.text(position), 0);
            case ColumnarRow.BYTES -> add(row.bytes(position), row.bytesOffset(position), row.bytesLength(position), 0);
            case ColumnarRow.OBJECT -> write(row.object(position), 0, 0);
            default -> throw new IllegalArgumentException("Column " + name + " holds text or bytes, not "
                    + ColumnarRow.kindName(row.kind(position)));
        }
    }

    @Override
    void write(Object value, int repetition, int definition) {
        switch (value) {
            case CharSequence s -> addText(s, repetition);
            case ByteBuffer b -> {
                ByteBuffer d = b.duplicate();
                if (d.hasArray()) {
                    add(d.array(), d.arrayOffset() + d.position(), d.remaining(), repetition);
                } else {
                    byte[] copy = new byte[d.remaining()];
                    d.get(copy);
                    add(copy, 0, copy.length, repetition);
                }
            }
            case byte[] bytes -> add(bytes, 0, bytes.length, repetition);
            default -> throw new IllegalArgumentException("Column " + name + " holds text or bytes, not "
                    + value.getClass().getName());
        }
    }

    void addText(CharSequence s, int repetition) {
        if (s == lastText && dictionaryMode && lastId >= 0) {
            level(repetition, maxDefinition);
            addId(lastId, lastLength);
            return;
        }
        text.clear();
        Utf8Text.encode(s, text);
        add(text.array(), 0, text.size(), repetition);
        if (s instanceof String str && dictionaryMode && lastId >= 0) {
            lastText = str;
            lastLength = text.size();
        } else {
            lastText = null;
        }
    }

    /** Adds the value {@code a[offset, offset + length)}; the array is not kept. */
    void add(byte[] a, int offset, int length, int repetition) {
        level(repetition, maxDefinition);
        if (dictionaryMode) {
            int hash = hash(a, offset, length);
            int id = find(a, offset, length, hash);
            if (id < 0) {
                if (entries.size() + 4L + length > settings.dictionaryMaxBytes()) {
                    fallBackToPlain();
                    lastId = -1;
                    appendPlain(a, offset, length);
                    return;
                }
                id = insert(a, offset, length, hash);
            }
            addId(id, length);
            lastId = id;
        } else {
            lastId = -1;
            appendPlain(a, offset, length);
        }
    }

    /** A value of the dictionary, its levels recorded. */
    private void addId(int id, int length) {
        ids = grow(ids, count);
        ids[count++] = id;
        plainBytesOfPage += 4 + length;
        pageValueBytes += 2; // a conservative share of the bit-packed ids
        if (settings.statistics() && entryMark[id] != pageSeq) {
            entryMark[id] = pageSeq;
            noteDistinct(id);
        }
    }

    private void noteDistinct(int id) {
        byte[] e = entries.array();
        if (minId < 0) {
            minId = id;
            maxId = id;
            return;
        }
        int from = entryStart[id];
        int to = from + entryLength[id];
        if (Arrays.compareUnsigned(e, from, to, e, entryStart[minId], entryStart[minId] + entryLength[minId]) < 0) {
            minId = id;
        }
        if (Arrays.compareUnsigned(e, from, to, e, entryStart[maxId], entryStart[maxId] + entryLength[maxId]) > 0) {
            maxId = id;
        }
    }

    private void appendPlain(byte[] a, int offset, int length) {
        plain.putIntLE(length);
        int at = plain.size();
        plain.put(a, offset, length);
        count++;
        pageValueBytes += 4 + length;
        if (settings.statistics()) {
            byte[] p = plain.array();
            if (minAt < 0) {
                minAt = at;
                minLength = length;
                maxAt = at;
                maxLength = length;
            } else {
                if (Arrays.compareUnsigned(p, at, at + length, p, minAt, minAt + minLength) < 0) {
                    minAt = at;
                    minLength = length;
                }
                if (Arrays.compareUnsigned(p, at, at + length, p, maxAt, maxAt + maxLength) > 0) {
                    maxAt = at;
                    maxLength = length;
                }
            }
        }
    }

    private int find(byte[] a, int offset, int length, int hash) {
        int mask = table.length - 1;
        byte[] e = entries.array();
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (entryHash[id] == hash && entryLength[id] == length
                    && Arrays.equals(e, entryStart[id], entryStart[id] + length, a, offset, offset + length)) {
                return id;
            }
        }
    }

    private int insert(byte[] a, int offset, int length, int hash) {
        int id = entryCount;
        if (id == entryStart.length) {
            int n = id * 2;
            entryStart = Arrays.copyOf(entryStart, n);
            entryLength = Arrays.copyOf(entryLength, n);
            entryHash = Arrays.copyOf(entryHash, n);
            entryMark = Arrays.copyOf(entryMark, n);
        }
        entries.putIntLE(length);
        entryStart[id] = entries.size();
        entries.put(a, offset, length);
        entryLength[id] = length;
        entryHash[id] = hash;
        entryMark[id] = 0;
        entryCount = id + 1;
        if (entryCount * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            place(id, hash);
        }
        return id;
    }

    private void place(int id, int hash) {
        int mask = table.length - 1;
        int slot = hash & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = id + 1;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int id = 0; id < entryCount; id++) {
            place(id, entryHash[id]);
        }
    }

    static int hash(byte[] a, int offset, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONG.get(a, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (a[i] & 0xFFL) << shift;
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    void writeValues(ByteSink out) {
        if (dictionaryMode) {
            ids(ids, count, entryCount, out);
        } else {
            out.put(plain.array(), 0, plain.size());
        }
    }

    @Override
    Statistics<?> pageStatistics() {
        Statistics<?> s = Statistics.createStats(type);
        if (dictionaryMode) {
            if (minId >= 0) {
                byte[] e = entries.array();
                s.updateStats(Binary.fromReusedByteArray(e, entryStart[minId], entryLength[minId]));
                s.updateStats(Binary.fromReusedByteArray(e, entryStart[maxId], entryLength[maxId]));
            }
        } else if (minAt >= 0) {
            byte[] p = plain.array();
            s.updateStats(Binary.fromReusedByteArray(p, minAt, minLength));
            s.updateStats(Binary.fromReusedByteArray(p, maxAt, maxLength));
        }
        s.incrementNumNulls(pageNulls);
        return s;
    }

    @Override
    void resetPage() {
        clearValues();
        plainBytesOfPage = 0;
        pageSeq++;
    }

    /** Forgets the page's values and their statistics (not its levels). */
    private void clearValues() {
        count = 0;
        plain.clear();
        minAt = -1;
        maxAt = -1;
        minId = -1;
        maxId = -1;
    }

    @Override
    void convertPageToPlain() {
        int n = count;
        clearValues();
        pageValueBytes = 0;
        byte[] e = entries.array();
        for (int k = 0; k < n; k++) {
            int id = ids[k];
            appendPlain(e, entryStart[id], entryLength[id]);
        }
    }

    @Override
    long plainBytesOfPage() {
        return plainBytesOfPage;
    }

    @Override
    BytesInput dictionary() {
        return BytesInput.from(Arrays.copyOf(entries.array(), entries.size()));
    }

    @Override
    int dictionarySize() {
        return entryCount;
    }

    @Override
    long dictionaryBytes() {
        return entries.size();
    }

    @Override
    void resetDictionary() {
        lastText = null;
        lastId = -1;
        entries.clear();
        entryCount = 0;
        Arrays.fill(table, 0);
    }
}
