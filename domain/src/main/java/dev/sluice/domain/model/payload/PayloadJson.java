package dev.sluice.domain.model.payload;


import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes a payload as compact JSON text (RFC 8259), members in their original order. The lake stores
 * payloads with it, and tests build items' original bytes with it. Thread-safe.
 */
public final class PayloadJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PayloadJson() {
    }

    /** Kept per thread between rows: payloads are written one at a time, the copy is {@code toString()}. */
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(1024));
    /** A buffer grown beyond this by an outsized payload is not kept. */
    private static final int KEEP_CAPACITY = 64 * 1024;

    /** The compact JSON text of {@code value}. */
    public static String write(PayloadValue value) {
        if (value instanceof StringValue s && plain(s.value())) {
            StringBuilder out = new StringBuilder(s.value().length() + 2);
            return out.append('"').append(s.value()).append('"').toString();
        }
        StringBuilder out = BUFFER.get();
        out.setLength(0);
        write(value, out);
        String json = out.toString();
        if (out.capacity() > KEEP_CAPACITY) {
            BUFFER.set(new StringBuilder(1024));
        }
        return json;
    }

    /** Appends the compact JSON text of {@code value} to {@code out}. */
    public static void write(PayloadValue value, StringBuilder out) {
        switch (value) {
            case ObjectValue o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, PayloadValue> e : o.members().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case ArrayValue a -> {
                out.append('[');
                var elements = a.elements();
                for (int i = 0, n = elements.size(); i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(elements.get(i), out);
                }
                out.append(']');
            }
            case StringValue s -> string(s.value(), out);
            case NumberValue n -> {
                switch (n.value()) {
                    case Long l -> out.append(l.longValue());
                    case Double d -> {
                        double v = d;
                        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                            out.append((long) v).append(".0");
                        } else {
                            out.append(v); // same text as Double.toString
                        }
                    }
                    case BigDecimal b -> out.append(b.toString());
                    default -> out.append(n.value().toString());
                }
            }
            case BooleanValue b -> out.append(b.value());
            case NullValue ignored -> out.append("null");
        }
    }

    /**
     * The same JSON text as {@link #write(PayloadValue)}, encoded straight to UTF-8 into a reusable
     * byte buffer: no intermediate {@code String}, no per-row allocation once the buffer has grown.
     * The bytes equal {@code write(value).getBytes(UTF_8)}, an unpaired surrogate included (as
     * {@code ?}). Not thread-safe: one per writing thread.
     */
    public static final class Utf8Writer {

        private static final byte[] NULL = {'n', 'u', 'l', 'l'};
        private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
        private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
        private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        private byte[] bytes;
        private int length;
        /** Scratch for {@link #string}: the chars of the string being written. */
        private char[] chars = new char[256];

        public Utf8Writer() {
            this(1024);
        }

        public Utf8Writer(int initialCapacity) {
            this.bytes = new byte[Math.max(16, initialCapacity)];
        }

        /** Replaces the buffer's content with the JSON text of {@code value}; returns its length in bytes. */
        public int write(PayloadValue value) {
            length = 0;
            value(value);
            return length;
        }

        /**
         * As {@link #write}, except that where an object was parsed from bytes ({@link PayloadParser}),
         * each member value not replaced since is copied as it was received: the same JSON value, in
         * the producer's own spelling (a number's digits, a string's escapes, whitespace inside a
         * nested value). The names and the structure around them are written as {@link #write} writes
         * them. Returns the length in bytes.
         */
        public int writeAsReceived(PayloadValue value) {
            length = 0;
            received(value);
            return length;
        }

        private void received(PayloadValue value) {
            if (!(value instanceof ObjectValue o) || o.m().source == null) {
                value(value);
                return;
            }
            Members m = o.m();
            byte[] source = m.source;
            int[] spans = m.spans;
            byte[][] names = m.shape.jsonNames();
            put((byte) '{');
            for (int i = 0, n = m.shape.size; i < n; ) {
                if (i > 0) {
                    put((byte) ',');
                }
                put(names[i]);
                int start = spans[2 * i];
                if (start < 0) {
                    received(m.values[i]);
                    i++;
                    continue;
                }
                // A run of members received as they are: one copy of their values and of the separators
                // and names between them, as the producer wrote them.
                int last = i;
                while (last + 1 < n && spans[2 * (last + 1)] >= 0) {
                    last++;
                }
                int from = start & Members.OFFSET;
                int size = spans[2 * last + 1] - from;
                ensure(size);
                System.arraycopy(source, from, bytes, length, size);
                length += size;
                i = last + 1;
            }
            put((byte) '}');
        }

        /** The buffer; its first {@link #length()} bytes are the last value written. Valid until the next write. */
        public byte[] bytes() {
            return bytes;
        }

        public int length() {
            return length;
        }

        private void value(PayloadValue value) {
            switch (value) {
                case ObjectValue o -> {
                    put((byte) '{');
                    for (int i = 0, n = o.size(); i < n; i++) {
                        if (i > 0) {
                            put((byte) ',');
                        }
                        string(o.nameAt(i));
                        put((byte) ':');
                        value(o.valueAt(i));
                    }
                    put((byte) '}');
                }
                case ArrayValue a -> {
                    put((byte) '[');
                    var elements = a.elements();
                    for (int i = 0, n = elements.size(); i < n; i++) {
                        if (i > 0) {
                            put((byte) ',');
                        }
                        value(elements.get(i));
                    }
                    put((byte) ']');
                }
                case StringValue s -> string(s.value());
                case NumberValue n -> {
                    switch (n.value()) {
                        case Long l -> number(l);
                        case Double d -> {
                            double v = d;
                            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                                number((long) v);
                                put((byte) '.');
                                put((byte) '0');
                            } else {
                                ascii(Double.toString(v));
                            }
                        }
                        default -> ascii(n.value().toString());
                    }
                }
                case BooleanValue b -> put(b.value() ? TRUE : FALSE);
                case NullValue ignored -> put(NULL);
            }
        }

        private void number(long v) {
            if (v == Long.MIN_VALUE) {
                put(MIN_LONG);
                return;
            }
            if (v < 0) {
                put((byte) '-');
                v = -v;
            }
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) {
                digits++;
            }
            ensure(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + (int) (v % 10));
                v /= 10;
            }
            length += digits;
        }

        private void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
        }

        private void string(String s) {
            int n = s.length();
            // Worst case: every char a 6-byte escape; quotes included.
            ensure(n * 6 + 2);
            // One bulk copy of the chars (a widening copy for Latin-1 strings), then a loop over an array
            // the compiler can range-check once, instead of a checked charAt per char.
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            char[] cs = chars;
            s.getChars(0, n, cs, 0);
            byte[] b = bytes;
            int at = length;
            b[at++] = '"';
            for (int i = 0; i < n; i++) {
                char c = cs[i];
                if (c < 0x80) {
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        b[at++] = (byte) c;
                        continue;
                    }
                    b[at++] = '\\';
                    switch (c) {
                        case '"' -> b[at++] = '"';
                        case '\\' -> b[at++] = '\\';
                        case '\n' -> b[at++] = 'n';
                        case '\r' -> b[at++] = 'r';
                        case '\t' -> b[at++] = 't';
                        case '\b' -> b[at++] = 'b';
                        case '\f' -> b[at++] = 'f';
                        default -> {
                            b[at++] = 'u';
                            b[at++] = '0';
                            b[at++] = '0';
                            b[at++] = (byte) HEX[(c >> 4) & 0xF];
                            b[at++] = (byte) HEX[c & 0xF];
                        }
                    }
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xC0 | (c >> 6));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                } else if (c == '\u2028' || c == '\u2029') {
                    b[at++] = '\\';
                    b[at++] = 'u';
                    b[at++] = '2';
                    b[at++] = '0';
                    b[at++] = '2';
                    b[at++] = (byte) (c == '\u2028' ? '8' : '9');
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(cs[i + 1])) {
                    int cp = Character.toCodePoint(c, cs[++i]);
                    b[at++] = (byte) (0xF0 | (cp >> 18));
                    b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (cp & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    b[at++] = '?'; // as String.getBytes(UTF_8) encodes an unpaired surrogate
                } else {
                    b[at++] = (byte) (0xE0 | (c >> 12));
                    b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            b[at++] = '"';
            length = at;
        }

        private void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        private void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /** True when {@code s} needs no escaping (the common case: ids, enums, names). */
    private static boolean plain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    private static void string(String s, StringBuilder out) {
        if (plain(s)) {
            out.append('"').append(s).append('"');
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append("\\u00").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                        if (c >= 0x100) {
                            out.setLength(out.length() - 6);
                            out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                    .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
