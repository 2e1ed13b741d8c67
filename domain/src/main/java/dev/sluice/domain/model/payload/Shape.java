package dev.sluice.domain.model.payload;

import java.util.Arrays;

/**
 * The member names of an object, in order, with an open-addressing index from name to position.
 * Immutable once built (the sorted order is computed lazily, idempotently); objects with the same
 * names in the same order can share one shape, so a stream of events of one producer pays for the
 * index once (see {@link ObjectValue#builderLike(ObjectValue)}).
 */
final class Shape {

    static final Shape EMPTY = new Shape(new String[0], 0, new int[1]);

    final String[] names;   // distinct; length >= size
    final int size;
    final int[] table;      // position + 1 by spread hash, 0 = empty; length a power of two >= 2 * size
    private volatile int[] nameOrder;
    private volatile byte[][] jsonNames;
    private volatile byte[][] utf8Names;

    Shape(String[] names, int size, int[] table) {
        this.names = names;
        this.size = size;
        this.table = table;
    }

    /** The position of {@code name}, or -1. */
    int indexOf(Object name) {
        if (name == null) {
            return -1;
        }
        int[] t = table;
        int mask = t.length - 1;
        int slot = spread(name.hashCode()) & mask;
        int entry;
        while ((entry = t[slot]) != 0) {
            String candidate = names[entry - 1];
            if (candidate == name || candidate.equals(name)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Positions in the order of their names ({@link String#compareTo}). */
    int[] nameOrder() {
        int[] order = nameOrder;
        if (order == null && size <= 32) {
            // insertion sort of positions: no boxing for the usual small objects
            order = new int[size];
            for (int i = 0; i < size; i++) {
                int position = i;
                int j = i - 1;
                while (j >= 0 && names[order[j]].compareTo(names[position]) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = position;
            }
            nameOrder = order;
        } else if (order == null) {
            Integer[] boxed = new Integer[size];
            for (int i = 0; i < size; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> names[a].compareTo(names[b]));
            order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = boxed[i];
            }
            nameOrder = order;
        }
        return order;
    }

    /** Each name's UTF-8 bytes, as {@link String#getBytes} gives them. */
    byte[][] utf8Names() {
        byte[][] out = utf8Names;
        if (out == null) {
            out = new byte[size][];
            for (int i = 0; i < size; i++) {
                out[i] = names[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            utf8Names = out;
        }
        return out;
    }

    /** Each name as UTF-8 JSON text followed by its colon ({@code "name":}), as {@link PayloadJson} escapes it. */
    byte[][] jsonNames() {
        byte[][] out = jsonNames;
        if (out == null) {
            out = new byte[size][];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < size; i++) {
                text.setLength(0);
                PayloadJson.write(new StringValue(names[i]), text);
                out[i] = text.append(':').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            jsonNames = out;
        }
        return out;
    }

    /**
     * True when the name at {@code position} is the UTF-8 text {@code b[from, to)} and needs no escaping
     * in JSON (so that text, between quotes, is how a producer writes it without escapes).
     */
    boolean nameIs(int position, byte[] b, int from, int to) {
        byte[] json = jsonNames()[position]; // "name":
        int length = to - from;
        return json.length == length + 3 && java.util.Arrays.equals(json, 1, length + 1, b, from, to);
    }

    /** The shape of {@code names[0..size)}, or null when two of them are equal. */
    static Shape distinct(String[] names, int size) {
        int[] table = index(names, size, capacityFor(size));
        Shape shape = new Shape(names, size, table);
        for (int i = 0; i < size; i++) {
            if (shape.indexOf(names[i]) != i) {
                return null;
            }
        }
        return shape;
    }

    static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** A table of {@code capacity} slots (a power of two) indexing the first {@code size} names, which are distinct. */
    static int[] index(String[] names, int size, int capacity) {
        int[] t = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < size; i++) {
            int slot = spread(names[i].hashCode()) & mask;
            while (t[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            t[slot] = i + 1;
        }
        return t;
    }

    static int capacityFor(int size) {
        return Math.max(4, Integer.highestOneBit(Math.max(1, size) * 2 - 1) << 1);
    }
}
