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
