package dev.sluice.domain.testing;

import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;

import java.util.Map;

/** Writes payload values as compact JSON, for the original bytes of test items. */
public final class TestJson {

    private TestJson() {
    }

    public static String write(PayloadValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static RawBytes bytes(PayloadValue value) {
        return RawBytes.utf8(write(value));
    }

    private static void write(PayloadValue value, StringBuilder out) {
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
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(a.elements().get(i), out);
                }
                out.append(']');
            }
            case StringValue s -> string(s.value(), out);
            case NumberValue n -> out.append(n.value());
            case BooleanValue b -> out.append(b.value());
            case NullValue ignored -> out.append("null");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
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
