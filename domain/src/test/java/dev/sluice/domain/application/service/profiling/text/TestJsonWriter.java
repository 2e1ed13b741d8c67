package dev.sluice.domain.application.service.profiling.text;

import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;

import java.math.BigDecimal;
import java.util.Map;

/** A tiny JSON writer for tests: compact or indented, with raw or escaped non-ASCII. */
public final class TestJsonWriter {

    private final boolean escapeNonAscii;
    private final boolean indent;

    public TestJsonWriter(boolean escapeNonAscii, boolean indent) {
        this.escapeNonAscii = escapeNonAscii;
        this.indent = indent;
    }

    public static String compact(PayloadValue value) {
        return new TestJsonWriter(false, false).write(value);
    }

    public String write(PayloadValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private void write(PayloadValue value, StringBuilder out, int level) {
        switch (value) {
            case NullValue n -> out.append("null");
            case BooleanValue b -> out.append(b.value());
            case NumberValue n -> out.append(switch (n.value()) {
                case BigDecimal b -> b.toString();
                default -> n.value().toString();
            });
            case StringValue s -> string(s.value(), out);
            case ArrayValue a -> {
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    newline(out, level + 1);
                    write(a.elements().get(i), out, level + 1);
                }
                if (a.size() > 0) {
                    newline(out, level);
                }
                out.append(']');
            }
            case ObjectValue o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, PayloadValue> e : o.members().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    newline(out, level + 1);
                    string(e.getKey(), out);
                    out.append(indent ? ": " : ":");
                    write(e.getValue(), out, level + 1);
                }
                if (!o.members().isEmpty()) {
                    newline(out, level);
                }
                out.append('}');
            }
        }
    }

    private void newline(StringBuilder out, int level) {
        if (indent) {
            out.append('\n').append("  ".repeat(level));
        }
    }

    private void string(String s, StringBuilder out) {
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
                    if (c < 0x20 || (escapeNonAscii && c > 0x7E)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
