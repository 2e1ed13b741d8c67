package dev.sluice.domain.model.payload;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

import static java.util.Objects.requireNonNull;

/**
 * The unmodifiable member map of an {@link ObjectValue}: a {@link Shape} and an array of values,
 * in insertion order. Lookups go through the shape's index, iteration walks the arrays.
 */
final class Members extends AbstractMap<String, PayloadValue> {

    static final Members EMPTY = new Members(Shape.EMPTY, new PayloadValue[0]);

    final Shape shape;
    final PayloadValue[] values;   // length >= shape.size; never written after construction
    /**
     * The bytes the object was parsed from, or null: where they are known, {@code spans[2i]} and
     * {@code spans[2i + 1]} delimit the JSON text of member {@code i}'s value in them ({@code -1} for a
     * member whose value was replaced since); a start may carry {@link #ESCAPED}. Never written after
     * construction; equality ignores them.
     */
    final byte[] source;
    final int[] spans;
    /** Set in a span's start when the value is a string received with escapes (its text is not its UTF-8). */
    static final int ESCAPED = 1 << 30;
    /** The offset bits of a span's start. */
    static final int OFFSET = ESCAPED - 1;

    Members(Shape shape, PayloadValue[] values) {
        this(shape, values, null, null);
    }

    Members(Shape shape, PayloadValue[] values, byte[] source, int[] spans) {
        this.shape = shape;
        this.values = values;
        this.source = source;
        this.spans = spans;
    }

    /** A copy of any map, checking names and values. */
    static Members copyOf(Map<String, PayloadValue> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        int n = map.size();
        String[] names = new String[n];
        PayloadValue[] values = new PayloadValue[n];
        int i = 0;
        for (Map.Entry<String, PayloadValue> e : map.entrySet()) {
            if (i == n) {
                throw new IllegalArgumentException("the map grew while it was copied");
            }
            names[i] = requireNonNull(e.getKey(), "member name is null");
            values[i] = requireNonNull(e.getValue(), () -> "value of member '" + e.getKey() + "' is null");
            i++;
        }
        if (i != n) {
            throw new IllegalArgumentException("the map shrank while it was copied");
        }
        // A Map's keys are distinct.
        return new Members(new Shape(names, n, Shape.index(names, n, Shape.capacityFor(n))), values);
    }

    @Override
    public int size() {
        return shape.size;
    }

    @Override
    public boolean isEmpty() {
        return shape.size == 0;
    }

    @Override
    public PayloadValue get(Object key) {
        int i = shape.indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return shape.indexOf(key) >= 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super PayloadValue> action) {
        String[] names = shape.names;
        for (int i = 0, n = shape.size; i < n; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, PayloadValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, PayloadValue>> iterator() {
                return new Walk<>() {
                    @Override
                    Entry<String, PayloadValue> at(int i) {
                        return new SimpleImmutableEntry<>(shape.names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return shape.size;
            }
        };
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new Walk<>() {
                    @Override
                    String at(int i) {
                        return shape.names[i];
                    }
                };
            }

            @Override
            public boolean contains(Object o) {
                return shape.indexOf(o) >= 0;
            }

            @Override
            public int size() {
                return shape.size;
            }
        };
    }

    @Override
    public Collection<PayloadValue> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<PayloadValue> iterator() {
                return new Walk<>() {
                    @Override
                    PayloadValue at(int i) {
                        return values[i];
                    }
                };
            }

            @Override
            public int size() {
                return shape.size;
            }
        };
    }

    private abstract class Walk<T> implements Iterator<T> {
        private int next;

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < shape.size;
        }

        @Override
        public T next() {
            if (next >= shape.size) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }
    }
}
