package dev.sluice.domain.model.payload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict, allocation-lean parser of one JSON value (RFC 8259) in UTF-8 bytes, for the ingestion
 * hot path. Every object it builds remembers where each member's value lies in the bytes
 * ({@link ObjectValue#receivedStart}), so that writers can copy a value as received instead of
 * encoding it again.
 *
 * <p>It reads the common case only, and says so by returning {@code null} for anything else:
 * malformed JSON, invalid UTF-8 (strictly: no overlong forms, no encoded surrogates), a duplicate
 * member name, nesting deeper than its limit, a byte-order mark, integers of more than 18 digits and
 * fractions of more than 15 significant digits or with an exponent beyond ±22. The caller then hands
 * the bytes to a full parser, which either reads them or says precisely what is wrong. On what it
 * does read, it builds exactly the values such a parser builds ({@code Long} integers; {@code Double}
 * fractions, zero as {@code +0.0}; strings with their escapes decoded, lone surrogates kept).
 *
 * <p>A root object can follow a template (the previous event's root): while the member names match
 * it, position by position, the new object shares the template's shape and no name is decoded.
 * Thread-safe: it keeps no state between calls but a racy cache of decoded member names.
 */
public final class PayloadParser {

    private static final int MAX_INTEGER_DIGITS = 18;
    private static final int MAX_SIGNIFICANT_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** Decoded ASCII member names by hash of their bytes; racy on purpose (a String is immutable). */
    private static final String[] NAMES = new String[1024];

    /** Thrown (without a stack trace) when the bytes are not for this parser; turned into null. */
    private static final class Refused extends RuntimeException {
        Refused() {
            super(null, null, false, false);
        }
    }

    private static final Refused REFUSED = new Refused();

    private final int maxDepth;

    /** @param maxDepth the deepest nesting of objects and arrays read (the root container is depth 1) */
    public PayloadParser(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be 1 or more, got " + maxDepth);
        }
        this.maxDepth = maxDepth;
    }

    /**
     * The JSON value of {@code bytes[start, end)}, or null when this parser does not read it (see the
     * class comment). {@code rootTemplate} is an earlier root object whose shape a root object may
     * share, or null.
     */
    public PayloadValue parse(byte[] bytes, int start, int end, ObjectValue rootTemplate) {
        java.util.Objects.checkFromToIndex(start, end, bytes.length);
        if (end > Members.OFFSET) {
            return null; // spans hold offsets below 2^30
        }
        Cursor c = new Cursor(bytes, start, end);
        try {
            c.skipWhitespace();
            PayloadValue value;
            if (c.pos < end && bytes[c.pos] == '{') {
                Shape template = rootTemplate == null ? null : rootTemplate.m().shape;
                value = c.object(1, template == null || template.size == 0 ? null : template);
            } else {
                value = c.value(0);
            }
            c.skipWhitespace();
            return c.pos == end ? value : null;
        } catch (Refused | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private final class Cursor {
        private final byte[] b;
        private final int end;
        private int pos;
        /** Whether the last string read had an escape. */
        private boolean escapedString;

        Cursor(byte[] b, int start, int end) {
            this.b = b;
            this.pos = start;
            this.end = end;
        }

        void skipWhitespace() {
            while (pos < end) {
                byte c = b[pos];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                pos++;
            }
        }

        private byte next() {
            if (pos >= end) {
                throw REFUSED;
            }
            return b[pos++];
        }

        PayloadValue value(int depth) {
            skipWhitespace();
            if (pos >= end) {
                throw REFUSED;
            }
            byte c = b[pos];
            switch (c) {
                case '{':
                    return object(depth + 1, null);
                case '[':
                    return array(depth + 1);
                case '"':
                    return new StringValue(string(false));
                case 't':
                    literal('t', 'r', 'u', 'e');
                    return BooleanValue.TRUE;
                case 'f':
                    literal('f', 'a', 'l', 's');
                    if (next() != 'e') {
                        throw REFUSED;
                    }
                    return BooleanValue.FALSE;
                case 'n':
                    literal('n', 'u', 'l', 'l');
                    return NullValue.INSTANCE;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw REFUSED;
            }
        }

        private void literal(char c0, char c1, char c2, char c3) {
            if (pos + 4 > end || b[pos] != c0 || b[pos + 1] != c1 || b[pos + 2] != c2 || b[pos + 3] != c3) {
                throw REFUSED;
            }
            pos += 4;
        }

        ObjectValue object(int depth, Shape template) {
            if (depth > maxDepth) {
                throw REFUSED;
            }
            pos++; // '{'
            skipWhitespace();
            if (pos < end && b[pos] == '}') {
                pos++;
                return ObjectValue.EMPTY;
            }
            int capacity = template != null ? template.size : 8;
            String[] names = template != null ? null : new String[capacity];
            PayloadValue[] values = new PayloadValue[capacity];
            int[] spans = new int[2 * capacity];
            int n = 0;
            boolean following = template != null;
            while (true) {
                if (pos >= end || b[pos] != '"') {
                    throw REFUSED;
                }
                int nameStart = pos + 1;
                int plainEnd = plainAsciiEnd(nameStart);
                String name;
                if (following && plainEnd >= 0 && n < template.size && template.nameIs(n, b, nameStart, plainEnd)) {
                    name = template.names[n];
                    pos = plainEnd + 1;
                } else {
                    if (following) {
                        following = false;
                        names = new String[Math.max(8, capacity)];
                        System.arraycopy(template.names, 0, names, 0, n);
                    }
                    if (plainEnd >= 0) {
                        name = asciiName(nameStart, plainEnd);
                        pos = plainEnd + 1;
                    } else {
                        name = string(true);
                    }
                }
                skipWhitespace();
                if (next() != ':') {
                    throw REFUSED;
                }
                skipWhitespace();
                int valueStart = pos;
                escapedString = false;
                PayloadValue value = value(depth);
                if (escapedString && value instanceof StringValue) {
                    valueStart |= Members.ESCAPED;
                }
                if (n == values.length) {
                    int grown = n * 2;
                    values = java.util.Arrays.copyOf(values, grown);
                    spans = java.util.Arrays.copyOf(spans, 2 * grown);
                    if (names != null) {
                        names = java.util.Arrays.copyOf(names, grown);
                    }
                }
                if (names != null) {
                    if (n == names.length) {
                        names = java.util.Arrays.copyOf(names, values.length);
                    }
                    names[n] = name;
                }
                values[n] = value;
                spans[2 * n] = valueStart;
                spans[2 * n + 1] = pos;
                n++;
                skipWhitespace();
                byte c = next();
                if (c == ',') {
                    skipWhitespace();
                } else if (c == '}') {
                    break;
                } else {
                    throw REFUSED;
                }
            }
            Shape shape;
            if (following && n == template.size) {
                shape = template;
            } else {
                if (following) {
                    names = java.util.Arrays.copyOf(template.names, n);
                }
                shape = Shape.distinct(names, n);
                if (shape == null) {
                    throw REFUSED; // a duplicate member name: the full parser reports it
                }
            }
            return new ObjectValue(new Members(shape, values, b, spans));
        }

        private ArrayValue array(int depth) {
            if (depth > maxDepth) {
                throw REFUSED;
            }
            pos++; // '['
            skipWhitespace();
            if (pos < end && b[pos] == ']') {
                pos++;
                return ArrayValue.EMPTY;
            }
            List<PayloadValue> elements = new ArrayList<>();
            while (true) {
                elements.add(value(depth));
                skipWhitespace();
                byte c = next();
                if (c == ']') {
                    return new ArrayValue(elements);
                }
                if (c != ',') {
                    throw REFUSED;
                }
            }
        }

        /** The end (the closing quote) of a string at {@code from} that is printable ASCII without escapes, or -1. */
        private int plainAsciiEnd(int from) {
            for (int i = from; i < end; i++) {
                byte c = b[i];
                if (c == '"') {
                    return i;
                }
                if (c == '\\' || c < 0x20) { // a negative byte is non-ASCII
                    return -1;
                }
            }
            return -1;
        }

        private String asciiName(int from, int to) {
            int length = to - from;
            int hash = length;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + b[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (NAMES.length - 1);
            String cached = NAMES[slot];
            if (cached != null && cached.length() == length) {
                boolean same = true;
                for (int i = 0; i < length; i++) {
                    if (cached.charAt(i) != b[from + i]) {
                        same = false;
                        break;
                    }
                }
                if (same) {
                    return cached;
                }
            }
            String name = new String(b, from, length, StandardCharsets.ISO_8859_1);
            NAMES[slot] = name;
            return name;
        }

        /**
         * Reads the string at {@code pos} (its opening quote) and moves past its closing quote. A member
         * name with an escaped surrogate is refused: Jackson refuses lone ones there, and reads pairs.
         */
        String string(boolean name) {
            int from = ++pos;
            boolean ascii = true;
            int i = from;
            while (true) {
                if (i >= end) {
                    throw REFUSED;
                }
                int c = b[i] & 0xFF;
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    return escaped(from, i, name);
                }
                if (c < 0x20) {
                    throw REFUSED;
                }
                if (c >= 0x80) {
                    ascii = false;
                }
                i++;
            }
            pos = i + 1;
            if (ascii) {
                return new String(b, from, i - from, StandardCharsets.ISO_8859_1);
            }
            validUtf8(from, i);
            return new String(b, from, i - from, StandardCharsets.UTF_8);
        }

        /** A string with escapes: {@code from} is its first content byte, {@code escape} its first backslash. */
        private String escaped(int from, int escape, boolean name) {
            escapedString = true;
            StringBuilder out = new StringBuilder(escape - from + 16);
            int run = from;
            int i = escape;
            while (true) {
                if (i >= end) {
                    throw REFUSED;
                }
                int c = b[i] & 0xFF;
                if (c == '"' || c == '\\') {
                    if (i > run) {
                        validUtf8(run, i);
                        out.append(new String(b, run, i - run, StandardCharsets.UTF_8));
                    }
                    if (c == '"') {
                        pos = i + 1;
                        return out.toString();
                    }
                    if (i + 1 >= end) {
                        throw REFUSED;
                    }
                    byte e = b[i + 1];
                    switch (e) {
                        case '"' -> out.append('"');
                        case '\\' -> out.append('\\');
                        case '/' -> out.append('/');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            if (i + 6 > end) {
                                throw REFUSED;
                            }
                            char u = (char) (hex(b[i + 2]) << 12 | hex(b[i + 3]) << 8 | hex(b[i + 4]) << 4 | hex(b[i + 5]));
                            if (name && Character.isSurrogate(u)) {
                                throw REFUSED;
                            }
                            out.append(u);
                            i += 4;
                        }
                        default -> throw REFUSED;
                    }
                    i += 2;
                    run = i;
                    continue;
                }
                if (c < 0x20) {
                    throw REFUSED;
                }
                i++;
            }
        }

        private int hex(byte c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            throw REFUSED;
        }

        /** Refuses anything in {@code b[from, to)} that is not well-formed UTF-8 (RFC 3629). */
        private void validUtf8(int from, int to) {
            int i = from;
            while (i < to) {
                int c = b[i] & 0xFF;
                if (c < 0x80) {
                    i++;
                    continue;
                }
                int need;
                int min2 = 0x80;
                int max2 = 0xBF;
                if (c >= 0xC2 && c <= 0xDF) {
                    need = 1;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    need = 2;
                    if (c == 0xE0) {
                        min2 = 0xA0;
                    } else if (c == 0xED) {
                        max2 = 0x9F; // no encoded surrogates
                    }
                } else if (c >= 0xF0 && c <= 0xF4) {
                    need = 3;
                    if (c == 0xF0) {
                        min2 = 0x90;
                    } else if (c == 0xF4) {
                        max2 = 0x8F;
                    }
                } else {
                    throw REFUSED;
                }
                if (i + need >= to) {
                    throw REFUSED;
                }
                int second = b[i + 1] & 0xFF;
                if (second < min2 || second > max2) {
                    throw REFUSED;
                }
                for (int k = 2; k <= need; k++) {
                    int more = b[i + k] & 0xFF;
                    if (more < 0x80 || more > 0xBF) {
                        throw REFUSED;
                    }
                }
                i += need + 1;
            }
        }

        /**
         * A number, as a full parser holds it: an integer as a Long; a fraction or exponent with at most
         * 15 significant digits as the Double nearest to it (Clinger's fast path: both the digits and
         * the power of ten are exact doubles, so one division or multiplication rounds correctly), zero
         * as +0.0. Anything else is refused.
         */
        private NumberValue number() {
            boolean negative = b[pos] == '-';
            if (negative) {
                pos++;
            }
            if (pos >= end) {
                throw REFUSED;
            }
            long mantissa = 0;
            int significant = 0;
            int integerDigits = 0;
            byte c = b[pos];
            if (c == '0') {
                pos++;
                integerDigits = 1;
            } else if (c >= '1' && c <= '9') {
                while (pos < end && (c = b[pos]) >= '0' && c <= '9') {
                    if (++integerDigits > MAX_INTEGER_DIGITS) {
                        throw REFUSED;
                    }
                    mantissa = mantissa * 10 + (c - '0');
                    pos++;
                }
                significant = integerDigits;
            } else {
                throw REFUSED;
            }
            boolean fraction = false;
            int scale = 0;
            if (pos < end && b[pos] == '.') {
                fraction = true;
                pos++;
                int digitsFrom = pos;
                while (pos < end && (c = b[pos]) >= '0' && c <= '9') {
                    if (c != '0' || significant > 0) {
                        if (++significant > MAX_SIGNIFICANT_DIGITS) {
                            throw REFUSED;
                        }
                    }
                    mantissa = mantissa * 10 + (c - '0');
                    scale++;
                    pos++;
                }
                if (pos == digitsFrom) {
                    throw REFUSED;
                }
            }
            int exponent = 0;
            if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
                fraction = true;
                pos++;
                boolean negativeExponent = false;
                if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                    negativeExponent = b[pos] == '-';
                    pos++;
                }
                int digitsFrom = pos;
                while (pos < end && (c = b[pos]) >= '0' && c <= '9') {
                    if (pos - digitsFrom >= 3) {
                        throw REFUSED;
                    }
                    exponent = exponent * 10 + (c - '0');
                    pos++;
                }
                if (pos == digitsFrom) {
                    throw REFUSED;
                }
                if (negativeExponent) {
                    exponent = -exponent;
                }
            }
            if (!fraction) {
                return NumberValue.of(negative ? -mantissa : mantissa);
            }
            if (significant > MAX_SIGNIFICANT_DIGITS) {
                throw REFUSED;
            }
            if (mantissa == 0) {
                return NumberValue.of(0.0);
            }
            int power = exponent - scale;
            if (power < -22 || power > 22) {
                throw REFUSED;
            }
            double d = power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
            return NumberValue.of(negative ? -d : d);
        }
    }
}
