package dev.sluice.domain.model.payload;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A JSON object: named members in insertion order. Member values are never {@code null}; use {@link NullValue}.
 *
 * <p>The members are held in arrays behind an unmodifiable {@link Map} view: a shape (the names in
 * order, with a hash index) and the values. Objects built with {@link #builderLike(ObjectValue)}
 * from members with the same names in the same order share one shape, so a stream of events from
 * one producer builds the index once. Positional access ({@link #nameAt(int)}, {@link #valueAt(int)},
 * {@link #nameOrderAt(int)}) is for hot paths that walk every member.
 */
public record ObjectValue(Map<String, PayloadValue> members) implements PayloadValue {

    public static final ObjectValue EMPTY = new ObjectValue(Map.of());

    public ObjectValue {
        requireNonNull(members, "members is null");
        if (!(members instanceof Members)) {
            // Members instances are immutable and only this package creates them; any other map is copied.
            members = Members.copyOf(members);
        }
    }

    Members m() {
        return (Members) members;
    }

    /** The member called {@code name}, if present (a present JSON null is returned as {@link NullValue}). */
    public Optional<PayloadValue> get(String name) {
        return Optional.ofNullable(getOrNull(name));
    }

    /** The member called {@code name}, or {@code null} when absent. For hot paths that avoid allocation. */
    public PayloadValue getOrNull(String name) {
        Members m = m();
        int i = m.shape.indexOf(name);
        return i < 0 ? null : m.values[i];
    }

    /** The position of member {@code name} in insertion order, or -1 when absent. */
    public int indexOf(String name) {
        return m().shape.indexOf(name);
    }

    /** The name of the member at {@code index} (insertion order, 0-based). */
    public String nameAt(int index) {
        return m().shape.names[checkIndex(index)];
    }

    /** The value of the member at {@code index} (insertion order, 0-based). */
    public PayloadValue valueAt(int index) {
        return m().values[checkIndex(index)];
    }

    /**
     * The position of the {@code k}-th member in the order of member names ({@link String#compareTo}),
     * for canonical encodings; computed once per shape.
     */
    public int nameOrderAt(int k) {
        return m().shape.nameOrder()[checkIndex(k)];
    }

    /**
     * This object with the value at {@code index} replaced; names and order stay, the shape is shared,
     * and the other members keep their text as received ({@link #receivedStart}).
     */
    public ObjectValue withValueAt(int index, PayloadValue value) {
        requireNonNull(value, "value is null");
        Members m = m();
        PayloadValue[] values = Arrays.copyOf(m.values, m.shape.size);
        values[checkIndex(index)] = value;
        int[] spans = null;
        if (m.source != null) {
            spans = Arrays.copyOf(m.spans, 2 * m.shape.size);
            spans[2 * index] = -1;
            spans[2 * index + 1] = -1;
        }
        return new ObjectValue(new Members(m.shape, values, m.source, spans));
    }

    /**
     * This object with the values at {@code indexes[0, count)} replaced by {@code values[0, count)},
     * in one copy of the value array (and of the received spans); names and order stay, the shape is
     * shared, and the other members keep their text as received.
     */
    public ObjectValue withValuesAt(int[] indexes, PayloadValue[] values, int count) {
        requireNonNull(indexes, "indexes is null");
        requireNonNull(values, "values is null");
        if (count < 0 || count > indexes.length || count > values.length) {
            throw new IndexOutOfBoundsException("count " + count + " for " + indexes.length + " indexes and "
                    + values.length + " values");
        }
        Members m = m();
        PayloadValue[] copy = Arrays.copyOf(m.values, m.shape.size);
        int[] spans = m.source == null ? null : Arrays.copyOf(m.spans, 2 * m.shape.size);
        for (int k = 0; k < count; k++) {
            int index = checkIndex(indexes[k]);
            copy[index] = requireNonNull(values[k], "values[" + k + "] is null");
            if (spans != null) {
                spans[2 * index] = -1;
                spans[2 * index + 1] = -1;
            }
        }
        return new ObjectValue(new Members(m.shape, copy, m.source, spans));
    }

    /**
     * This object with every value replaced by {@code f} of it; names and order stay, the shape is
     * shared. Returns this object itself when {@code f} returns every value unchanged (same instance).
     */
    public ObjectValue mapValues(java.util.function.UnaryOperator<PayloadValue> f) {
        requireNonNull(f, "f is null");
        Members m = m();
        PayloadValue[] values = null;
        int[] spans = null;
        for (int i = 0, n = m.shape.size; i < n; i++) {
            PayloadValue before = m.values[i];
            PayloadValue after = f.apply(before);
            if (after == null) {
                throw new NullPointerException("new value of member '" + m.shape.names[i] + "' is null");
            }
            if (after != before) {
                if (values == null) {
                    values = Arrays.copyOf(m.values, n);
                    spans = m.source == null ? null : Arrays.copyOf(m.spans, 2 * n);
                }
                values[i] = after;
                if (spans != null) {
                    spans[2 * i] = -1;
                    spans[2 * i + 1] = -1;
                }
            }
        }
        return values == null ? this : new ObjectValue(new Members(m.shape, values, m.source, spans));
    }

    /**
     * The bytes this object was parsed from ({@link PayloadParser}), or null when it was built otherwise.
     * Read-only: shared with every value parsed from them.
     */
    public byte[] receivedBytes() {
        return m().source;
    }

    /**
     * Where the JSON text of member {@code index}'s value starts in {@link #receivedBytes()}, exactly
     * as received (a string with its quotes); -1 when it is not known (no bytes, or a value replaced
     * since). The text is valid JSON for that value.
     */
    public int receivedStart(int index) {
        Members m = m();
        if (m.source == null) {
            return -1;
        }
        int start = m.spans[2 * checkIndex(index)];
        return start < 0 ? -1 : start & Members.OFFSET;
    }

    /** Where that text ends (exclusive); -1 when it is not known. */
    public int receivedEnd(int index) {
        Members m = m();
        return m.source == null ? -1 : m.spans[2 * checkIndex(index) + 1];
    }

    /**
     * Where the content of member {@code index}'s string value starts in {@link #receivedBytes()}
     * when that content is the value's UTF-8 bytes as they are (a string received without escapes);
     * -1 otherwise. The content ends one byte before {@link #receivedEnd(int)}.
     */
    public int receivedUtf8Start(int index) {
        Members m = m();
        if (m.source == null) {
            return -1;
        }
        int start = m.spans[2 * checkIndex(index)];
        // Not replaced (>= 0), no escapes (no ESCAPED bit), and a string: its content, after the quote.
        return start >= 0 && (start & Members.ESCAPED) == 0 && m.values[index] instanceof StringValue ? start + 1 : -1;
    }

    /**
     * The UTF-8 bytes of the name at {@code index} ({@link String#getBytes}), computed once per shape.
     * Read-only: shared by every object of the shape.
     */
    public byte[] nameUtf8(int index) {
        return m().shape.utf8Names()[checkIndex(index)];
    }

    /** The UTF-8 JSON text of each member name ({@code "name":}), computed once per shape. */
    byte[][] jsonNames() {
        return m().shape.jsonNames();
    }

    /**
     * Positions of a fixed list of member names, resolved once per shape: for hot paths that read the
     * same members of many objects of one producer (which share a shape). Thread-safe: the last
     * resolution is an immutable pair, published racily (a thread may resolve a shape again).
     */
    public static final class Lookup {
        private final String[] names;
        private Resolved last;

        private record Resolved(Shape shape, int[] positions) {
        }

        public Lookup(java.util.List<String> names) {
            this.names = names.toArray(new String[0]);
        }

        /** The position in {@code o} of the {@code k}-th name, or -1 when {@code o} has no such member. */
        public int position(ObjectValue o, int k) {
            Shape s = o.m().shape;
            Resolved r = last;
            if (r == null || r.shape != s) {
                int[] p = new int[names.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = s.indexOf(names[i]);
                }
                r = new Resolved(s, p);
                last = r;
            }
            return r.positions[k];
        }

        /** The value in {@code o} of the {@code k}-th name, or null when absent. */
        public PayloadValue get(ObjectValue o, int k) {
            int p = position(o, k);
            return p < 0 ? null : o.m().values[p];
        }
    }

    private int checkIndex(int index) {
        return java.util.Objects.checkIndex(index, m().shape.size);
    }

    public int size() {
        return m().shape.size;
    }

    @Override
    public Kind kind() {
        return Kind.OBJECT;
    }

    /** A builder that keeps insertion order; handy for adapters that stream members. */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder that expects the members of {@code example}, in its order: while the names put match
     * (a parser reading a stream of similar events), the built object shares {@code example}'s shape
     * and no index is built. Any other sequence of puts gives the same result as {@link #builder()}.
     */
    public static Builder builderLike(ObjectValue example) {
        return new Builder(requireNonNull(example, "example is null").m().shape);
    }

    /**
     * Builds an object in insertion order; putting a name again replaces its value in place. The
     * built object adopts the builder's arrays; the builder copies them before its next write.
     */
    public static final class Builder {
        private Shape template;      // non-null while every put so far matched it, position by position
        private String[] names;
        private PayloadValue[] values;
        private int[] table;         // index of names[0..size), null while following the template
        private int size;
        private boolean shared;      // arrays handed to a built object

        private Builder(Shape template) {
            if (template != null && template.size > 0) {
                this.template = template;
                this.values = new PayloadValue[template.size];
            } else {
                this.names = new String[8];
                this.values = new PayloadValue[8];
                this.table = new int[16];
            }
        }

        public Builder put(String name, PayloadValue value) {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            if (shared) {
                unshare();
            }
            Shape t = template;
            if (t != null) {
                if (size < t.size) {
                    String expected = t.names[size];
                    if (expected == name || expected.equals(name)) {
                        // The template's names are distinct, so a matching prefix has no duplicate.
                        values[size++] = value;
                        return this;
                    }
                }
                leaveTemplate();
            }
            int i = indexOf(name);
            if (i >= 0) {
                values[i] = value;
                return this;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
            if (size * 2 > table.length) {
                table = Shape.index(names, size, table.length * 2);
            } else {
                insert(name, size - 1);
            }
            return this;
        }

        /** True when a member called {@code name} has been put (for parsers that refuse duplicate names). */
        public boolean contains(String name) {
            requireNonNull(name, "name is null");
            Shape t = template;
            if (t != null) {
                if (size < t.size) {
                    String expected = t.names[size];
                    if (expected == name || expected.equals(name)) {
                        return false; // the next name of the distinct template is not among the ones before it
                    }
                }
                for (int i = 0; i < size; i++) {
                    if (t.names[i].equals(name)) {
                        return true;
                    }
                }
                return false;
            }
            return indexOf(name) >= 0;
        }

        public Builder put(String name, String value) {
            return put(name, PayloadValue.ofNullable(value));
        }

        public Builder put(String name, long value) {
            return put(name, NumberValue.of(value));
        }

        public Builder put(String name, double value) {
            return put(name, NumberValue.of(value));
        }

        public Builder put(String name, boolean value) {
            return put(name, BooleanValue.of(value));
        }

        public ObjectValue build() {
            if (size == 0) {
                return EMPTY;
            }
            Shape shape;
            if (template != null && size == template.size) {
                shape = template;
            } else {
                if (template != null) {
                    leaveTemplate();
                }
                shape = new Shape(names, size, table);
            }
            shared = true;
            return new ObjectValue(new Members(shape, values));
        }

        private void unshare() {
            values = values.clone();
            if (names != null) {
                names = names.clone();
                table = table.clone();
            }
            shared = false;
        }

        /** Switches from following the template to a builder of its own, keeping the members put so far. */
        private void leaveTemplate() {
            Shape t = template;
            template = null;
            int capacity = Math.max(8, Integer.highestOneBit(Math.max(1, size)) * 2);
            names = Arrays.copyOf(t.names, capacity);
            Arrays.fill(names, size, capacity, null);
            values = Arrays.copyOf(values, capacity);
            table = Shape.index(names, size, Shape.capacityFor(capacity));
        }

        private int indexOf(String name) {
            int mask = table.length - 1;
            int slot = Shape.spread(name.hashCode()) & mask;
            int entry;
            while ((entry = table[slot]) != 0) {
                String candidate = names[entry - 1];
                if (candidate == name || candidate.equals(name)) {
                    return entry - 1;
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        private void insert(String name, int position) {
            int mask = table.length - 1;
            int slot = Shape.spread(name.hashCode()) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = position + 1;
        }
    }
}
